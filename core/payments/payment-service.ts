import {
  BalanceChangedError,
  ConfirmationNumberTakenError,
  type AccountRepository,
  type BalanceDecrement,
  type BankRepository,
  type BankVault,
  type PaymentRepository,
} from '../store/ports';
import type { Cents, IsoDate, Payment, PaymentKind, PaymentMethod, VehicleAccount } from '../shared/types';
import type { Clock } from '../shared/clock';
import { businessDate, addDays } from '../shared/dates';
import { err, ok, type Result } from '../shared/result';
import type { AuditTrail } from '../audit/audit-trail';
import { ownedAccount, type CustomerContext, type OwnershipCode } from '../accounts/customer-context';
import { checkPaymentAmount, type AmountCode } from './amount';
import { checkPaymentDate, MAX_DAYS_AHEAD, type PaymentDateCode } from './payment-date';
import { checkRoutingNumber, type RoutingCode } from './routing-number';
import { parseBankAccountNumber } from './bank-account-number';
import type { RoutingDirectory } from './fedach-directory';
import type { BankAccountValidation } from './bank-account-validation';
import { newConfirmationNumber } from './confirmation-number';

/** Which amount the customer chose. */
export type AmountChoice =
  | { kind: 'amount_due' }
  | { kind: 'other'; amount: string | Cents }
  /** Extra toward principal: it does not count toward the amount due. */
  | { kind: 'principal'; amount: string | Cents };

/** Where the money comes from. A new account number goes only to the vault. */
export type Funding =
  | { kind: 'bank_on_file' }
  | { kind: 'bank_new'; routingNumber: string; accountNumber: string }
  /** A bank account the conversation already put in the vault, so its state never held the number. */
  | { kind: 'bank_vaulted'; routingNumber: string; token: string; last4: string };

export interface ResolvedFunding {
  method: PaymentMethod;
  routingNumber: string;
  token: string;
  last4: string;
  /** A first-use account whose validation is not back yet: it may not be debited. */
  pendingValidation: boolean;
}

export type FundingCode = RoutingCode | 'PAYMENT.NO_BANK_ON_FILE' | 'PAYMENT.ACCOUNT_NUMBER_INVALID' | 'PAYMENT.BANK_ACCOUNT_INVALID';

/** What a bank account used for the first time is checked against before its first debit. */
export interface BankAccountChecks {
  routingDirectory: RoutingDirectory;
  bankValidation: BankAccountValidation;
}

/**
 * Turns a funding choice into routing number, vault token and last 4; shared
 * by payments and Auto Pay. The bank account on file is already validated; a
 * new one must have a routing number the FedACH directory lists as taking
 * entries, and goes to account validation (Nacha's WEB debit rule).
 */
export async function resolveFunding(
  deps: { banks: BankRepository; vault: BankVault } & BankAccountChecks,
  customerId: string,
  funding: Funding,
): Promise<Result<ResolvedFunding, FundingCode>> {
  if (funding.kind === 'bank_on_file') {
    const bank = await deps.banks.onFileFor(customerId);
    if (!bank) return err('PAYMENT.NO_BANK_ON_FILE');
    return ok({ method: 'bank_on_file', routingNumber: bank.routingNumber, token: bank.accountToken, last4: bank.accountLast4, pendingValidation: false });
  }
  const routing = checkRoutingNumber(funding.routingNumber, deps.routingDirectory);
  if (!routing.ok) return routing;
  let token: string;
  let last4: string;
  if (funding.kind === 'bank_vaulted') {
    const opened = await deps.vault.reveal(funding.token);
    if (!opened || opened.routingNumber !== routing.value || opened.accountNumber.slice(-4) !== funding.last4) {
      return err('PAYMENT.ACCOUNT_NUMBER_INVALID');
    }
    token = funding.token;
    last4 = funding.last4;
  } else {
    const number = parseBankAccountNumber(funding.accountNumber);
    if (!number.ok) return number;
    token = await deps.vault.tokenize(routing.value, number.value);
    last4 = number.value.slice(-4);
  }
  const validity = await deps.bankValidation.validate(routing.value, token);
  if (validity === 'invalid') return err('PAYMENT.BANK_ACCOUNT_INVALID', { last4 });
  return ok({ method: 'bank_new', routingNumber: routing.value, token, last4, pendingValidation: validity === 'pending' });
}

