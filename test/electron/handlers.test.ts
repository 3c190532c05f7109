// The channel handlers under plain Node: dialogs answer with paths in a temp folder, files are
// real. Saves are atomic, cancels write nothing, names from the page cannot escape.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_OPEN_BYTES } from '../../electron/contract';
import { createHandlers, OPEN_CSV_FILTERS, type HandlerDeps } from '../../electron/handlers';
import { IpcFailure, registerHandlers } from '../../electron/ipc';
import { APP_ORIGIN } from '../../electron/protocol';
import { APP_CONTENTS, eventFrom, FakeRegistry, scriptedDialogs, type DialogScript } from './fakes';

const samplesDir = join(import.meta.dirname, '../../samples');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const appInfo = { name: 'Tidecast', version: '0.1.0', electron: '45.5.0', chrome: '140', node: '22', v8: '14', platform: 'linux', arch: 'x64', logFile: '/home/ann/.config/Tidecast/logs/main.log' };
const ctx = { sender: APP_CONTENTS };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidecast-handlers-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function make(script: DialogScript, extra: Partial<HandlerDeps> = {}) {
  const dialogs = scriptedDialogs(script);
  const handlers = createHandlers({ appInfo, samplesDir, dialogs, defaultSaveDir: dir, ...extra });
  return { handlers, dialogs };
}

/** Runs `promise` and returns the IpcFailure it rejects with. */
async function failureOf(promise: unknown): Promise<IpcFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof IpcFailure) return error;
    throw error;
  }
  throw new Error('expected an IpcFailure');
}

describe('samples', () => {
  it('lists the bundled samples with titles, catalogued ones first', async () => {
    const { handlers } = make({});
    const list = await handlers['samples:list'](undefined, ctx);
    expect(list.map((s) => s.name)).toEqual(['au_wine_sales.csv', 'nyc_air_quality.csv']);
    expect(list[0]).toMatchObject({ title: 'Australian wine sales', bytes: readFileSync(join(samplesDir, 'au_wine_sales.csv')).length });
  });

  it('opens a sample by name with its text', async () => {
    const { handlers } = make({});
    const file = await handlers['samples:open']({ name: 'au_wine_sales.csv' }, ctx);
    expect(file.name).toBe('au_wine_sales.csv');
    expect(file.encoding).toBe('utf-8');
    expect(file.text.split('\n')[0]).toBe('date,wine_sales_litres');
    // 176 monthly values, Jan 1980 – Aug 1994 (shared/data/manifest.json), plus the header.
    expect(file.text.trim().split('\n')).toHaveLength(177);
  });

  it.each(['../package.json', '..', '/etc/passwd', 'missing.csv', 'au_wine_sales.csv/..'])('refuses %j as not-found, naming what exists', async (name) => {
    const { handlers } = make({});
    const failure = await failureOf(handlers['samples:open']({ name }, ctx));
    expect(failure.code).toBe('not-found');
    expect(failure.message).toContain('Available: au_wine_sales.csv, nyc_air_quality.csv');
  });
});

describe('file:open-csv', () => {
  it('opens main’s dialog with CSV filters and returns the chosen file decoded', async () => {
    writeFileSync(join(dir, 'sales.csv'), '\ufeffdate;value\n2024-01-01;12,5\n');
    const { handlers, dialogs } = make({ open: join(dir, 'sales.csv') });
    const result = await handlers['file:open-csv'](undefined, ctx);
    expect(result).toEqual({ canceled: false, name: 'sales.csv', text: '\ufeffdate;value\n2024-01-01;12,5\n', bytes: 30, encoding: 'utf-8' });
    expect(dialogs.opened[0]).toMatchObject({ properties: ['openFile'], filters: OPEN_CSV_FILTERS });
    expect(OPEN_CSV_FILTERS[0]!.extensions).toEqual(['csv', 'tsv', 'txt']);
  });

  it('returns canceled when the user closes the dialog', async () => {
    const { handlers } = make({ open: null });
    await expect(handlers['file:open-csv'](undefined, ctx)).resolves.toEqual({ canceled: true });
  });

  it('explains a file that cannot be read', async () => {
    const { handlers } = make({ open: join(dir, 'gone.csv') });
    const failure = await failureOf(handlers['file:open-csv'](undefined, ctx));
    expect(failure.code).toBe('io-failed');
    expect(failure.message).toBe('Could not read "gone.csv": the file or folder does not exist. Check that the file exists and you may read it.');
    expect(failure.where).toBe(join(dir, 'gone.csv'));
  });

  it('refuses a file over the size limit with what to do', async () => {
    // A sparse file: its size is over the limit without writing 256 MB.
    const path = join(dir, 'huge.csv');
    writeFileSync(path, '');
    const { truncateSync } = await import('node:fs');
    truncateSync(path, MAX_OPEN_BYTES + 1);
    const { handlers } = make({ open: path });
    const failure = await failureOf(handlers['file:open-csv'](undefined, ctx));
    expect(failure.code).toBe('too-large');
    expect(failure.message).toContain('Tidecast opens files up to 256 MB');
    expect(failure.message).toContain('Split it');
  });
});

