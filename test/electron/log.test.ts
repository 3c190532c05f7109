// The log file: lines land in the file main names (not electron-log's default place), with their
// level; the hint users see names that file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openAppLog, reportHint } from '../../electron/log';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidecast-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openAppLog', () => {
  it('writes info, warnings and errors to the file it was given, creating its folder', () => {
    const file = join(dir, 'logs', 'main.log');
    const app = openAppLog(file, { sync: true, console: false });
    app.info('Tidecast 0.1.0 started');
    app.warn('IPC app:info refused: the message came from a sub-frame.');
    app.error('Job 3 failed:', new Error('boom'));
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/\[info\]\s+Tidecast 0\.1\.0 started/);
    expect(text).toMatch(/\[warn\]\s+IPC app:info refused/);
    expect(text).toMatch(/\[error\]\s+Job 3 failed: Error: boom/);
  });

  it('writes in the background by default, the lines arriving in order', async () => {
    const file = join(dir, 'main.log');
    const app = openAppLog(file, { console: false });
    for (let i = 1; i <= 20; i++) app.info(`line ${i}`);
    await vi.waitFor(() => expect(readFileSync(file, 'utf8')).toContain('line 20'), { timeout: 10_000 });
    const numbers = [...readFileSync(file, 'utf8').matchAll(/line (\d+)/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});

describe('reportHint', () => {
  it('names the log file and how to find it', () => {
    expect(reportHint('/home/ann/.config/Tidecast/logs/main.log')).toBe('If it keeps happening, please report it and attach the log file /home/ann/.config/Tidecast/logs/main.log (Help › Show Logs).');
  });
});
