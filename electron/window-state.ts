// Remembers the window's size, position and maximized state in userData/window-state.json,
// written atomically, and restores it only where it is still visible on some display.
import { readFile } from 'node:fs/promises';
import type { BrowserWindow, Rectangle } from 'electron';
import * as v from 'valibot';
import { atomicWrite } from './files';
import { DEFAULT_SIZE, MIN_SIZE } from './window';

const StateSchema = v.object({
  bounds: v.object({
    x: v.pipe(v.number(), v.integer()),
    y: v.pipe(v.number(), v.integer()),
    width: v.pipe(v.number(), v.integer(), v.minValue(1)),
    height: v.pipe(v.number(), v.integer(), v.minValue(1)),
  }),
  maximized: v.boolean(),
});

export type WindowState = v.InferOutput<typeof StateSchema>;

export interface RestoredWindow {
  bounds: Partial<Rectangle> & { width: number; height: number };
  maximized: boolean;
}

/** The saved state, or null when the file is missing or not ours (a fresh start, not an error). */
export function parseWindowState(text: string): WindowState | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = v.safeParse(StateSchema, json);
  return parsed.success ? parsed.output : null;
}

/** Overlap area of two rectangles (0 when they do not touch). */
function overlap(a: Rectangle, b: Rectangle): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Where to open the window: the saved bounds when their title bar area is on a display's work
 * area (a monitor may have been unplugged), sized to fit that display; otherwise the default
 * size, placed by the OS.
 */
export function restoreWindow(state: WindowState | null, workAreas: readonly Rectangle[]): RestoredWindow {
  const fallback: RestoredWindow = { bounds: { ...DEFAULT_SIZE }, maximized: state?.maximized ?? false };
  if (state === null) return { bounds: { ...DEFAULT_SIZE }, maximized: false };
  const { x, y, width, height } = state.bounds;
  // The top strip is what the user grabs to move the window; it must be reachable.
  const grabStrip: Rectangle = { x, y, width, height: Math.min(height, 40) };
  const area = workAreas.find((a) => overlap(a, grabStrip) >= Math.min(grabStrip.width, 100) * grabStrip.height);
  if (area === undefined) return fallback;
  return {
    bounds: {
      x,
      y,
      width: Math.max(MIN_SIZE.width, Math.min(width, area.width)),
      height: Math.max(MIN_SIZE.height, Math.min(height, area.height)),
    },
    maximized: state.maximized,
  };
}

export async function loadWindowState(file: string): Promise<WindowState | null> {
  try {
    return parseWindowState(await readFile(file, 'utf8'));
  } catch {
    return null;
  }
}

type TrackedWindow = Pick<BrowserWindow, 'on' | 'getNormalBounds' | 'isMaximized' | 'isDestroyed'>;

/**
 * Saves the window's state when it stops moving or resizing, and when it closes. Writes are
 * serialized; `flush()` resolves once the last one is on disk (main awaits it before quitting).
 */
export function trackWindowState(
  win: TrackedWindow,
  file: string,
  options: { debounceMs?: number; write?: typeof atomicWrite; onError?: (error: unknown) => void } = {},
): { flush(): Promise<void> } {
  const debounceMs = options.debounceMs ?? 400;
  const write = options.write ?? atomicWrite;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let chain: Promise<void> = Promise.resolve();
  let lastWritten = '';

  const save = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (win.isDestroyed()) return;
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    const text = `${JSON.stringify(state, null, 2)}\n`;
    if (text === lastWritten) return;
    lastWritten = text;
    chain = chain.then(() => write(file, text)).catch((error: unknown) => options.onError?.(error));
  };
  const later = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(save, debounceMs);
  };

  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', save);
  win.on('unmaximize', save);
  // 'close' comes before the window is destroyed, so its bounds are still readable.
  win.on('close', save);

  return {
    flush: async () => {
      if (timer !== null) save();
      await chain;
    },
  };
}
