import type { AccountRepository, AutoPayRepository, BankRepository, BankVault } from '../store/ports';
import type { AutoPayEnrollment, IsoDate } from '../shared/types';
import type { Clock } from '../shared/clock';
import { businessDate, nextDayOfMonth } from '../shared/dates';
import { err, ok, type Result } from '../shared/result';
import type { AuditTrail } from '../audit/audit-trail';
import { ownedAccount, type CustomerContext, type OwnershipCode } from '../accounts/customer-context';
import { resolveFunding, type BankAccountChecks, type Funding, type FundingCode } from '../payments/payment-service';

export type AutoPayCode =
  | OwnershipCode
  /** Not a day 1..28 (params `min`, `max`). */
  | 'AUTOPAY.DAY_RANGE'
  /** Auto Pay drafts from a bank account, never a card. */
  | 'AUTOPAY.CARD_NOT_ACCEPTED'
  | 'AUTOPAY.NOT_ENROLLED'
  | 'AUTOPAY.ACCOUNT_PAID_OFF'
  /** A first-use bank account whose validation is not back: drafts may not be set up on it yet. */
  | 'AUTOPAY.BANK_PENDING_VALIDATION'
  | FundingCode;

export interface AutoPayStatus {
  enrolled: boolean;
  dayOfMonth: number | null;
  bankAccountLast4: string | null;
  /** The next draft date on or after today, when enrolled. */
  nextDraft: IsoDate | null;
}

export interface AutoPayService {
  status(ctx: CustomerContext, accountId: string): Promise<Result<AutoPayStatus, OwnershipCode>>;
  /**
   * Enrolls (or re-enrolls) with a draft day 1..28, the last day every month has.
   * A new bank account must be validated first: one still pending is refused
   * (nothing stored would draft it), one found invalid too; a card is refused.
   */
  enroll(ctx: CustomerContext, req: { accountId: string; dayOfMonth: number; funding: Funding }): Promise<Result<AutoPayStatus, AutoPayCode>>;
  changeDay(ctx: CustomerContext, accountId: string, dayOfMonth: number): Promise<Result<AutoPayStatus, AutoPayCode>>;
  cancel(ctx: CustomerContext, accountId: string): Promise<Result<AutoPayStatus, AutoPayCode>>;
}

const validDay = (d: number) => Number.isInteger(d) && d >= 1 && d <= 28;

export function createAutoPayService(deps: BankAccountChecks & {
  accounts: AccountRepository;
  autopay: AutoPayRepository;
  banks: BankRepository;
  vault: BankVault;
  audit: AuditTrail;
  clock: Clock;
  timeZone: string;
}): AutoPayService {
  const toStatus = (e: AutoPayEnrollment | null): AutoPayStatus =>
    e?.active
      ? {
          enrolled: true,
          dayOfMonth: e.dayOfMonth,
          bankAccountLast4: e.bankAccountLast4,
          nextDraft: nextDayOfMonth(businessDate(deps.clock.now(), deps.timeZone), e.dayOfMonth),
        }
      : { enrolled: false, dayOfMonth: null, bankAccountLast4: null, nextDraft: null };

  const subject = (ctx: CustomerContext, accountId: string) => ({ sessionId: ctx.sessionId, customerId: ctx.customerId, accountId });

  return {
    async status(ctx, accountId) {
      const owned = await ownedAccount(deps.accounts, ctx, accountId);
      if (!owned.ok) return owned;
      return ok(toStatus(await deps.autopay.forAccount(accountId)));
    },

    async enroll(ctx, req) {
      const owned = await ownedAccount(deps.accounts, ctx, req.accountId);
      if (!owned.ok) return owned;
      if (owned.value.status === 'paid_off') return err('AUTOPAY.ACCOUNT_PAID_OFF');
      if (!validDay(req.dayOfMonth)) return err('AUTOPAY.DAY_RANGE', { min: 1, max: 28 });
      if (req.funding.kind === 'card') return err('AUTOPAY.CARD_NOT_ACCEPTED');
      const funded = await resolveFunding(deps, ctx.customerId, req.funding);
      if (!funded.ok) return funded;
      const bank = funded.value;
      if (bank.pendingValidation) return err('AUTOPAY.BANK_PENDING_VALIDATION', { last4: bank.last4 });
      const e = await deps.autopay.upsert({
        accountId: req.accountId,
        dayOfMonth: req.dayOfMonth,
        routingNumber: bank.routingNumber,
        bankAccountToken: bank.token,
        bankAccountLast4: bank.last4,
      });
      await deps.audit.record('autopay.enrolled', subject(ctx, req.accountId), { dayOfMonth: e.dayOfMonth, bankAccountLast4: e.bankAccountLast4 });
      return ok(toStatus(e));
    },

    async changeDay(ctx, accountId, dayOfMonth) {
      const owned = await ownedAccount(deps.accounts, ctx, accountId);
      if (!owned.ok) return owned;
      if (!validDay(dayOfMonth)) return err('AUTOPAY.DAY_RANGE', { min: 1, max: 28 });
      const current = await deps.autopay.forAccount(accountId);
      if (!current?.active) return err('AUTOPAY.NOT_ENROLLED');
      const e = await deps.autopay.upsert({
        accountId,
        dayOfMonth,
        routingNumber: current.routingNumber,
        bankAccountToken: current.bankAccountToken,
        bankAccountLast4: current.bankAccountLast4,
      });
      await deps.audit.record('autopay.changed', subject(ctx, accountId), { from: current.dayOfMonth, dayOfMonth });
      return ok(toStatus(e));
    },

    async cancel(ctx, accountId) {
      const owned = await ownedAccount(deps.accounts, ctx, accountId);
      if (!owned.ok) return owned;
      const current = await deps.autopay.forAccount(accountId);
      if (!current?.active) return err('AUTOPAY.NOT_ENROLLED');
      const e = await deps.autopay.cancel(accountId, deps.clock.now());
      await deps.audit.record('autopay.cancelled', subject(ctx, accountId), { dayOfMonth: current.dayOfMonth });
      return ok(toStatus(e));
    },
  };
}