export interface PaymentRequest {
  accountId: string;
  amount: AmountChoice;
  /** Business date; today (the default) posts now, a later date schedules. */
  date?: IsoDate;
  funding: Funding;
  /** Derived from the turn that asked: a retry with the same key returns the first payment. */
  idempotencyKey: string;
}

export interface PaymentReceipt {
  payment: Payment;
  /** True when the key had already been used: nothing new was recorded. */
  duplicate: boolean;
}

export interface PaymentOptions {
  amountDueCents: Cents;
  pastDueCents: Cents;
  payoffCents: Cents;
  nextDueDate: IsoDate | null;
  today: IsoDate;
  lastDate: IsoDate;
  bankOnFile: { last4: string } | null;
}

export type PaymentCode =
  | OwnershipCode
  | AmountCode
  | PaymentDateCode
  | 'PAYMENT.ACCOUNT_PAID_OFF'
  | 'PAYMENT.NOTHING_DUE'
  | FundingCode
  | 'PAYMENT.IDEMPOTENCY_CONFLICT'
  | 'PAYMENT.BALANCE_CHANGED';

export interface PaymentService {
  /** What the payment prompts need: amounts, date window, bank on file (last 4 only). */
  options(ctx: CustomerContext, accountId: string): Promise<Result<PaymentOptions, OwnershipCode | 'PAYMENT.ACCOUNT_PAID_OFF'>>;
  /** Validates an amount step on its own, so the engine can re-ask just that. */
  checkAmount(ctx: CustomerContext, accountId: string, choice: AmountChoice): Promise<Result<Cents, PaymentCode>>;
  /** Validates a date step: not in the past, at most 30 days ahead. */
  checkDate(date: string): Result<IsoDate, PaymentDateCode>;
  /** Checksum, then the FedACH directory: listed, and still taking entries under this number. */
  checkRoutingNumber(input: string): Result<string, RoutingCode>;
  checkBankAccountNumber(input: string): Result<{ last4: string }, 'PAYMENT.ACCOUNT_NUMBER_INVALID'>;
  /**
   * Pays now (status 'posted', balances decremented in the same transaction)
   * or on a future date (status 'scheduled'). From a first-use bank account
   * whose validation is pending, records it 'awaiting_validation' and debits
   * nothing; an account validation finds invalid records nothing. Idempotent per key.
   */
  pay(ctx: CustomerContext, req: PaymentRequest): Promise<Result<PaymentReceipt, PaymentCode>>;
  /** Newest first. */
  history(ctx: CustomerContext, accountId: string, limit?: number): Promise<Result<Payment[], OwnershipCode>>;
}

export interface PaymentDeps extends BankAccountChecks {
  accounts: AccountRepository;
  banks: BankRepository;
  vault: BankVault;
  payments: PaymentRepository;
  audit: AuditTrail;
  clock: Clock;
  timeZone: string;
}

/** How a posted payment moves the balances: past due first, then the rest due, any extra to principal. */
export function balanceDecrement(account: VehicleAccount, cents: Cents, kind: PaymentKind, today: IsoDate): BalanceDecrement {
  const payoffCents = Math.min(cents, account.payoffCents);
  const towardDue = kind === 'regular' ? Math.min(cents, account.amountDueCents) : 0;
  const extra = cents - towardDue;
  return {
    amountDueCents: towardDue,
    pastDueCents: kind === 'regular' ? Math.min(cents, account.pastDueCents) : 0,
    principalCents: Math.min(extra, account.principalCents),
    payoffCents,
    paidOffOn: payoffCents === account.payoffCents ? today : null,
  };
}

