// The one bridge from the app's saved model (ModelFile, its recurrent members' states) to the
// export's own description (ExportableModel): the rest of engine/export never reads the app's
// model types.
import type { ModelFile, ModelMember } from '../forecast/modelFile';
import { ForecastInputError } from '../models/errors';
import { recurrentKind, type RecurrentState } from '../models/recurrent';
import { getParameter, networkFromJson, parameterNames } from '../nn';
import type { ExportableModel, ExportableNetwork } from './types';

/**
 * A trained member as an exportable network. `season` is the series' season length;
 * `covariateNames` name the member's covariate scalers, in order (default "covariate 1", …).
 */
export function exportableNetwork(member: RecurrentState, season: number, label: string, covariateNames: readonly string[] = []): ExportableNetwork {
  const net = networkFromJson(member.network);
  const parameters: Record<string, Float32Array> = {};
  for (const name of parameterNames(net)) parameters[name] = getParameter(net, name).slice();
  const { config, schema } = member;
  return {
    label,
    cell: config.cell,
    bidirectional: config.bidirectional,
    layers: config.layers,
    hidden: config.hidden,
    lookback: config.lookback,
    horizon: member.horizon,
    parameters,
    target: { ...schema.transform },
    covariates: schema.covariateScalers.map((s, i) => ({ name: covariateNames[i] ?? `covariate ${i + 1}`, mean: s.mean, std: s.std })),
    calendar: [...schema.calendar],
    anchor: config.normalisation,
    season,
  };
}

export function exportableModel(model: ModelFile): ExportableModel {
  const d = model.data;
  const known = [...(d.known ?? []), ...(d.holidays ? [`holidays ${d.holidays}`] : [])];
  if (known.length > 0) {
    throw new ForecastInputError(
      `This model reads covariates known in advance (${known.map((k) => `"${k}"`).join(', ')}), which the ONNX and JavaScript exports do not carry: ` +
        'export a model trained without them (--future-covariates none, no --holidays).',
    );
  }
  // Each member's covariate scalers follow the order of the model's covariate columns.
  const members = model.members.map((m) => ({ group: m.group, network: exportableNetwork(recurrentState(m), d.season, m.label, d.covariates) }));
  return {
    description: model.model,
    target: d.target,
    frequency: { ...d.frequency },
    season: d.season,
    horizon: model.horizon,
    covariates: [...d.covariates],
    calendar: [...recurrentState(model.members[0]).schema.calendar],
    members,
    // Members are all recurrent networks here (recurrentState refused the others): a search's median.
    combine: 'median-of-group-means',
    baseline: (model.baseline?.kind as ExportableModel['baseline']) ?? null,
    intervals: {
      space: model.intervals.space,
      method: model.intervals.method,
      windows: model.intervals.windows,
      q80: [...model.intervals.q80],
      q95: [...model.intervals.q95],
    },
    provenance: { appVersion: model.appVersion, createdAt: model.createdAt, source: d.source, fingerprint: d.fingerprint, seed: model.seed },
  };
}

/** A member's network state; members of other kinds have no network to export. */
function recurrentState(member: ModelMember): RecurrentState {
  if (member.kind !== recurrentKind.id) {
    throw new ForecastInputError(`Member "${member.label}" is a ${member.kind} model: only recurrent networks can be exported as ONNX or JavaScript.`);
  }
  return member.state as RecurrentState;
}
