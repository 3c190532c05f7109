// Errors a user can act on (bad settings, unusable columns, incompatible model files). The CLI
// prints their message as one line and exits 2; anything else is a bug and keeps its stack.

export interface ErrorPlace {
  /** Command-line option or setting at fault, e.g. "--horizon". */
  option?: string;
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
