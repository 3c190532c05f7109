// Shared setup for the pool tests: a pool over the test worker entry (run through tsx).
import { createJobPool, type JobPool, type JobPoolOptions } from '../../../engine/jobs/pool';
import type { TestJobKinds } from './fixtures/test-worker';

export const testWorkerUrl = new URL('./fixtures/test-worker.ts', import.meta.url);

export function createTestPool(options: Omit<JobPoolOptions, 'workerUrl'> = {}): JobPool<TestJobKinds> {
  return createJobPool<TestJobKinds>({ workerUrl: testWorkerUrl, ...options });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves at the first progress event that satisfies `test`. */
export function waitFor<T>(subscribe: (listener: (value: T) => void) => void, test: (value: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => subscribe((value) => test(value) && resolve(value)));
}
