// Column roles: one target, covariates opt-in, choices kept when the file is read again.
import { describe, expect, it } from 'vitest';
import { assignRole, covariatesOf, initialRoles, knownOf, rolesProblem, targetOf, withKnownDefaults } from '../../../renderer/import/roles';

describe('column roles', () => {
  it('makes the first numeric column the target and ignores the rest by default', () => {
    expect(initialRoles(['load', 'temp', 'wind'])).toEqual({ load: 'target', temp: 'ignore', wind: 'ignore' });
  });

  it('keeps the roles a previous read of the file had, and adds the new columns as ignored', () => {
    const previous = { load: 'ignore', temp: 'target', wind: 'covariate' } as const;
    expect(initialRoles(['load', 'temp', 'wind', 'rain'], previous)).toEqual({ load: 'ignore', temp: 'target', wind: 'covariate', rain: 'ignore' });
  });

  it('picks a new target when the old one is gone from the file', () => {
    expect(initialRoles(['temp', 'wind'], { load: 'target', temp: 'covariate' })).toEqual({ temp: 'covariate', wind: 'target' });
  });

  it('demotes the old target when another column becomes the target', () => {
    const roles = assignRole(initialRoles(['load', 'temp']), 'temp', 'target');
    expect(roles).toEqual({ load: 'ignore', temp: 'target' });
    expect(targetOf(roles)).toBe('temp');
  });

  it('leaves no target, and says so, when the target is set to something else', () => {
    const roles = assignRole(initialRoles(['load', 'temp']), 'load', 'covariate');
    expect(targetOf(roles)).toBeNull();
    expect(rolesProblem(roles)).toBe('Choose the column to forecast: set one column’s role to Target.');
  });

  it('lists covariates in the file’s column order', () => {
    let roles = initialRoles(['a', 'b', 'c', 'd']);
    roles = assignRole(roles, 'd', 'covariate');
    roles = assignRole(roles, 'b', 'covariate');
    expect(covariatesOf(roles, ['a', 'b', 'c', 'd'])).toEqual(['b', 'd']);
  });

  it('refuses a role for a column the file does not have', () => {
    expect(() => assignRole({ a: 'target' }, 'zzz', 'covariate')).toThrow('There is no numeric column "zzz" to give a role.');
  });

  it('explains a file without numeric columns', () => {
    expect(rolesProblem({})).toBe('The file has no numeric column to forecast.');
  });
});

describe('covariates known in advance', () => {
  it('marks columns with values in the future rows as known in advance, unless the user gave them a role', () => {
    const roles = initialRoles(['sales', 'promo', 'price', 'temp']);
    expect(withKnownDefaults(roles, ['promo', 'price'])).toEqual({ sales: 'target', promo: 'known', price: 'known', temp: 'ignore' });
    expect(withKnownDefaults(roles, ['promo', 'price'], { price: 'ignore' })).toMatchObject({ promo: 'known', price: 'ignore' });
    const chosen = assignRole(assignRole(roles, 'promo', 'known'), 'temp', 'covariate');
    expect(knownOf(chosen, ['sales', 'promo', 'price', 'temp'])).toEqual(['promo']);
    expect(covariatesOf(chosen, ['sales', 'promo', 'price', 'temp'])).toEqual(['temp']);
  });
});
