// The saved state of a fitted recurrent network, checked field by field before anything is
// built from it: a model file is user input.
import * as v from 'valibot';
import { MAX_HIDDEN, MAX_HORIZON, MAX_LAYERS, MAX_LOOKBACK } from '../../limits';
import { NETWORK_FORMAT_VERSION } from '../../nn/serialize';
import { CELL_KINDS, describeSpec, parameterLayout } from '../../nn/spec';
import { channelCount, knownChannels } from './features';
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

const atMost = (max: number) => v.pipe(positiveInt, v.maxValue(max));

/** A saved network's spec and parameters: shapes checked against the config below, values by networkFromJson. */
const networkSchema = v.looseObject({
  format: v.literal('tidecast-network'),
  version: v.literal(NETWORK_FORMAT_VERSION),
  spec: v.object({
    cell: v.picklist(CELL_KINDS),
    bidirectional: v.boolean(),
    layers: atMost(MAX_LAYERS),
    inputSize: atMost(10_000),
    hiddenSize: atMost(MAX_HIDDEN),
    outputSize: atMost(MAX_HORIZON),
    dropout: v.pipe(finite, v.minValue(0), v.maxValue(1)),
    headExtras: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_HORIZON * 10_000))),
  }),
  parameters: v.record(v.string(), v.object({ shape: v.array(v.pipe(v.number(), v.integer(), v.minValue(0))), dtype: v.literal('float32'), data: v.string() })),
});

export const recurrentStateSchema: v.GenericSchema<unknown, RecurrentState> = v.pipe(v.object({
  config: v.object({
    cell: v.picklist(CELL_KINDS),
    bidirectional: v.boolean(),
    layers: atMost(MAX_LAYERS),
    hidden: atMost(MAX_HIDDEN),
    dropout: v.pipe(finite, v.minValue(0), v.maxValue(1)),
    lookback: atMost(MAX_LOOKBACK),
    log: v.boolean(),
    normalisation: v.picklist(NORMALISATIONS),
    seed: nonNegativeInt,
    training: trainingSchema,
  }),
  horizon: atMost(MAX_HORIZON),
  schema: v.object({
    transform: v.object({ log: v.boolean(), mean: finite, std: v.pipe(finite, v.gtValue(0)) }),
    covariateScalers: v.array(scaler),
    known: v.optional(v.array(scaler)),
    calendar: v.array(v.picklist(CALENDAR_FEATURES)),
  }),
  network: networkSchema,
}), v.check((s) => networkMismatch(s as unknown as RecurrentState) === null, (issue) => `the network does not match the model: ${networkMismatch(issue.input as unknown as RecurrentState)}`)) as unknown as v.GenericSchema<unknown, RecurrentState>;

/**
 * Why a saved network cannot be the one its config, schema and horizon describe (null when it
 * can): a network that claims other sizes would be allocated from a lie, or forecast fewer steps
 * than the model's horizon. Each parameter's shape is also the one its spec implies.
 */
function networkMismatch(state: RecurrentState): string | null {
  const { config, schema, network } = state;
  const spec = network.spec;
  if (spec.cell !== config.cell || spec.bidirectional !== config.bidirectional || spec.layers !== config.layers || spec.hiddenSize !== config.hidden) {
    return `it is ${describeSpec(spec)}, the config says ${config.cell} ${config.bidirectional ? 'bi' : 'uni'} ${config.layers}×${config.hidden}`;
  }
  if (spec.outputSize !== state.horizon) return `it forecasts ${spec.outputSize} steps, the model's horizon is ${state.horizon}`;
  if (spec.inputSize !== channelCount(schema)) return `it reads ${spec.inputSize} inputs per step, the schema builds ${channelCount(schema)}`;
  if ((spec.headExtras ?? 0) !== state.horizon * knownChannels(schema)) {
    return `its head reads ${spec.headExtras ?? 0} known future values, the schema gives ${state.horizon * knownChannels(schema)}`;
  }
  const layout = parameterLayout(spec);
  for (const entry of layout.entries) {
    const saved = network.parameters[entry.name];
    if (!saved) return `parameter ${entry.name} is missing`;
    if (saved.shape.length !== entry.shape.length || saved.shape.some((d, i) => d !== entry.shape[i])) {
      return `parameter ${entry.name} has shape (${saved.shape.join(', ')}), the spec implies (${entry.shape.join(', ')})`;
    }
    // base64 of float32: 4 bytes a value, 3 bytes per 4 characters.
    const expected = 4 * Math.ceil((entry.size * 4) / 3);
    if (saved.data.length !== expected) return `parameter ${entry.name} holds ${saved.data.length} base64 characters, ${entry.size} values need ${expected}`;
  }
  return null;
}
