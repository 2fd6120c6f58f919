import { describe, expect, it } from 'vitest';
import { available, shortfall } from '@/lib/licences/arithmetic';

describe('licence arithmetic (ORD-5)', () => {
  it.each([
    // owned, in use, newly consuming, more needed
    [10, 0, 10, 0],
    [10, 0, 11, 1],
    [25, 3, 25, 3],
    [8, 8, 1, 1],
    [0, 0, 2, 2],
    [5, 7, 1, 1], // over-used after an order expired: nothing is free
    [5, 5, 0, 0], // selecting only users who hold it already costs nothing
  ])('owned %i, in use %i, %i newly consuming → %i more needed', (owned, inUse, newly, missing) => {
    expect(shortfall({ owned, inUse }, newly)).toBe(missing);
  });

  it('never reports negative availability', () => {
    expect(available({ owned: 2, inUse: 5 })).toBe(0);
  });
});