describe('file:save', () => {
  it('writes text to the chosen path, adding the extension the user left off', async () => {
    const { handlers, dialogs } = make({ save: join(dir, 'my forecast') });
    const result = await handlers['file:save']({ kind: 'csv', suggestedName: 'forecast', content: 'date,value\n' }, ctx);
    expect(result).toEqual({ canceled: false, name: 'my forecast.csv', path: join(dir, 'my forecast.csv'), bytes: 11 });
    expect(readFileSync(join(dir, 'my forecast.csv'), 'utf8')).toBe('date,value\n');
    expect(readdirSync(dir)).toEqual(['my forecast.csv']);
    expect(dialogs.saved[0]).toMatchObject({ defaultPath: join(dir, 'forecast.csv'), filters: [{ name: 'CSV', extensions: ['csv'] }] });
  });

  it('asks before replacing the file the added extension names, and keeps it on No (the dialog only saw the name as typed)', async () => {
    writeFileSync(join(dir, 'report.csv'), 'keep me\n');
    const { handlers, dialogs } = make({ save: join(dir, 'report'), overwrite: false });
    await expect(handlers['file:save']({ kind: 'csv', suggestedName: 'forecast', content: 'new\n' }, ctx)).resolves.toEqual({ canceled: true });
    expect(dialogs.overwriteAsked).toEqual([join(dir, 'report.csv')]);
    expect(readFileSync(join(dir, 'report.csv'), 'utf8')).toBe('keep me\n');
  });

  it('replaces it on Yes, and does not ask again when the dialog returned the full name (it asked itself)', async () => {
    writeFileSync(join(dir, 'report.csv'), 'old\n');
    const asked = make({ save: join(dir, 'report'), overwrite: true });
    await expect(asked.handlers['file:save']({ kind: 'csv', suggestedName: 'forecast', content: 'new\n' }, ctx)).resolves.toMatchObject({ canceled: false, name: 'report.csv' });
    expect(readFileSync(join(dir, 'report.csv'), 'utf8')).toBe('new\n');
    const direct = make({ save: join(dir, 'report.csv') });
    await direct.handlers['file:save']({ kind: 'csv', suggestedName: 'forecast', content: 'newer\n' }, ctx);
    expect(direct.dialogs.overwriteAsked).toEqual([]);
    expect(readFileSync(join(dir, 'report.csv'), 'utf8')).toBe('newer\n');
  });

  it('writes PNG bytes exactly', async () => {
    const { handlers } = make({ save: join(dir, 'chart.png') });
    await handlers['file:save']({ kind: 'png', suggestedName: 'chart', content: PNG }, ctx);
    expect([...readFileSync(join(dir, 'chart.png'))]).toEqual([...PNG]);
  });

  it('uses the kind’s filter and extension for projects and JSON', async () => {
    const { handlers, dialogs } = make({ save: join(dir, 'session') });
    const result = await handlers['file:save']({ kind: 'project', suggestedName: 'Wine study', content: '{}' }, ctx);
    expect(result).toMatchObject({ name: 'session.tidecast' });
    expect(dialogs.saved[0]!.filters).toEqual([{ name: 'Tidecast project', extensions: ['tidecast'] }]);
  });

  it('saves a model card as an .html page', async () => {
    const { handlers, dialogs } = make({ save: join(dir, 'wine card') });
    const page = '<!doctype html>\n<title>card</title>\n';
    const result = await handlers['file:save']({ kind: 'html', suggestedName: 'au_wine_sales model card lstm', content: page }, ctx);
    expect(result).toMatchObject({ name: 'wine card.html', bytes: page.length });
    expect(readFileSync(join(dir, 'wine card.html'), 'utf8')).toBe(page);
    expect(dialogs.saved[0]).toMatchObject({ defaultPath: join(dir, 'au_wine_sales model card lstm.html'), filters: [{ name: 'Web page (HTML)', extensions: ['html', 'htm'] }] });
  });

  it('writes nothing when the user cancels', async () => {
    const write = vi.fn();
    const { handlers } = make({ save: null }, { writeFile: write });
    await expect(handlers['file:save']({ kind: 'csv', suggestedName: 'x', content: 'y' }, ctx)).resolves.toEqual({ canceled: true });
    expect(write).not.toHaveBeenCalled();
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    ['../../../../etc/cron.d/evil', 'evil.csv'],
    ['/etc/passwd', 'passwd.csv'],
    ['..\\..\\Windows\\System32\\evil', 'evil.csv'],
    ['CON', 'tidecast-export.csv'],
  ])('a traversal name %j only becomes the dialog’s suggestion %j inside the save folder', async (suggestedName, safe) => {
    const { handlers, dialogs } = make({ save: null });
    await handlers['file:save']({ kind: 'csv', suggestedName, content: 'x' }, ctx);
    expect(dialogs.saved[0]!.defaultPath).toBe(join(dir, safe));
  });

  it('opens the next dialog in the folder of the last save', async () => {
    const other = join(dir, 'exports');
    mkdirSync(other);
    const script: DialogScript = { save: join(other, 'a.csv') };
    const { handlers, dialogs } = make(script);
    await handlers['file:save']({ kind: 'csv', suggestedName: 'a', content: 'x' }, ctx);
    script.save = null;
    await handlers['file:save']({ kind: 'csv', suggestedName: 'b', content: 'x' }, ctx);
    expect(dialogs.saved[1]!.defaultPath).toBe(join(other, 'b.csv'));
  });

  it.each([
    ['png', 'text', 'must be sent as bytes'],
    ['csv', PNG, 'must be sent as text'],
    ['png', new Uint8Array([1, 2, 3]), 'not a PNG'],
  ] as const)('refuses %s content %j before any dialog', async (kind, content, message) => {
    const { handlers, dialogs } = make({ save: join(dir, 'x') });
    const failure = await failureOf(handlers['file:save']({ kind, suggestedName: 'x', content }, ctx));
    expect(failure.code).toBe('invalid-payload');
    expect(failure.message).toContain(message);
    expect(dialogs.saved).toEqual([]);
  });

  it('reports a failed write as io-failed and leaves nothing behind', async () => {
    const { handlers } = make({ save: join(dir, 'no-such-folder', 'out.csv') });
    const failure = await failureOf(handlers['file:save']({ kind: 'csv', suggestedName: 'out', content: 'x' }, ctx));
    expect(failure.code).toBe('io-failed');
    expect(failure.message).toContain('Could not save "out.csv"');
    expect(failure.message).toContain('Nothing was written');
    expect(readdirSync(dir)).toEqual([]);
  });
});

