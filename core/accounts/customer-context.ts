import type { AccountRepository } from '../store/ports';
import type { Channel, VehicleAccount } from '../shared/types';
import { err, ok, type Result } from '../shared/result';

/**
 * Who is acting: a verified customer in one session on one channel. Every
 * account-scoped service call takes one, so a session can only touch the
 * accounts of the customer it verified as.
 */
export interface CustomerContext {
  sessionId: string;
  customerId: string;
  channel: Channel;
}

export type OwnershipCode = 'ACCOUNT.NOT_FOUND';

/** The account when it exists and belongs to the acting customer; otherwise ACCOUNT.NOT_FOUND (no hint which). */
export async function ownedAccount(
  accounts: AccountRepository,
  ctx: CustomerContext,
  accountId: string,
): Promise<Result<VehicleAccount, OwnershipCode>> {
  const account = await accounts.byId(accountId);
  return account && account.customerId === ctx.customerId ? ok(account) : err('ACCOUNT.NOT_FOUND');
}