export function createPaymentService(deps: PaymentDeps): PaymentService {
  const today = () => businessDate(deps.clock.now(), deps.timeZone);

  function resolveAmount(account: VehicleAccount, choice: AmountChoice): Result<{ cents: Cents; kind: PaymentKind }, PaymentCode> {
    if (account.status === 'paid_off') return err('PAYMENT.ACCOUNT_PAID_OFF');
    if (choice.kind === 'amount_due') {
      if (account.amountDueCents <= 0) return err('PAYMENT.NOTHING_DUE');
      const r = checkPaymentAmount(account.amountDueCents, account.payoffCents);
      return r.ok ? ok({ cents: r.value, kind: 'regular' }) : r;
    }
    const r = checkPaymentAmount(choice.amount, account.payoffCents);
    if (!r.ok) return r;
    return ok({ cents: r.value, kind: choice.kind === 'principal' ? 'principal' : 'regular' });
  }

  async function duplicateOf(ctx: CustomerContext, existing: Payment, accountId: string): Promise<Result<PaymentReceipt, PaymentCode>> {
    if (existing.accountId !== accountId) return err('PAYMENT.IDEMPOTENCY_CONFLICT');
    await deps.audit.record(
      'payment.duplicate',
      { sessionId: ctx.sessionId, customerId: ctx.customerId, accountId },
      { confirmationNumber: existing.confirmationNumber },
    );
    return ok({ payment: existing, duplicate: true });
  }

  return {
    async options(ctx, accountId) {
      const owned = await ownedAccount(deps.accounts, ctx, accountId);
      if (!owned.ok) return owned;
      const a = owned.value;
      if (a.status === 'paid_off') return err('PAYMENT.ACCOUNT_PAID_OFF');
      const bank = await deps.banks.onFileFor(ctx.customerId);
      const t = today();
      return ok({
        amountDueCents: a.amountDueCents,
        pastDueCents: a.pastDueCents,
        payoffCents: a.payoffCents,
        nextDueDate: a.nextDueDate,
        today: t,
        lastDate: addDays(t, MAX_DAYS_AHEAD),
        bankOnFile: bank ? { last4: bank.accountLast4 } : null,
      });
    },

    async checkAmount(ctx, accountId, choice) {
      const owned = await ownedAccount(deps.accounts, ctx, accountId);
      if (!owned.ok) return owned;
      const r = resolveAmount(owned.value, choice);
      return r.ok ? ok(r.value.cents) : r;
    },

    checkDate: (date) => checkPaymentDate(date, today()),
    checkRoutingNumber: (input) => checkRoutingNumber(input, deps.routingDirectory),
    checkBankAccountNumber(input) {
      const r = parseBankAccountNumber(input);
      return r.ok ? ok({ last4: r.value.slice(-4) }) : r;
    },

    async pay(ctx, req) {
      const owned = await ownedAccount(deps.accounts, ctx, req.accountId);
      if (!owned.ok) return owned;
      // A retried turn must get its first answer back even though the balances have moved since.
      const earlier = await deps.payments.byIdempotencyKey(req.idempotencyKey);
      if (earlier) return duplicateOf(ctx, earlier, req.accountId);

      const account = owned.value;
      const t = today();
      const date = checkPaymentDate(req.date ?? t, t);
      if (!date.ok) return date;
      const amount = resolveAmount(account, req.amount);
      if (!amount.ok) return amount;
      const funding = await resolveFunding(deps, ctx.customerId, req.funding);
      if (!funding.ok) return funding;

      // A first-use account waiting for validation is not debited, today or on its date, until it is validated.
      const waits = funding.value.pendingValidation;
      const postsNow = date.value === t && !waits;
      const decrement = postsNow ? balanceDecrement(account, amount.value.cents, amount.value.kind, t) : null;
      for (let attempt = 0; ; attempt++) {
        try {
          const { payment, duplicate } = await deps.payments.record(
            {
              accountId: account.id,
              amountCents: amount.value.cents,
              kind: amount.value.kind,
              scheduledFor: date.value,
              method: funding.value.method,
              channel: ctx.channel,
              status: waits ? 'awaiting_validation' : postsNow ? 'posted' : 'scheduled',
              confirmationNumber: newConfirmationNumber(),
              routingNumber: funding.value.routingNumber,
              bankAccountToken: funding.value.token,
              bankAccountLast4: funding.value.last4,
              idempotencyKey: req.idempotencyKey,
            },
            decrement,
          );
          if (duplicate) return duplicateOf(ctx, payment, req.accountId);
          await deps.audit.record(
            'payment.created',
            { sessionId: ctx.sessionId, customerId: ctx.customerId, accountId: account.id },
            {
              confirmationNumber: payment.confirmationNumber,
              amountCents: payment.amountCents,
              kind: payment.kind,
              status: payment.status,
              scheduledFor: payment.scheduledFor,
              method: payment.method,
              bankAccountLast4: payment.bankAccountLast4,
              channel: ctx.channel,
            },
          );
          return ok({ payment, duplicate: false });
        } catch (e) {
          if (e instanceof ConfirmationNumberTakenError && attempt < 5) continue;
          if (e instanceof BalanceChangedError) return err('PAYMENT.BALANCE_CHANGED');
          throw e;
        }
      }
    },

    async history(ctx, accountId, limit = 10) {
      const owned = await ownedAccount(deps.accounts, ctx, accountId);
      if (!owned.ok) return owned;
      return ok(await deps.payments.history(accountId, limit));
    },
  };
}
