// The saved state of a fitted recurrent network, checked field by field before anything is
// built from it: a model file is user input.
import * as v from 'valibot';
import { CELL_KINDS } from '../../nn/spec';
import { CALENDAR_FEATURES } from './calendar-features';
import type { RecurrentState } from './config';
import { NORMALISATIONS } from './windows';

const finite = v.pipe(v.number(), v.finite());
const positiveInt = v.pipe(v.number(), v.integer(), v.minValue(1));
const nonNegativeInt = v.pipe(v.number(), v.integer(), v.minValue(0));
const scaler = v.object({ mean: finite, std: v.pipe(finite, v.gtValue(0)) });

const trainingSchema = v.object({
  epochs: positiveInt,
  patience: positiveInt,
  batchSize: positiveInt,
  learningRate: v.pipe(finite, v.gtValue(0)),
  weightDecay: v.pipe(finite, v.minValue(0)),
  clipNorm: v.pipe(finite, v.gtValue(0)),
  loss: v.picklist(['mse', 'huber']),
  huberDelta: v.pipe(finite, v.gtValue(0)),
  plateauEpochs: positiveInt,
  maxTrainWindows: positiveInt,
  windowsPerEpoch: positiveInt,
  workBudget: v.pipe(finite, v.minValue(0)),
});

export const recurrentStateSchema: v.GenericSchema<unknown, RecurrentState> = v.object({
  config: v.object({
    cell: v.picklist(CELL_KINDS),
    bidirectional: v.boolean(),
    layers: positiveInt,
    hidden: positiveInt,
    dropout: v.pipe(finite, v.minValue(0), v.maxValue(1)),
    lookback: positiveInt,
    log: v.boolean(),
    normalisation: v.picklist(NORMALISATIONS),
    seed: nonNegativeInt,
    training: trainingSchema,
  }),
  horizon: positiveInt,
  schema: v.object({
    transform: v.object({ log: v.boolean(), mean: finite, std: v.pipe(finite, v.gtValue(0)) }),
    covariateScalers: v.array(scaler),
    known: v.optional(v.array(scaler)),
    calendar: v.array(v.picklist(CALENDAR_FEATURES)),
  }),
  // networkFromJson checks the network itself (spec, names, shapes, values).
  network: v.custom<RecurrentState['network']>((x) => typeof x === 'object' && x !== null),
}) as v.GenericSchema<unknown, RecurrentState>;
