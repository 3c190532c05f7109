// The members of the ETS family (Hyndman et al. 2008): error, trend and season types, their
// R-style names ("ETS(M,Ad,N)") and the three-letter codes R's ets() takes ("MAM", "ZZZ").

export type ErrorType = 'A' | 'M';
export type TrendType = 'N' | 'A';
export type SeasonType = 'N' | 'A' | 'M';

export interface EtsSpec {
  error: ErrorType;
  trend: TrendType;
  /** Damped trend (only with trend 'A'). */
  damped: boolean;
  season: SeasonType;
}

/** Error, trend, season; 'Z' lets the fit choose by AICc, as in R's ets(model = "ZZZ"). */
export type EtsModelCode = `${ErrorType | 'Z'}${TrendType | 'Z'}${SeasonType | 'Z'}`;

/** "ETS(M,Ad,N)" */
export function etsName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend}${spec.damped ? 'd' : ''},${spec.season})`;
}

/**
 * Combinations R's ets() forbids by default (restrict = TRUE) because their forecast variance
 * can be infinite: additive errors with a multiplicative season.
 */
export function isRestricted(spec: Pick<EtsSpec, 'error' | 'season'>): boolean {
  return spec.error === 'A' && spec.season === 'M';
}

/** Parses a model code such as "MAZ"; throws on anything else. */
export function parseModelCode(code: string): { error: ErrorType | 'Z'; trend: TrendType | 'Z'; season: SeasonType | 'Z' } {
  const match = /^([AMZ])([NAZ])([NAMZ])$/.exec(code);
  if (!match) {
    throw new RangeError(
      `ETS model "${code}" is not a model code: use three letters for error (A, M, Z), trend (N, A, Z) and season (N, A, M, Z), such as "ZZZ" or "MAM".`,
    );
  }
  return { error: match[1] as ErrorType | 'Z', trend: match[2] as TrendType | 'Z', season: match[3] as SeasonType | 'Z' };
}
