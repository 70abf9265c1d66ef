import type { AccountRepository, AutoPayRepository, PaymentRepository } from '../store/ports';
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
      return ok({
        account: a,
        amountDueCents: a.amountDueCents,
        dueDate: a.nextDueDate,
        pastDueCents: a.pastDueCents,
        payoff: { amountCents: a.payoffCents, goodThrough: addDays(today, PAYOFF_GOOD_FOR_DAYS) },
        scheduled: await deps.payments.pending(a.id),
        autoPay: enrollment?.active ? { dayOfMonth: enrollment.dayOfMonth, bankAccountLast4: enrollment.bankAccountLast4 } : null,
      });
    },
  };
}
