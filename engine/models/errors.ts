// Errors a user can act on (bad settings, unusable columns, incompatible model files). The CLI
// prints their message as one line and exits 2; anything else is a bug and keeps its stack.

export interface ErrorPlace {
  /**
   * The forecast setting at fault (a ForecastSettings key such as "horizon"); the message
   * names it the way the caller words settings (a CLI flag, a form label).
   */
  field?: string;
  /** Column name as written in the header. */
  column?: string;
  /** 1-based line in the file. */
  row?: number;
}

export class ForecastInputError extends Error {
  readonly place: ErrorPlace;
  constructor(message: string, place: ErrorPlace = {}) {
    super(message);
    this.name = 'ForecastInputError';
    this.place = place;
  }
}

/** "a, b or c": the choices a setting accepts, for messages. */
export function listOfChoices(choices: readonly string[]): string {
  return choices.length < 2 ? choices.join('') : `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`;
}
