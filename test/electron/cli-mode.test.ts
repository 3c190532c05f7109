// The command-line tool as the packaged app runs it: the same tool and exit codes as the
// `tidecast` bin, its output on the given streams, its jobs on the given worker.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runHeadlessCli } from '../../electron/cli-mode';

const ROOT = join(import.meta.dirname, '../..');
const workerUrl = new URL('../../engine/forecast/worker.ts', import.meta.url);

function collect(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      stream.text += chunk.toString();
      done();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

describe('runHeadlessCli', () => {
  it('prints the help and exits 0', async () => {
    const stdout = collect();
    const stderr = collect();
    expect(await runHeadlessCli(['--help'], { workerUrl, stdout, stderr })).toBe(0);
    expect(stdout.text).toContain('--input');
    expect(stderr.text).toBe('');
  });

  it('exits 2 with one line for a file that does not exist', async () => {
    const stdout = collect();
    const stderr = collect();
    expect(await runHeadlessCli(['--input', join(ROOT, 'no-such-file.csv')], { workerUrl, stdout, stderr })).toBe(2);
    expect(stderr.text.trim().split('\n')).toHaveLength(1);
    expect(stdout.text).toBe('');
  });

  it('forecasts a sample on the worker it was given', async () => {
    const stdout = collect();
    const stderr = collect();
    const input = join(ROOT, 'samples/au_wine_sales.csv');
    const code = await runHeadlessCli(['--input', input, '--model', 'gru', '--hidden', '4', '--epochs', '1', '--quiet'], { workerUrl, stdout, stderr });
    expect(stderr.text).toBe('');
    expect(code).toBe(0);
    const lines = stdout.text.trim().split('\n');
    expect(lines[0]!.startsWith('timestamp,forecast,')).toBe(true);
    expect(lines).toHaveLength(19);
    expect(readFileSync(input, 'utf8')).toContain('1994-08-01');
    expect(lines[1]!.startsWith('1994-09-01,')).toBe(true);
  });
});
