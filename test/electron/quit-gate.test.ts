// Quitting: the window state and the job pool get to finish before the process ends, once, and
// a failed flush never traps the app open.
import { describe, expect, it, vi } from 'vitest';
import { holdQuitUntil } from '../../electron/quit-gate';

const willQuit = () => ({ prevented: false, preventDefault() { this.prevented = true; } });

describe('holdQuitUntil', () => {
  it('holds the first quit until the flush is done, then quits; the second quit goes through', async () => {
    let finish!: () => void;
    const flush = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const quit = vi.fn();
    const listener = holdQuitUntil(flush, quit);
    const first = willQuit();
    listener(first);
    expect(first.prevented).toBe(true);
    expect(quit).not.toHaveBeenCalled();
    finish();
    await vi.waitFor(() => expect(quit).toHaveBeenCalledOnce());
    const second = willQuit();
    listener(second);
    expect(second.prevented).toBe(false);
    expect(flush).toHaveBeenCalledOnce();
  });

  it('still quits when the flush fails', async () => {
    const quit = vi.fn();
    holdQuitUntil(() => Promise.reject(new Error('disk full')), quit)(willQuit());
    await vi.waitFor(() => expect(quit).toHaveBeenCalledOnce());
  });
});
