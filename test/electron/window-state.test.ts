// Window size and position survive a restart, but never reopen off-screen.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadWindowState, parseWindowState, restoreWindow, trackWindowState } from '../../electron/window-state';

const laptop = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('restoreWindow', () => {
  it('opens at the default size, placed by the OS, on first start', () => {
    expect(restoreWindow(null, [laptop])).toEqual({ bounds: { width: 1280, height: 820 }, maximized: false });
  });

  it('restores bounds that are on a display', () => {
    const state = { bounds: { x: 2100, y: 100, width: 1500, height: 900 }, maximized: true };
    expect(restoreWindow(state, [laptop, rightMonitor])).toEqual({ bounds: { x: 2100, y: 100, width: 1500, height: 900 }, maximized: true });
  });

  it('falls back to the default when the monitor it was on is gone', () => {
    const state = { bounds: { x: 2100, y: 100, width: 1500, height: 900 }, maximized: false };
    expect(restoreWindow(state, [laptop])).toEqual({ bounds: { width: 1280, height: 820 }, maximized: false });
  });

  it('falls back when only a sliver of the title bar would be reachable', () => {
    const state = { bounds: { x: 1900, y: 10, width: 1200, height: 800 }, maximized: false };
    expect(restoreWindow(state, [laptop]).bounds).toEqual({ width: 1280, height: 820 });
  });

  it('shrinks a window larger than its display, but not below the minimum size', () => {
    const small = { x: 0, y: 0, width: 1280, height: 720 };
    const state = { bounds: { x: 0, y: 0, width: 2500, height: 1600 }, maximized: false };
    expect(restoreWindow(state, [small]).bounds).toEqual({ x: 0, y: 0, width: 1280, height: 720 });
    const tiny = { x: 0, y: 0, width: 800, height: 600 };
    expect(restoreWindow(state, [tiny]).bounds).toEqual({ x: 0, y: 0, width: 1024, height: 700 });
  });
});

describe('parseWindowState', () => {
  it.each(['', 'not json', '{}', '{"bounds":{"x":0,"y":0,"width":-5,"height":10},"maximized":false}', '{"bounds":{"x":0.5,"y":0,"width":5,"height":10},"maximized":false}', '[]'])(
    'treats %j as no saved state',
    (text) => {
      expect(parseWindowState(text)).toBeNull();
    },
  );

  it('reads what trackWindowState writes', () => {
    expect(parseWindowState('{"bounds":{"x":-10,"y":20,"width":1300,"height":800},"maximized":true}')).toEqual({
      bounds: { x: -10, y: 20, width: 1300, height: 800 },
      maximized: true,
    });
  });
});

describe('trackWindowState', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tidecast-window-state-'));
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  function fakeWindow() {
    const emitter = new EventEmitter();
    const win = {
      bounds: { x: 100, y: 50, width: 1300, height: 850 },
      maximized: false,
      destroyed: false,
      on: (event: string, listener: () => void) => (emitter.on(event, listener), win),
      getNormalBounds: () => ({ ...win.bounds }),
      isMaximized: () => win.maximized,
      isDestroyed: () => win.destroyed,
      emit: (event: string) => emitter.emit(event),
    };
    return win;
  }

  it('saves after the user stops resizing, and on close, atomically', async () => {
    const file = join(dir, 'window-state.json');
    const win = fakeWindow();
    const tracker = trackWindowState(win as never, file, { debounceMs: 400 });

    win.bounds = { x: 100, y: 50, width: 1400, height: 900 };
    win.emit('resize');
    win.emit('resize');
    await vi.advanceTimersByTimeAsync(399);
    await tracker.flush();
    // flush() saved the pending state immediately.
    expect(parseWindowState(readFileSync(file, 'utf8'))).toEqual({ bounds: { x: 100, y: 50, width: 1400, height: 900 }, maximized: false });

    win.maximized = true;
    win.emit('close');
    await tracker.flush();
    expect(await loadWindowState(file)).toEqual({ bounds: { x: 100, y: 50, width: 1400, height: 900 }, maximized: true });
    expect(readdirSync(dir)).toEqual(['window-state.json']);
  });

  it('coalesces a burst of moves into one write', async () => {
    const write = vi.fn(async () => {});
    const win = fakeWindow();
    const tracker = trackWindowState(win as never, join(dir, 's.json'), { debounceMs: 400, write });
    for (let i = 0; i < 20; i++) {
      win.bounds = { ...win.bounds, x: 100 + i };
      win.emit('move');
      await vi.advanceTimersByTimeAsync(50);
    }
    await vi.advanceTimersByTimeAsync(400);
    await tracker.flush();
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('reports a failed write without throwing', async () => {
    const onError = vi.fn();
    const win = fakeWindow();
    const tracker = trackWindowState(win as never, join(dir, 'missing', 's.json'), { onError });
    win.emit('close');
    await tracker.flush();
    expect(onError).toHaveBeenCalledOnce();
  });

  it('ignores a window already destroyed', async () => {
    const write = vi.fn(async () => {});
    const win = fakeWindow();
    win.destroyed = true;
    const tracker = trackWindowState(win as never, join(dir, 's.json'), { write });
    win.emit('close');
    await tracker.flush();
    expect(write).not.toHaveBeenCalled();
  });

  it('starts fresh when the saved file is corrupt', async () => {
    writeFileSync(join(dir, 'window-state.json'), '{"bounds": {"x": 1');
    expect(await loadWindowState(join(dir, 'window-state.json'))).toBeNull();
    expect(await loadWindowState(join(dir, 'absent.json'))).toBeNull();
  });
});
