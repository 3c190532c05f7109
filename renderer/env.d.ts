// The page's view of the preload API: derived from createApi, so it is never written twice.
import type { createApi } from '../electron/api';

declare global {
  interface Window {
    readonly tidecast: ReturnType<typeof createApi>;
  }
}

export {};
