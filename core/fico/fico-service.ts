import type { FicoRepository } from '../store/ports';
import type { FicoScore } from '../shared/types';
import type { CustomerContext } from '../accounts/customer-context';

export interface FicoService {
  /** The latest FICO® Score, or null (business customers have none). Viewing it has no credit impact. */
  latest(ctx: CustomerContext): Promise<FicoScore | null>;
}

export function createFicoService(deps: { fico: FicoRepository }): FicoService {
  return { latest: (ctx) => deps.fico.latest(ctx.customerId) };
}
