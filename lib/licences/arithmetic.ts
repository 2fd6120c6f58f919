// Licence arithmetic (ORD-5), pure. A licence is consumed when a user holds it; a bulk request
// applies only when the users who would newly consume one fit in what is free. Seed 001 lines
// 683-690: "X more licence(s) needed to apply to the selected users".

export interface Pool {
  /** Licences the account owns: its assigned, active, unexpired orders of the product (and level). */
  owned: number;
  /** Licences of that pool users hold now. */
  inUse: number;
}

export function available(pool: Pool): number {
  return Math.max(0, pool.owned - pool.inUse);
}

/**
 * How many more licences a request needs beyond what is free: 0 when it fits. `newlyConsuming`
 * counts the selected users who do not hold this licence yet (users who already hold it consume
 * nothing more, so selecting them never costs).
 */
export function shortfall(pool: Pool, newlyConsuming: number): number {
  return Math.max(0, newlyConsuming - available(pool));
}
