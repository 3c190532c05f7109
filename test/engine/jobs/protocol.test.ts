// Recognising a cancellation however it surfaced (pool rejection or in-process checkpoint).
import { describe, expect, it } from 'vitest';
import { JobCancelledError } from '../../../engine/jobs/control';
import { JobError, isCancellation } from '../../../engine/jobs/protocol';

describe('isCancellation', () => {
  it('is true for a cancelled pool job and for a checkpoint cancel, false for failures', () => {
    expect(isCancellation(new JobError(1, 'train', { code: 'cancelled', message: 'The job was cancelled.' }))).toBe(true);
    expect(isCancellation(new JobCancelledError())).toBe(true);
    expect(isCancellation(new JobError(1, 'train', { code: 'worker-crashed', message: 'x' }))).toBe(false);
    expect(isCancellation(new Error('The job was cancelled.'))).toBe(false);
  });
});
