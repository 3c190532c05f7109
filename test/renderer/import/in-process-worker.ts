// An import worker in the test's own thread: it answers like csv.worker.ts (text sources) with
// the same engine/data reader, after `delay` ms.
import { DataError, readDataset } from '../../../engine/data';
import type { WorkerLike } from '../../../renderer/import/import-state.svelte';
import type { FromImportWorker, ImportSource, ToImportWorker } from '../../../renderer/import/protocol';
import { packSeries } from '../../../renderer/import/series-pack';

/** Answers like csv.worker.ts (text sources), after `delay` ms. */
export function fakeWorker(delay = 0): () => WorkerLike & { terminated: boolean } {
  return () => {
    const worker = {
      terminated: false,
      onmessage: null as ((e: MessageEvent<FromImportWorker>) => void) | null,
      onerror: null,
      terminate() {
        this.terminated = true;
      },
      postMessage(message: ToImportWorker) {
        setTimeout(() => {
          if (worker.terminated) return;
          const source = message.source as Extract<ImportSource, { kind: 'text' }>;
          const reply = (data: FromImportWorker) => worker.onmessage?.({ data } as MessageEvent<FromImportWorker>);
          reply({ type: 'progress', id: message.id, fraction: 0.5, rows: 1 });
          try {
            const result = readDataset(source.text, { source: source.name, ...message.options });
            const series = packSeries(result.dataset.series, result.dataset.idColumns.length);
            const data = { ...result, dataset: { ...result.dataset, series: [] }, name: source.name, bytes: source.bytes, encoding: source.encoding, readMs: 1 };
            reply({ type: 'done', id: message.id, data, series });
          } catch (error) {
            const e = error as DataError;
            reply({ type: 'failed', id: message.id, error: { code: e.code, message: e.message, ...(e.row ? { row: e.row } : {}) } });
          }
        }, delay);
      },
    };
    return worker;
  };
}

