// The shell's state: the file the user opened (dialog, drop or bundled sample), the samples on
// offer, and the last error or notice. Everything outside the page goes through window.tidecast.
import type { IpcError, MAX_OPEN_BYTES, MenuCommand, Result, SampleInfo, TextFile } from '../../electron/contract';
import { decodeCsvBytes } from '../../engine/data/decode';

type Api = Window['tidecast'];

export type FileSource = 'dialog' | 'drop' | 'sample';
export type LoadedFile = TextFile & { source: FileSource };

const ACCEPTED_EXTENSIONS = ['csv', 'tsv', 'txt'];
/** The same limit main applies to opened files (the type pins it to the contract's value). */
const MAX_DROP_BYTES: typeof MAX_OPEN_BYTES = 268_435_456;

export class ShellState {
  readonly #api: Api | undefined;

  file = $state.raw<LoadedFile | null>(null);
  samples = $state.raw<SampleInfo[]>([]);
  error = $state.raw<IpcError | null>(null);
  notice = $state<string | null>(null);
  busy = $state(false);
  aboutOpen = $state(false);

  constructor(api: Api | undefined) {
    this.#api = api;
    if (api === undefined) {
      this.error = {
        code: 'ipc-failed',
        message: 'This page runs inside the Tidecast app; opened in a browser it cannot read files.',
        where: 'window.tidecast',
      };
    }
  }

  get api(): Api | undefined {
    return this.#api;
  }

  async loadSamples(): Promise<void> {
    const result = await this.#call((api) => api.samplesList());
    if (result !== null) this.samples = result;
  }

  async openCsv(): Promise<void> {
    const result = await this.#call((api) => api.fileOpenCsv());
    if (result !== null && !result.canceled) {
      const { canceled: _canceled, ...file } = result;
      this.#show({ ...file, source: 'dialog' });
    }
  }

  /** Opens the named bundled sample, or the first one. */
  async openSample(name?: string): Promise<void> {
    if (name === undefined) {
      if (this.samples.length === 0) await this.loadSamples();
      name = this.samples[0]?.name;
      if (name === undefined) {
        this.#fail({ code: 'not-found', message: 'No bundled sample was found in this installation.', where: 'samples' });
        return;
      }
    }
    const sampleName = name;
    const result = await this.#call((api) => api.samplesOpen({ name: sampleName }));
    if (result !== null) this.#show({ ...result, source: 'sample' });
  }

  /** A file dropped on the window: the page reads it itself (no path ever goes to main). */
  async acceptDrop(files: readonly File[]): Promise<void> {
    const file = files[0];
    if (file === undefined) return;
    const extension = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
    if (!ACCEPTED_EXTENSIONS.includes(extension)) {
      this.#fail({
        code: 'invalid-payload',
        message: `"${file.name}" is not a CSV file. Drop a .csv, .tsv or .txt file with a header row.`,
        where: file.name,
      });
      return;
    }
    if (file.size > MAX_DROP_BYTES) {
      this.#fail({ code: 'too-large', message: `"${file.name}" is larger than Tidecast opens (${MAX_DROP_BYTES / 1024 / 1024} MB).`, where: file.name });
      return;
    }
    this.busy = true;
    try {
      // The same decoder main uses for files opened through the dialog.
      const { text, encoding } = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
      this.#show({ name: file.name, text, bytes: file.size, encoding, source: 'drop' });
      if (files.length > 1) this.notice = `Opened "${file.name}"; Tidecast reads one file at a time.`;
    } catch (error) {
      this.#fail({ code: 'io-failed', message: `Could not read "${file.name}": ${String(error)}.`, where: file.name });
    } finally {
      this.busy = false;
    }
  }

  /** Acts on an application-menu command forwarded by main. */
  async runMenuCommand(command: MenuCommand): Promise<void> {
    switch (command) {
      case 'open-csv':
        return this.openCsv();
      case 'open-sample':
        return this.openSample();
      case 'export':
        this.notice = this.file === null ? 'Nothing to export yet: open a CSV first.' : 'Export becomes available once a forecast has run.';
        return;
      case 'about':
        this.aboutOpen = true;
        return;
    }
  }

  closeFile(): void {
    this.file = null;
  }

  dismissMessages(): void {
    this.error = null;
    this.notice = null;
  }

  #show(file: LoadedFile): void {
    this.dismissMessages();
    this.file = file;
  }

  #fail(error: IpcError): void {
    this.notice = null;
    this.error = error;
  }

  async #call<T>(request: (api: Api) => Promise<Result<T>>): Promise<T | null> {
    if (this.#api === undefined) return null;
    this.busy = true;
    try {
      const result = await request(this.#api);
      if (!result.ok) {
        this.#fail(result.error);
        return null;
      }
      return result.value;
    } finally {
      this.busy = false;
    }
  }
}
