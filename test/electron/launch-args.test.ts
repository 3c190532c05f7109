// What the command line asks for: the command-line tool behind --cli (whatever follows is the
// tool's), or files to open from a file manager, a second launch or `electron . file`.
import { describe, expect, it } from 'vitest';
import { cliArguments, documentKind, filesToOpen } from '../../electron/launch-args';

describe('cliArguments', () => {
  it('hands everything after --cli (and its optional --) to the command-line tool', () => {
    expect(cliArguments(['/opt/Tidecast/tidecast', '--cli', '--', '--input', 'sales.csv', '--horizon', '12'])).toEqual(['--input', 'sales.csv', '--horizon', '12']);
    expect(cliArguments(['/opt/Tidecast/tidecast', '--ozone-platform=headless', '--cli', '--help'])).toEqual(['--help']);
    expect(cliArguments(['electron', '/src/tidecast', '--cli'])).toEqual([]);
  });

  it('is null for a desktop start, and for a --cli that is itself an argument after --', () => {
    expect(cliArguments(['/opt/Tidecast/tidecast'])).toBeNull();
    expect(cliArguments(['/opt/Tidecast/tidecast', 'sales.csv'])).toBeNull();
    expect(cliArguments(['/opt/Tidecast/tidecast', '--', '--cli'])).toBeNull();
  });
});

describe('filesToOpen', () => {
  it('takes the file operands of a packaged start, resolved against the working folder', () => {
    expect(filesToOpen(['/opt/Tidecast/tidecast', 'sales.csv', '/data/wine.tidecast'], { isPackaged: true, cwd: '/home/ann' })).toEqual(['/home/ann/sales.csv', '/data/wine.tidecast']);
  });

  it('skips the app folder of `electron .` and the switches Chromium adds, wherever they stand', () => {
    const argv = ['/usr/lib/electron/electron', '/src/tidecast', '--allow-file-access-from-files', '--original-process-start-time=1', 'data/load.csv'];
    expect(filesToOpen(argv, { isPackaged: false, cwd: '/src/tidecast' })).toEqual(['/src/tidecast/data/load.csv']);
    const driven = ['/usr/lib/electron/electron', '--inspect=0', '--remote-debugging-port=0', '/src/tidecast', '/tmp/a.csv'];
    expect(filesToOpen(driven, { isPackaged: false, cwd: '/' })).toEqual(['/tmp/a.csv']);
  });

  it('keeps a file whose name starts with a dash when it follows --', () => {
    expect(filesToOpen(['/opt/Tidecast/tidecast', '--', '-weird.csv'], { isPackaged: true, cwd: '/tmp' })).toEqual(['/tmp/-weird.csv']);
  });

  it('finds nothing to open in a plain start', () => {
    expect(filesToOpen(['/opt/Tidecast/tidecast'], { isPackaged: true, cwd: '/' })).toEqual([]);
    expect(filesToOpen(['electron', '.'], { isPackaged: false, cwd: '/' })).toEqual([]);
  });
});

describe('documentKind', () => {
  it('reads .tidecast as a project and everything else as data', () => {
    expect(documentKind('/a/Wine study.TIDECAST')).toBe('project');
    expect(documentKind('/a/sales.csv')).toBe('data');
    expect(documentKind('/a/sales.tsv')).toBe('data');
    expect(documentKind('/a/readme')).toBe('data');
  });
});
