// Numbered indexes: files without a time column, whose rows are numbered 1, 2, 3, … in file
// order. Written back as the whole numbers they are.
import type { TimeStyle } from '../types';
import type { StyleWriter } from './spec';

export const numberedWriters: { 'row-number': StyleWriter<Extract<TimeStyle, { kind: 'row-number' }>> } = {
  'row-number': { format: (ms) => String(Math.round(ms)), describe: () => 'row numbers' },
};
