// The frequency classes the pretrained networks are trained for, and which class a series'
// frequency belongs to. Light on purpose: model descriptions read it without loading networks.
import type { Frequency } from '../../data/types';

/** Series are forecast by the class of their frequency; "other" = any frequency but these three. */
export type FrequencyClass = 'yearly' | 'quarterly' | 'monthly' | 'other';
export const FREQUENCY_CLASSES: readonly FrequencyClass[] = ['yearly', 'quarterly', 'monthly', 'other'];

/** The class whose pretrained model suits data of this frequency. */
export function frequencyClassOf(frequency: Pick<Frequency, 'unit' | 'step'>): FrequencyClass {
  if (frequency.step === 1 && frequency.unit === 'year') return 'yearly';
  if ((frequency.step === 1 && frequency.unit === 'quarter') || (frequency.step === 3 && frequency.unit === 'month')) return 'quarterly';
  if (frequency.step === 1 && frequency.unit === 'month') return 'monthly';
  return 'other';
}
