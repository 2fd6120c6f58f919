import { describe, it, expect } from 'vitest';
import {
  FEATURES,
  MATRIX,
  OPERATIONS,
  ROLE_VARIANTS,
  alwaysOnCells,
  applicableCells,
  isAlwaysOn,
  isApplicable,
  matrixCell,
  type Feature,
  type Operation,
  type Permission,
  type RoleVariant,
} from '../../../lib/authz';

/**
 * Expected matrix from seeds/001_… §2.14 (lines 1407-1707).
 * Columns: view add edit assign delete. `x` applicable, `!` always on, `-` not applicable.
 */
const EXPECTED: Record<Feature, Record<RoleVariant, string>> = {
  account: { partner: '! x x - x', admin: '! - x - -' },
  users: { partner: 'x x x - x', admin: 'x x x - x' },
  userTemplates: { partner: 'x x x - x', admin: 'x x x - x' },
  roles: { partner: 'x x x x x', admin: 'x - - x -' },
  integrations: { partner: 'x x x - x', admin: 'x x x - x' },
  subscriptions: { partner: 'x x - - -', admin: 'x - - - -' },
  support: { partner: 'x - - - -', admin: 'x - - - -' },
  mivb: { partner: 'x - - - -', admin: 'x - - - -' },
  customerService: { partner: 'x - - - -', admin: 'x - - - -' },
  developer: { partner: 'x - - - -', admin: '- - - - -' },
  orders: { partner: 'x - - - -', admin: '- - - - -' },
};

type Expectation = 'x' | '!' | '-';

const rows = FEATURES.flatMap((feature) =>
  ROLE_VARIANTS.flatMap((variant) => {
    const marks = EXPECTED[feature][variant].split(' ') as Expectation[];
    return OPERATIONS.map((op, i) => ({ feature, variant, op, mark: marks[i] ?? '-' }));
  }),
);

describe('permission matrix (ROLE-3)', () => {
  it('has an expectation for every feature and operation', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...FEATURES].sort());
    for (const feature of FEATURES) {
      for (const variant of ROLE_VARIANTS) {
        expect(EXPECTED[feature][variant].split(' ')).toHaveLength(OPERATIONS.length);
      }
    }
    expect(rows).toHaveLength(FEATURES.length * ROLE_VARIANTS.length * OPERATIONS.length);
  });

  it.each(rows)('$variant $feature.$op is "$mark"', ({ feature, variant, op, mark }) => {
    const cell: Permission = `${feature}.${op}`;
    expect(isApplicable(variant, cell)).toBe(mark !== '-');
    expect(isAlwaysOn(variant, cell)).toBe(mark === '!');
    const entry = matrixCell(variant, cell);
    if (mark === '-') {
      expect(entry).toBeUndefined();
    } else {
      expect(entry?.descriptionKey).toMatch(new RegExp(`^authz\\.${feature}\\.${op}(\\.${variant})?$`));
    }
  });

  it('gives account variant-specific description keys', () => {
    expect(matrixCell('admin', 'account.edit')?.descriptionKey).toBe('authz.account.edit.admin');
    expect(matrixCell('partner', 'account.edit')?.descriptionKey).toBe('authz.account.edit.partner');
  });

  it('lists applicable cells in roles-page order', () => {
    const order = (c: Permission): number => {
      const [f, op] = c.split('.') as [Feature, Operation];
      return FEATURES.indexOf(f) * 10 + OPERATIONS.indexOf(op);
    };
    for (const variant of ROLE_VARIANTS) {
      const cells = applicableCells(variant);
      expect(cells).toEqual([...cells].sort((a, b) => order(a) - order(b)));
      const count = rows.filter((r) => r.variant === variant && r.mark !== '-').length;
      expect(cells).toHaveLength(count);
    }
  });

  it('has Account View as the only always-on cell of each variant', () => {
    expect(alwaysOnCells('partner')).toEqual(['account.view']);
    expect(alwaysOnCells('admin')).toEqual(['account.view']);
  });
});
