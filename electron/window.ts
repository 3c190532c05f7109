// The main window's options: secure webPreferences as literals (tests snapshot them) and a
// size that fits the UI (usable from 1024×700 up).
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 1024, height: 700 } as const;

export interface WindowOptionsInput {
  /** Absolute path of the bundled preload (out/preload/preload.cjs). */
  preload: string;
  /** Restored bounds; position omitted lets the OS place the window. */
  bounds?: Partial<Rectangle>;
  /** Matches the page background so no white flash shows before the first paint. */
  backgroundColor?: string;
  /** Developer tools only in development builds. */
  devTools?: boolean;
}

export function windowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: input.bounds?.width ?? DEFAULT_SIZE.width,
    height: input.bounds?.height ?? DEFAULT_SIZE.height,
    ...(input.bounds?.x !== undefined && input.bounds?.y !== undefined ? { x: input.bounds.x, y: input.bounds.y } : {}),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Tidecast',
    // Shown on 'ready-to-show', once the first frame is painted.
    show: false,
    backgroundColor: input.backgroundColor ?? '#ffffff',
    webPreferences: {
      preload: input.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // A file dropped outside the drop zone must never navigate the window to file://.
      navigateOnDragDrop: false,
      // Middle-click would otherwise try to open links in a new window (denied anyway).
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
      devTools: input.devTools ?? false,
    },
  };
}
