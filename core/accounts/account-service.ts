import type { AccountRepository, AutoPayRepository, BankRepository, PaymentRepository } from '../store/ports';
import type { Cents, IsoDate, Payment, VehicleAccount } from '../shared/types';
import type { Clock } from '../shared/clock';
import { addDays, businessDate } from '../shared/dates';
import { ok, type Result } from '../shared/result';
import { ownedAccount, type CustomerContext, type OwnershipCode } from './customer-context';

export const PAYOFF_GOOD_FOR_DAYS = 10;

export interface AccountSummary {
  account: VehicleAccount;
  amountDueCents: Cents;
  dueDate: IsoDate | null;
  pastDueCents: Cents;
  /** The stored payoff amount, quoted good through today + 10 days (no per-diem interest is modelled). */
  payoff: { amountCents: Cents; goodThrough: IsoDate };
  /** Scheduled payments not yet posted, earliest first. */
  scheduled: Payment[];
  /** What they add up to, so the customer is not surprised by them. */
  scheduledCents: Cents;
  /** The customer's bank account on file, by its last four digits (none named for an account no longer active). */
  bankOnFileLast4: string | null;
  autoPay: { dayOfMonth: number; bankAccountLast4: string } | null;
}

export interface AccountService {
  /** The verified customer's accounts, ordered by account number. */
  list(ctx: CustomerContext): Promise<VehicleAccount[]>;
  summary(ctx: CustomerContext, accountId: string): Promise<Result<AccountSummary, OwnershipCode>>;
}

export function createAccountService(deps: {
  accounts: AccountRepository;
  payments: PaymentRepository;
  autopay: AutoPayRepository;
  banks: BankRepository;
  clock: Clock;
  timeZone: string;
}): AccountService {
  return {
    list: (ctx) => deps.accounts.byCustomer(ctx.customerId),
    async summary(ctx, accountId) {
      const owned = await ownedAccount(deps.accounts, ctx, accountId);
      if (!owned.ok) return owned;
      const a = owned.value;
      const today = businessDate(deps.clock.now(), deps.timeZone);
      const enrollment = await deps.autopay.forAccount(a.id);
      const scheduled = await deps.payments.pending(a.id);
      const bank = a.status === 'active' ? await deps.banks.onFileFor(ctx.customerId) : null;
      return ok({
        account: a,
        amountDueCents: a.amountDueCents,
        dueDate: a.nextDueDate,
        pastDueCents: a.pastDueCents,
        payoff: { amountCents: a.payoffCents, goodThrough: addDays(today, PAYOFF_GOOD_FOR_DAYS) },
        scheduled,
        scheduledCents: scheduled.reduce((sum, p) => sum + p.amountCents, 0),
        bankOnFileLast4: bank?.accountLast4 ?? null,
        autoPay: enrollment?.active ? { dayOfMonth: enrollment.dayOfMonth, bankAccountLast4: enrollment.bankAccountLast4 } : null,
      });
    },
  };
}