/** Main's per-window shell, recorded: documents opened, the edited state, closes, Show Logs. */
function recordingShell(projectPath: string | null = null) {
  const events: unknown[][] = [];
  return {
    events,
    shell: {
      documentOpened: (_sender: unknown, path: string, kind: string) => void events.push(['opened', path, kind]),
      projectPath: () => projectPath,
      setEdited: (_sender: unknown, edited: boolean, document: string) => void events.push(['edited', edited, document]),
      closeWindow: () => void events.push(['close']),
      showLogs: async () => void events.push(['logs']),
    },
  };
}

describe('file:open (File > Open)', () => {
  it('offers data and projects, reads the chosen file, says which kind it is and records it as opened', async () => {
    for (const [file, kind] of [['sales.csv', 'data'], ['Wine.tidecast', 'project']] as const) {
      writeFileSync(join(dir, file), '{}');
      const { shell, events } = recordingShell();
      const { handlers, dialogs } = make({ open: join(dir, file) }, { shell });
      expect(await handlers['file:open'](undefined, ctx)).toMatchObject({ canceled: false, kind, name: file, text: '{}' });
      expect(dialogs.opened[0]!.filters![0]).toEqual({ name: 'Data and projects', extensions: ['csv', 'tsv', 'txt', 'tidecast'] });
      expect(events).toEqual([['opened', join(dir, file), kind]]);
    }
  });

  it('records nothing when the user cancels', async () => {
    const { shell, events } = recordingShell();
    const { handlers } = make({ open: null }, { shell });
    expect(await handlers['file:open'](undefined, ctx)).toEqual({ canceled: true });
    expect(events).toEqual([]);
  });
});

