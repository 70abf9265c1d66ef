import type { AccountRepository, AutoPayRepository, BankRepository, PaymentRepository } from '../store/ports';
import type { Cents, IsoDate, Payment, VehicleAccount } from '../shared/types';
import type { Clock } from '../shared/clock';
import { addDays, businessDate } from '../shared/dates';
import { ok, type Result } from '../shared/result';
import { ownedAccount, ownAccount, type CustomerContext, type OwnershipCode } from './customer-context';

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

/** What a conversation tells about one account: amounts, dates and the bank on file. */
export interface AccountOverview {
  amountDueCents: Cents;
  pastDueCents: Cents;
  dueDate: IsoDate | null;
  monthlyPaymentCents: Cents;
  principalCents: Cents;
  payoffCents: Cents;
  paidOff: boolean;
  paidOffOn: IsoDate | null;
  /** Bank account on file for this account's customer, by its last four digits (none for a paid-off account). */
  bankOnFileLast4: string | null;
  /** Payments already scheduled for a later date, so the customer is not surprised. */
  scheduledCents: Cents;
}

export interface AccountService {
  /** The verified customer's accounts, ordered by account number. */
  list(ctx: CustomerContext): Promise<VehicleAccount[]>;
  summary(ctx: CustomerContext, accountId: string): Promise<Result<AccountSummary, OwnershipCode>>;
  /**
   * The account as the conversation reads it out. Asked only about the acting
   * customer's own accounts: any other account is a caller's error and throws.
   */
  overview(ctx: CustomerContext, accountId: string): Promise<AccountOverview>;
  /** Payoff amount and the date it is good through; throws like `overview` for an account not the customer's. */
  payoffQuote(ctx: CustomerContext, accountId: string): Promise<{ amountCents: Cents; goodThrough: IsoDate }>;
}

export function createAccountService(deps: {
  accounts: AccountRepository;
  payments: PaymentRepository;
  autopay: AutoPayRepository;
  banks: BankRepository;
  clock: Clock;
  timeZone: string;
}): AccountService {
  const payoffGoodThrough = () => addDays(businessDate(deps.clock.now(), deps.timeZone), PAYOFF_GOOD_FOR_DAYS);
  return {
    list: (ctx) => deps.accounts.byCustomer(ctx.customerId),
    async overview(ctx, accountId) {
      const a = await ownAccount(deps.accounts, ctx, accountId);
      const bank = a.status === 'active' ? await deps.banks.onFileFor(ctx.customerId) : null;
      const scheduled = await deps.payments.pending(a.id);
      return {
        amountDueCents: a.amountDueCents,
        pastDueCents: a.pastDueCents,
        dueDate: a.nextDueDate,
        monthlyPaymentCents: a.monthlyPaymentCents,
        principalCents: a.principalCents,
        payoffCents: a.payoffCents,
        paidOff: a.status === 'paid_off',
        paidOffOn: a.paidOffOn,
        bankOnFileLast4: bank?.accountLast4 ?? null,
        scheduledCents: scheduled.reduce((sum, p) => sum + p.amountCents, 0),
      };
    },
    async payoffQuote(ctx, accountId) {
      const a = await ownAccount(deps.accounts, ctx, accountId);
      return { amountCents: a.payoffCents, goodThrough: payoffGoodThrough() };
    },
    async summary(ctx, accountId) {
      const owned = await ownedAccount(deps.accounts, ctx, accountId);
      if (!owned.ok) return owned;
      const a = owned.value;
      const enrollment = await deps.autopay.forAccount(a.id);
      return ok({
        account: a,
        amountDueCents: a.amountDueCents,
        dueDate: a.nextDueDate,
        pastDueCents: a.pastDueCents,
        payoff: { amountCents: a.payoffCents, goodThrough: payoffGoodThrough() },
        scheduled: await deps.payments.pending(a.id),
        autoPay: enrollment?.active ? { dayOfMonth: enrollment.dayOfMonth, bankAccountLast4: enrollment.bankAccountLast4 } : null,
      });
    },
  };
}
