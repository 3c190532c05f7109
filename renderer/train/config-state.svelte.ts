// The Configure form's state: the values as typed, their hints and validation, derived from the
// data facts (recomputed when the import or the roles change).
import { dataFacts, defaultForm, hints, validateConfig, type ConfigForm, type DataFacts, type Field, type Validation } from './config';

export class ConfigState {
  readonly #facts: () => DataFacts | null;
  form = $state<ConfigForm>(defaultForm(null));
  /** Fields the user has left (errors show once a field was touched or Train was pressed). */
  touched = $state<Partial<Record<Field, boolean>>>({});
  submitted = $state(false);

  constructor(facts: () => DataFacts | null) {
    this.#facts = facts;
  }

  readonly facts = $derived.by(() => this.#facts());
  readonly validation: Validation = $derived.by(() => validateConfig(this.form, this.facts));
  readonly hints = $derived.by(() => hints(this.facts, this.form));

  /** The error to show next to `field` now. */
  errorFor(field: Field): string | undefined {
    return this.submitted || this.touched[field] ? this.validation.errors[field] : undefined;
  }

  /** New data: data-derived values go back to their defaults; the user's other choices stay. */
  resetForData(): void {
    const fresh = defaultForm(this.facts);
    this.form = { ...this.form, horizon: fresh.horizon, lookback: '' };
    this.touched = {};
    this.submitted = false;
  }

  restore(form: ConfigForm): void {
    this.form = { ...defaultForm(this.facts), ...form };
    this.touched = {};
    this.submitted = false;
  }
}

export { dataFacts };
