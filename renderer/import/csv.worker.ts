// The import web worker: reads a CSV off the UI thread with engine/data (papaparse runs inside it
// around quoted records), streaming a dropped file through TextDecoderStream with progress, and
// posts back the dataset with its arrays transferred, not copied.
import { DataError, DatasetReader, detectEncoding, type ReadResult } from '../../engine/data';
import type { FromImportWorker, ImportFailure, ImportOptions, ImportSource, ToImportWorker } from './protocol';
import { packedBuffers, packSeries } from './series-pack';

/** What this module needs of a dedicated worker's global scope (the renderer's lib is DOM). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ToImportWorker>) => void) | null;
  postMessage(message: FromImportWorker, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const PROGRESS_EVERY_MS = 50;
/** Text from main is pushed in slices of this many characters, so progress can be reported. */
const TEXT_SLICE = 1 << 20;

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'read') void read(message.id, message.source, message.options);
};

async function read(id: number, source: ImportSource, options: ImportOptions): Promise<void> {
  const started = performance.now();
  let lastProgress = started;
  const name = source.kind === 'file' ? source.file.name : source.name;
  const size = source.kind === 'file' ? source.file.size : source.text.length;
  const reader = new DatasetReader({
    source: name,
    sizeHint: size,
    ...(options.timeColumn !== undefined ? { timeColumn: options.timeColumn } : {}),
    ...(options.dateOrder !== undefined ? { dateOrder: options.dateOrder } : {}),
    ...(options.idColumns !== undefined ? { idColumns: options.idColumns } : {}),
  });
  const progress = (): void => {
    const now = performance.now();
    if (now - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = now;
    scope.postMessage({ type: 'progress', id, fraction: size > 0 ? Math.min(1, reader.charsRead / size) : 1, rows: reader.rowsRead });
  };

  try {
    let encoding;
    if (source.kind === 'file') {
      encoding = detectEncoding(new Uint8Array(await source.file.slice(0, 1 << 20).arrayBuffer()));
      // ignoreBOM keeps a byte-order mark in the text: the reader strips it and says so.
      const chunks = source.file.stream().pipeThrough(new TextDecoderStream(encoding, { ignoreBOM: true }));
      const it = chunks.getReader();
      for (;;) {
        const { done, value } = await it.read();
        if (done) break;
        reader.push(value);
        progress();
      }
    } else {
      encoding = source.encoding;
      for (let at = 0; at < source.text.length; at += TEXT_SLICE) {
        reader.push(source.text.slice(at, at + TEXT_SLICE));
        progress();
      }
    }
    scope.postMessage({ type: 'progress', id, fraction: 1, rows: reader.rowsRead });
    const result = compact(reader.finish());
    const series = packSeries(result.dataset.series, result.dataset.idColumns.length);
    const dataset = { ...result.dataset, series: [] };
    const data = { ...result, dataset, name, bytes: source.kind === 'file' ? source.file.size : source.bytes, encoding, readMs: performance.now() - started };
    scope.postMessage({ type: 'done', id, data, series }, [dataset.time.buffer, ...dataset.columns.map((c) => c.values.buffer), ...packedBuffers(series)]);
  } catch (error) {
    scope.postMessage({ type: 'failed', id, error: failureOf(error, name) });
  }
}

/** Column arrays may be views into larger growth buffers: copy each to its exact length so the
 *  transfer moves only the data (and every buffer is its own). */
function compact(result: ReadResult): ReadResult {
  const exact = (a: Float64Array) => (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : a.slice());
  const time = exact(result.dataset.time);
  const columns = result.dataset.columns.map((c) => ({ ...c, values: exact(c.values) }));
  // Two columns may share a buffer only if they are views; exact() copied those.
  const seen = new Set<ArrayBufferLike>([time.buffer]);
  for (const c of columns) {
    if (seen.has(c.values.buffer)) c.values = c.values.slice();
    seen.add(c.values.buffer);
  }
  return { ...result, dataset: { ...result.dataset, time, columns } };
}

function failureOf(error: unknown, name: string): ImportFailure {
  if (error instanceof DataError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.row !== undefined ? { row: error.row } : {}),
      ...(error.column !== undefined ? { column: error.column } : {}),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'read-failed', message: `Could not read "${name}": ${message}. Check the file, or open it in a spreadsheet and save it again as CSV.` };
}
