// Fuzzing the IPC contract's schemas through the one choke point (fast-check, fixed seed;
// FUZZ_RUNS sets the cases per target): any arguments on any channel get a Result — never a
// throw — a handler sees only requests its schema accepted, and a dataset main accepts always
// holds what the engine relies on (finite, strictly increasing times, one value per time per
// column, distinct names). Valid requests are never refused.
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../fuzz/config';
import { invokeChannels, MAX_DATASET_COLUMNS, requestSchemas, type DatasetPayload, type InvokeChannel } from '../../electron/contract';
import { registerHandlers, type Handlers } from '../../electron/ipc';
import { APP_ORIGIN } from '../../electron/protocol';
import { APP_CONTENTS, eventFrom, FakeRegistry } from './fakes';


/** Handlers that record what reached them and answer null. */
function recordingHandlers(seen: { channel: InvokeChannel; request: unknown }[]): Handlers {
  return Object.fromEntries(invokeChannels.map((channel) => [channel, (request: unknown) => (seen.push({ channel, request }), null)])) as unknown as Handlers;
}

const anyValue = fc.anything({ maxDepth: 3, withTypedArray: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withSparseArray: true });

/** Datasets around the edges of what main accepts: short, unsorted, non-finite, ragged, repeated names. */
const roughDataset: fc.Arbitrary<unknown> = fc
  .record({
    n: fc.integer({ min: 0, max: 12 }),
    times: fc.array(fc.oneof(fc.double(), fc.integer({ min: 0, max: 20 })), { maxLength: 12 }),
    columns: fc.array(fc.record({ name: fc.constantFrom('a', 'b', 'c'), lengthOffset: fc.constantFrom(0, 0, 0, -1, 1), values: fc.double() }), { maxLength: 4 }),
    sorted: fc.boolean(),
  })
  .map(({ n, times, columns, sorted }) => {
    const time = Float64Array.from(times.slice(0, n));
    if (sorted) time.sort();
    return {
      source: 'x.csv',
      timeColumn: 'time',
      timeStyle: { kind: 'iso-date' },
      frequency: { unit: 'day', step: 1, label: 'daily' },
      season: 7,
      time,
      columns: columns.map((c) => ({ name: c.name, values: new Float64Array(Math.max(0, time.length + c.lengthOffset)).fill(c.values), missing: 0 })),
    };
  });

/** Datasets main must accept: 2..60 strictly increasing times, distinct columns of the same length. */
const validDataset: fc.Arbitrary<DatasetPayload> = fc
  .record({
    steps: fc.array(fc.integer({ min: 1, max: 86_400_000 }), { minLength: 2, maxLength: 60 }),
    start: fc.integer({ min: -1e12, max: 1e12 }),
    columns: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: MAX_DATASET_COLUMNS }),
    values: fc.double(),
  })
  .map(({ steps, start, columns, values }) => {
    let t = start;
    const time = Float64Array.from(steps, (step) => (t += step));
    return {
      source: 'x.csv',
      timeColumn: 'time',
      timeStyle: { kind: 'iso-date' },
      frequency: { unit: 'day', step: 1, label: 'daily' },
      season: 7,
      time,
      columns: columns.map((name) => ({ name, values: new Float64Array(time.length).fill(values), missing: 0 })),
    } satisfies DatasetPayload;
  });

describe('IPC contract under fuzzing', () => {
  it('answers any arguments on any channel with a Result, and hands a handler only what its schema accepted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...invokeChannels), fc.array(anyValue, { maxLength: 2 }), async (channel, args) => {
        const seen: { channel: InvokeChannel; request: unknown }[] = [];
        const registry = new FakeRegistry();
        registerHandlers(registry, { appOrigin: APP_ORIGIN, isAppContents: (s) => s.id === APP_CONTENTS.id, handlers: recordingHandlers(seen) });
        const reply = (await registry.invoke(channel, eventFrom('app://tidecast/index.html'), ...args)) as { ok: boolean; error?: { code: string; where: string } };
        expect(typeof reply.ok).toBe('boolean');
        if (reply.ok) {
          expect(seen).toHaveLength(1);
          expect(v.safeParse(requestSchemas[channel], seen[0]!.request).success).toBe(true);
        } else {
          expect(seen).toEqual([]);
          expect(reply.error?.code).toBe('invalid-payload');
          expect(reply.error?.where.startsWith(channel)).toBe(true);
        }
      }),
      fuzzParameters(),
    );
  });

  it('accepts only datasets the engine can rely on', () => {
    const schema = requestSchemas['forecast:start'].entries.dataset;
    fc.assert(
      fc.property(roughDataset, (dataset) => {
        const parsed = v.safeParse(schema, dataset);
        if (!parsed.success) return;
        const { time, columns } = parsed.output;
        expect(time.length).toBeGreaterThanOrEqual(2);
        for (let i = 0; i < time.length; i++) {
          expect(Number.isFinite(time[i]!)).toBe(true);
          if (i > 0) expect(time[i]!).toBeGreaterThan(time[i - 1]!);
        }
        for (const column of columns) expect(column.values.length).toBe(time.length);
        expect(new Set(columns.map((c) => c.name)).size).toBe(columns.length);
      }),
      fuzzParameters(),
    );
  });

  it('never refuses a valid dataset', () => {
    const schema = requestSchemas['forecast:start'].entries.dataset;
    fc.assert(
      fc.property(validDataset, (dataset) => {
        const parsed = v.safeParse(schema, dataset);
        expect(parsed.issues?.[0]?.message).toBeUndefined();
      }),
      fuzzParameters(),
    );
  });
});
