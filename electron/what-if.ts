// What-if forecasts for the page: a trained model prepared once for the open file
// (engine/forecast/whatIf.ts), then each edit of a known covariate's future values is one
// forward pass per member here in main — milliseconds, and never on the page's thread.
// Sessions belong to the window that opened them; each window keeps a few, oldest dropped.
import { parseModelFile, type ModelFile } from '../engine/forecast/modelFile';
import { prepareWhatIf, type WhatIf } from '../engine/forecast/whatIf';
import { ForecastInputError } from '../engine/models/errors';
import { modelKind } from '../engine/models/registry';
import { MAX_WHAT_IF_SESSIONS, type WhatIfChannel } from './contract';
import { IpcFailure, type Handlers } from './ipc';
import { datasetFrom } from './runs';

export interface WhatIfService {
  handlers: Pick<Handlers, WhatIfChannel>;
  /** Drops every session of a window whose page is gone. */
  closeWindow(contentsId: number): void;
  /** Sessions open now, all windows together (for tests). */
  size(): number;
}

interface Session {
  owner: number;
  whatIf: WhatIf;
}

export function createWhatIfService(maxPerWindow = MAX_WHAT_IF_SESSIONS): WhatIfService {
  const sessions = new Map<number, Session>();
  let nextId = 1;

  const owned = (sessionId: number, owner: number, channel: WhatIfChannel): Session => {
    const session = sessions.get(sessionId);
    if (session === undefined || session.owner !== owner) {
      throw new IpcFailure('not-found', `There is no what-if session ${sessionId} in this window; open the what-if panel again.`, `${channel} › sessionId`);
    }
    return session;
  };

  const inputError = (error: unknown, channel: WhatIfChannel): never => {
    if (error instanceof ForecastInputError) {
      const column = error.place.column;
      throw new IpcFailure('invalid-input', error.message, column === undefined ? channel : `${channel} › column "${column}"`);
    }
    throw error;
  };

  const handlers: Pick<Handlers, WhatIfChannel> = {
    'whatif:open': async ({ dataset, modelName, modelText }, { sender }) => {
      let whatIf: WhatIf;
      let model: ModelFile;
      try {
        model = parseModelFile(modelText, modelName);
        whatIf = await prepareWhatIf(datasetFrom(dataset), model, modelName);
      } catch (error) {
        return inputError(error, 'whatif:open');
      }
      if (Object.keys(whatIf.known).length === 0) {
        throw new IpcFailure(
          'invalid-input',
          `${modelName} uses no covariate known in advance, so there is nothing to change in a what-if; train with a column marked “Known in advance” or with holidays.`,
          'whatif:open',
        );
      }
      const mine = [...sessions].filter(([, s]) => s.owner === sender.id);
      for (const [id] of mine.slice(0, Math.max(0, mine.length - maxPerWindow + 1))) sessions.delete(id);
      const sessionId = nextId++;
      sessions.set(sessionId, { owner: sender.id, whatIf });
      return {
        sessionId,
        known: Object.entries(whatIf.known).map(([name, values]) => ({ name, values: Float64Array.from(values) })),
        forecast: whatIf.forecast(),
        baseline: model.baseline ? modelKind(model.baseline.kind).title : null,
      };
    },

    'whatif:forecast': ({ sessionId, known }, { sender }) => {
      const { whatIf } = owned(sessionId, sender.id, 'whatif:forecast');
      try {
        return whatIf.forecast(Object.fromEntries(known.map((k) => [k.name, k.values])));
      } catch (error) {
        return inputError(error, 'whatif:forecast');
      }
    },

    'whatif:close': ({ sessionId }, { sender }) => {
      owned(sessionId, sender.id, 'whatif:close');
      sessions.delete(sessionId);
      return null;
    },
  };

  return {
    handlers,
    closeWindow(contentsId) {
      for (const [id, s] of [...sessions]) if (s.owner === contentsId) sessions.delete(id);
    },
    size: () => sessions.size,
  };
}
