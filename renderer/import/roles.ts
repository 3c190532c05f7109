// Column roles in the import preview: exactly one target to forecast, any number of covariates
// (inputs the model also reads) — past only, or known in advance (their values over the horizon
// are in the file's future rows) — the rest ignored. Pure, so the rules are unit-tested.

/** 'covariate': past only (the network reads its history); 'known': known in advance. */
export type Role = 'target' | 'covariate' | 'known' | 'ignore';
export type Roles = Readonly<Record<string, Role>>;

/**
 * Roles for freshly read columns: those a previous read of the same file had keep their role
 * (re-reading with another time column must not undo the user's choices); otherwise the first
 * numeric column is the target and the rest are ignored (covariates are opt-in: a useless one
 * only adds noise).
 */
export function initialRoles(columns: readonly string[], previous: Roles = {}): Roles {
  const roles: Record<string, Role> = {};
  for (const c of columns) roles[c] = previous[c] ?? 'ignore';
  const targets = columns.filter((c) => roles[c] === 'target');
  for (const extra of targets.slice(1)) roles[extra] = 'ignore';
  if (targets.length === 0 && columns.length > 0) {
    const first = columns.find((c) => roles[c] === 'ignore') ?? columns[0]!;
    roles[first] = 'target';
  }
  return roles;
}

/**
 * Gives `column` its role. A new target demotes the old one to ignored; taking the role away
 * from the target leaves no target (the form then asks for one) rather than guessing.
 */
export function assignRole(roles: Roles, column: string, role: Role): Roles {
  if (!(column in roles)) throw new Error(`There is no numeric column "${column}" to give a role.`);
  const next: Record<string, Role> = { ...roles };
  if (role === 'target') {
    for (const [name, r] of Object.entries(next)) if (r === 'target') next[name] = 'ignore';
  }
  next[column] = role;
  return next;
}

export function targetOf(roles: Roles): string | null {
  return Object.entries(roles).find(([, r]) => r === 'target')?.[0] ?? null;
}

/** Past-only covariates in the file's column order. */
export function covariatesOf(roles: Roles, order: readonly string[]): string[] {
  return order.filter((c) => roles[c] === 'covariate');
}

/** Covariates known in advance in the file's column order. */
export function knownOf(roles: Roles, order: readonly string[]): string[] {
  return order.filter((c) => roles[c] === 'known');
}

/**
 * Columns with values in the file's future rows (after the target's last value) are known in
 * advance by default — a plan is in the file to be used — unless the user gave them a role before.
 */
export function withKnownDefaults(roles: Roles, knownInAdvance: readonly string[], previous: Roles = {}): Roles {
  const next: Record<string, Role> = { ...roles };
  for (const c of knownInAdvance) if (!(c in previous) && next[c] === 'ignore') next[c] = 'known';
  return next;
}

/** Why these roles cannot train yet, or null. */
export function rolesProblem(roles: Roles): string | null {
  if (Object.keys(roles).length === 0) return 'The file has no numeric column to forecast.';
  if (targetOf(roles) === null) return 'Choose the column to forecast: set one column’s role to Target.';
  return null;
}