describe('file:save-project', () => {
  it('Save Project writes to the window’s project file without a dialog', async () => {
    const current = join(dir, 'wine.tidecast');
    writeFileSync(current, 'old');
    const { shell, events } = recordingShell(current);
    const { handlers, dialogs } = make({ save: join(dir, 'elsewhere.tidecast') }, { shell });
    const result = await handlers['file:save-project']({ suggestedName: 'x', content: '{"v":2}', target: 'current' }, ctx);
    expect(result).toEqual({ canceled: false, name: 'wine.tidecast', path: current, bytes: 7 });
    expect(readFileSync(current, 'utf8')).toBe('{"v":2}');
    expect(dialogs.saved).toEqual([]);
    expect(events).toEqual([['opened', current, 'project']]);
  });

  it('asks where when there is no project file yet, and for Save Project As', async () => {
    const { shell, events } = recordingShell(join(dir, 'wine.tidecast'));
    const { handlers, dialogs } = make({ save: join(dir, 'copy') }, { shell });
    const asNew = await handlers['file:save-project']({ suggestedName: 'Wine study', content: '{}', target: 'new' }, ctx);
    expect(asNew).toMatchObject({ canceled: false, name: 'copy.tidecast' });
    expect(dialogs.saved[0]).toMatchObject({ defaultPath: join(dir, 'Wine study.tidecast'), filters: [{ name: 'Tidecast project', extensions: ['tidecast'] }] });
    expect(events).toEqual([['opened', join(dir, 'copy.tidecast'), 'project']]);

    const none = make({ save: null }, { shell: recordingShell(null).shell });
    expect(await none.handlers['file:save-project']({ suggestedName: 'x', content: '{}', target: 'current' }, ctx)).toEqual({ canceled: true });
    expect(none.dialogs.saved).toHaveLength(1);
  });
});

describe('window and app channels', () => {
  it('pass the edited state, the close and Show Logs to main', async () => {
    const { shell, events } = recordingShell();
    const { handlers } = make({}, { shell });
    expect(await handlers['window:set-edited']({ edited: true, document: 'wine.tidecast' }, ctx)).toBeNull();
    expect(await handlers['window:close'](undefined, ctx)).toBeNull();
    expect(await handlers['app:show-logs'](undefined, ctx)).toBeNull();
    expect(events).toEqual([['edited', true, 'wine.tidecast'], ['close'], ['logs']]);
  });
});

describe('through the choke point', () => {
  it('a save from a forged sender never opens a dialog or writes', async () => {
    const registry = new FakeRegistry();
    const { handlers, dialogs } = make({ save: join(dir, 'x.csv') });
    registerHandlers(registry, { appOrigin: APP_ORIGIN, isAppContents: (s) => s.id === APP_CONTENTS.id, handlers });
    const reply = await registry.invoke('file:save', eventFrom('https://evil.example/'), { kind: 'csv', suggestedName: 'x', content: 'pwned' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(dialogs.saved).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a handler failure reaches the page as a value with its place', async () => {
    const registry = new FakeRegistry();
    const { handlers } = make({});
    registerHandlers(registry, { appOrigin: APP_ORIGIN, isAppContents: () => true, handlers });
    const reply = await registry.invoke('samples:open', eventFrom('app://tidecast/index.html'), { name: '../package.json' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'not-found', where: 'samples:open' } });
  });

  it('app:info returns the versions main was given', async () => {
    const { handlers } = make({});
    expect(await handlers['app:info'](undefined, ctx)).toEqual(appInfo);
  });
});
