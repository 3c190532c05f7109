// The model card of a run in the results: computed from the run's model file text with the
// engine's own modelCard (the same data the CLI and the saved file carry). Pure.
import type { RunOutcome } from '../../electron/contract';
import type { ModelFile } from '../../engine/forecast/modelFile';
import { modelCard, type ModelCard } from '../../engine/report/card';

/** The model file text behind an outcome: the trained model, or the saved model a run used. */
export function modelTextOf(outcome: RunOutcome | null, savedModelText: string | null): string | null {
  if (outcome?.kind === 'trained' || outcome?.kind === 'panel') return outcome.run.modelText;
  if (outcome?.kind === 'applied') return savedModelText;
  return null;
}

export type CardResult = { ok: true; card: ModelCard } | { ok: false; message: string };

/**
 * The card of a model file's text. The text reached the page through main, which built or
 * checked it; a failure here still becomes a sentence, never a broken panel.
 */
export function cardOfModelText(text: string | null): CardResult {
  if (text === null) {
    return { ok: false, message: 'This run forecast with a saved model that is not open any more: forecast with the model file again to see its card.' };
  }
  try {
    return { ok: true, card: modelCard(JSON.parse(text) as ModelFile) };
  } catch (error) {
    return { ok: false, message: `The model card cannot be made from this model file (${(error as Error).message}).` };
  }
}

/** The card as one self-contained HTML file; the module with KaTeX's embedded fonts loads on first use. */
export async function modelCardDocument(card: ModelCard): Promise<string> {
  const { modelCardHtml } = await import('../../engine/report/html');
  return modelCardHtml(card);
}
