// Finding the buffers to transfer, and moving data into and out of workers without copies.
import { afterAll, describe, expect, it } from 'vitest';
import { toShared, transferablesOf } from '../../../engine/jobs/transfer';
import { createTestPool } from './helpers';

describe('transferablesOf', () => {
  it('finds each buffer once, through objects, arrays, maps and sets, and skips shared memory', () => {
    const a = new Float64Array(4);
    const b = new Float32Array(2);
    const shared = new Float64Array(new SharedArrayBuffer(16));
    const value: Record<string, unknown> = { a, again: a.subarray(1), list: [b, { deep: new Map([['k', b]]) }], set: new Set([a]), shared, n: 3, s: 'x' };
    value.self = value;
    expect(transferablesOf(value)).toEqual([a.buffer, b.buffer]);
  });

  it('finds nothing in plain data', () => {
    expect(transferablesOf({ x: [1, 2], y: null, z: undefined })).toEqual([]);
  });
});

describe('data between the pool and its workers', () => {
  const pool = createTestPool({ size: 1 });
  afterAll(() => pool.destroy());

  it('moves a transferred payload buffer into the worker and gets the result arrays back', async () => {
    const data = Float64Array.from({ length: 1000 }, (_, i) => i);
    const job = pool.submit('sum', { data }, { transfer: [data.buffer] });
    // Transferred, not copied: the caller's view is detached at once.
    expect(data.byteLength).toBe(0);
    const { sum, doubled } = await job.result;
    expect(sum).toBe(499500);
    expect(doubled).toBeInstanceOf(Float64Array);
    expect(doubled.length).toBe(1000);
    expect(doubled[999]).toBe(1998);
  });

  it('copies a payload when no transfer is asked for, leaving the caller its data', async () => {
    const data = new Float64Array([1, 2, 3]);
    expect((await pool.submit('sum', { data }).result).sum).toBe(6);
    expect(Array.from(data)).toEqual([1, 2, 3]);
  });

  it('shares memory made with toShared: the worker writes into the same buffer', async () => {
    const data = toShared(new Float64Array([1, 2, 3]));
    expect(data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(await pool.submit('fillShared', { data, value: 9 }).result).toBe(true);
    expect(Array.from(data)).toEqual([9, 9, 9]);
  });
});
