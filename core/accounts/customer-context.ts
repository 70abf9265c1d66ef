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

/**
 * The acting customer's own account, for a read that is only ever asked about
 * one: an account that is not theirs is a caller's error, so it throws.
 */
export async function ownAccount(accounts: AccountRepository, ctx: CustomerContext, accountId: string): Promise<VehicleAccount> {
  const owned = await ownedAccount(accounts, ctx, accountId);
  if (!owned.ok) throw new Error(`${owned.code}: account ${accountId} is not the acting customer's`);
  return owned.value;
}
