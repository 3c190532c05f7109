// The window's AppState for every view, through Svelte's context rather than a prop handed down
// each level: App.svelte provides it once, a view reads it with useApp().
import { createContext } from 'svelte';
import type { AppState } from './app-state.svelte';

export const [useApp, provideApp] = createContext<AppState>();
