import {
  BalanceChangedError,
  ConfirmationNumberTakenError,
  type AccountRepository,
  type BalanceDecrement,
  type BankRepository,
  type BankVault,
  type PaymentDecision,
  type PaymentRepository,
  type PaymentSnapshot,
} from '../store/ports';
import type { BankAccountType, Cents, IsoDate, Payment, PaymentKind, PaymentMethod, VehicleAccount } from '../shared/types';
import type { Clock } from '../shared/clock';
import { businessDate, addDays } from '../shared/dates';
import { err, ok, type Err, type Result } from '../shared/result';
import type { AuditTrail } from '../audit/audit-trail';
import { ownedAccount, ownAccount, type CustomerContext, type OwnershipCode } from '../accounts/customer-context';
import { checkPaymentAmount, type AmountCode } from './amount';
import { checkPaymentDate, MAX_DAYS_AHEAD, type PaymentDateCode } from './payment-date';
import { checkRoutingNumber, type RoutingCode } from './routing-number';
import { parseBankAccountNumber } from './bank-account-number';
import type { RoutingDirectory } from './fedach-directory';
import type { BankAccountValidation } from './bank-account-validation';
import { newConfirmationNumber } from './confirmation-number';

/** Which amount the customer chose. */
export type AmountChoice =
  /**
   * The amount due as it is when the payment is recorded. `offeredCents` is
   * the amount due the customer was shown: if it is no longer what is due,
   * nothing is paid and the customer is asked again.
   */
  | { kind: 'amount_due'; offeredCents?: Cents }
  | { kind: 'other'; amount: string | Cents }
  /** Extra toward principal: it does not count toward the amount due. */
  | { kind: 'principal'; amount: string | Cents };

/** Where the money comes from. A new account number goes only to the vault. */
export type Funding =
  | { kind: 'bank_on_file' }
  | { kind: 'bank_new'; routingNumber: string; accountNumber: string; accountType?: BankAccountType }
  /** A bank account the conversation already put in the vault, so its state never held the number. */
  | { kind: 'bank_vaulted'; routingNumber: string; token: string; last4: string; accountType?: BankAccountType }
  /**
   * A card the payment connector has already charged (Twilio `<Pay>`): only its
   * token, brand, last 4 and expiry ever reach us, never the card number.
   */
  | { kind: 'card'; token: string; brand: string; last4: string; expiry: string };

/** A debit from a bank account: what Auto Pay drafts from. */
export type BankFunding = Exclude<Funding, { kind: 'card' }>;

export interface ResolvedFunding {
  method: PaymentMethod;
  routingNumber: string;
  token: string;
  last4: string;
  /** A first-use account whose validation is not back yet: it may not be debited. */
  pendingValidation: boolean;
  accountType?: BankAccountType;
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
  funding: BankFunding,
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
  return ok({
    method: 'bank_new',
    routingNumber: routing.value,
    token,
    last4,
    pendingValidation: validity === 'pending',
    ...(funding.accountType ? { accountType: funding.accountType } : {}),
  });
}

export interface PaymentRequest {
  accountId: string;
  amount: AmountChoice;
  /** Business date; today (the default) posts now, a later date schedules. */
  date?: IsoDate;
  funding: Funding;
  /** Derived from the turn that asked: a retry with the same key returns the first payment. */
  idempotencyKey: string;
  /**
   * The confirmation number of the payment of the same amount, to the same
   * account and for the same date, that the customer was told about and
   * still chose to pay again. Without it such a payment is refused with
   * `PAYMENT.SAME_DAY_REPEAT`, so the customer can be asked.
   */
  repeatOf?: string;
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
  | 'PAYMENT.BALANCE_CHANGED'
  /** The amount due offered was paid meanwhile (params `amountCents`: 0). */
  | 'PAYMENT.AMOUNT_DUE_PAID'
  /** The amount due offered is no longer what is due (params `amountCents`: what is due now). */
  | 'PAYMENT.AMOUNT_DUE_CHANGED'
  /**
   * A payment of this amount to this account for this date exists (params
   * `amountCents`, `confirmation`, `date`, `status` of the latest): ask before paying again.
   */
  | 'PAYMENT.SAME_DAY_REPEAT'
  /** Card payments are charged at once: they cannot be scheduled for a later date. */
  | 'PAYMENT.CARD_TODAY_ONLY';

/** A bank account number put in the vault: only its token and last 4 come back, and whether its validation is still out. */
export interface VaultedBankAccount {
  token: string;
  last4: string;
  pendingValidation: boolean;
}

/** A payment already made, as the customer hears it. */
export interface SameDayPayment {
  confirmation: string;
  status: Payment['status'];
}

export interface PaymentService {
  /** What the payment prompts need: amounts, date window, bank on file (last 4 only). */
  options(ctx: CustomerContext, accountId: string): Promise<Result<PaymentOptions, OwnershipCode | 'PAYMENT.ACCOUNT_PAID_OFF'>>;
  /** Validates an amount of a kind on its own, so the conversation can re-ask just that. */
  checkAmount(ctx: CustomerContext, accountId: string, cents: Cents, kind: PaymentKind): Promise<Result<Cents, PaymentCode>>;
  /** Validates a date step: not in the past, at most 30 days ahead (`PAYMENT.DATE_TOO_FAR` carries `lastDate`). */
  checkDate(date: string): Result<IsoDate, PaymentDateCode>;
  /** The latest date a payment may be made for, today. */
  lastAllowedDate(): IsoDate;
  /** Checksum, then the FedACH directory: listed, and still taking entries under this number. */
  checkRoutingNumber(input: string): Result<string, RoutingCode>;
  checkBankAccountNumber(input: string): Result<{ last4: string }, 'PAYMENT.ACCOUNT_NUMBER_INVALID'>;
  /**
   * Vaults a new bank account number and asks for its validation at once, so
   * a closed account is re-asked while the customer is still there (the
   * payment asks again before any debit). Only the token, last 4 and whether
   * validation is still pending come back.
   */
  tokenizeBankAccount(routing: string, accountNumber: string): Promise<Result<VaultedBankAccount, FundingCode>>;
  /**
   * The payment of this amount already made to the account for this date, if
   * any: asked about before a card is charged, since a charged card is always
   * recorded. Throws for an account not the customer's.
   */
  sameDayPayment(ctx: CustomerContext, accountId: string, cents: Cents, date: IsoDate): Promise<SameDayPayment | null>;
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

/**
 * How a posted payment moves the balances. The payoff is the principal plus
 * accrued interest, so it never falls below the principal, and nothing can be
 * due beyond the payoff. A regular payment clears the past due first, then the
 * rest of the amount due; its part toward the amount due pays the accrued
 * interest first and then principal, and anything beyond the amount due goes
 * to principal. A principal payment goes to principal alone (any excess over
 * the principal clears interest) and leaves the amount due as it is, unless
 * the payoff falls below it.
 */
export function balanceDecrement(account: VehicleAccount, cents: Cents, kind: PaymentKind, today: IsoDate): BalanceDecrement {
  const payoffCents = Math.min(cents, account.payoffCents);
  const payoffAfter = account.payoffCents - payoffCents;
  const interest = Math.max(0, account.payoffCents - account.principalCents);
  const towardDue = kind === 'regular' ? Math.min(payoffCents, account.amountDueCents) : 0;
  const beyondDue = payoffCents - towardDue;
  const toPrincipal = Math.max(beyondDue + Math.max(0, towardDue - interest), account.principalCents - payoffAfter);
  const dueAfter = Math.min(account.amountDueCents - towardDue, payoffAfter);
  const pastDueAfter = Math.min(Math.max(0, account.pastDueCents - towardDue), dueAfter);
  return {
    amountDueCents: account.amountDueCents - dueAfter,
    pastDueCents: account.pastDueCents - pastDueAfter,
    principalCents: Math.min(Math.max(0, toPrincipal), account.principalCents),
    payoffCents,
    paidOffOn: payoffAfter === 0 ? today : null,
  };
}

/** Stands for "the customer was asked about any earlier payment of the same amount today". */
const SAME_DAY_ASKED: unique symbol = Symbol('same-day repeat asked');

/** The payments that count as made: a cancelled or returned one does not. */
const standing = (p: Payment) => p.status === 'posted' || p.status === 'scheduled';

/**
 * Decides a payment against the account as the store holds it at the moment
 * of recording, and the payments already made to it for the same date:
 * which amount, which kind, how the balances move, or why not.
 */
export function decidePayment(
  snapshot: PaymentSnapshot,
  req: { amount: AmountChoice; repeatOf?: string | typeof SAME_DAY_ASKED },
  date: IsoDate,
  today: IsoDate,
): Result<{ cents: Cents; kind: PaymentKind; decrement: BalanceDecrement | null }, PaymentCode> {
  const { account } = snapshot;
  if (account.status === 'paid_off') return err('PAYMENT.ACCOUNT_PAID_OFF');
  const choice = req.amount;
  // Which amount the customer means: for the amount due, the one they were shown.
  let meant: Cents;
  if (choice.kind === 'amount_due') meant = choice.offeredCents ?? account.amountDueCents;
  else {
    const parsed = checkPaymentAmount(choice.amount, Number.MAX_SAFE_INTEGER);
    if (!parsed.ok) return parsed;
    meant = parsed.value;
  }

  // The same amount again for the same day is asked about first, whatever else has changed.
  const same = snapshot.sameDate.filter((p) => standing(p) && p.amountCents === meant);
  const latest = same[same.length - 1];
  if (latest && req.repeatOf !== SAME_DAY_ASKED && latest.confirmationNumber !== req.repeatOf) {
    return err('PAYMENT.SAME_DAY_REPEAT', {
      amountCents: latest.amountCents,
      confirmation: latest.confirmationNumber,
      date: latest.scheduledFor,
      status: latest.status,
    });
  }

  if (choice.kind === 'amount_due' && choice.offeredCents !== undefined && choice.offeredCents !== account.amountDueCents) {
    return err(account.amountDueCents > 0 ? 'PAYMENT.AMOUNT_DUE_CHANGED' : 'PAYMENT.AMOUNT_DUE_PAID', { amountCents: account.amountDueCents });
  }
  const amount = resolveAmount(account, choice);
  if (!amount.ok) return amount;
  const { cents, kind } = amount.value;
  return ok({ cents, kind, decrement: date === today ? balanceDecrement(account, cents, kind, today) : null });
}

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

export function createPaymentService(deps: PaymentDeps): PaymentService {
  const today = () => businessDate(deps.clock.now(), deps.timeZone);

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

    async checkAmount(ctx, accountId, cents, kind) {
      const owned = await ownedAccount(deps.accounts, ctx, accountId);
      if (!owned.ok) return owned;
      const r = resolveAmount(owned.value, { kind: kind === 'principal' ? 'principal' : 'other', amount: cents });
      return r.ok ? ok(r.value.cents) : r;
    },

    checkDate: (date) => checkPaymentDate(date, today()),
    lastAllowedDate: () => addDays(today(), MAX_DAYS_AHEAD),
    checkRoutingNumber: (input) => checkRoutingNumber(input, deps.routingDirectory),
    async tokenizeBankAccount(routing, accountNumber) {
      const rn = checkRoutingNumber(routing, deps.routingDirectory);
      if (!rn.ok) return rn;
      const an = parseBankAccountNumber(accountNumber);
      if (!an.ok) return an;
      const token = await deps.vault.tokenize(rn.value, an.value);
      const last4 = an.value.slice(-4);
      const validity = await deps.bankValidation.validate(rn.value, token);
      if (validity === 'invalid') return err('PAYMENT.BANK_ACCOUNT_INVALID', { last4 });
      return ok({ token, last4, pendingValidation: validity === 'pending' });
    },
    async sameDayPayment(ctx, accountId, cents, date) {
      const account = await ownAccount(deps.accounts, ctx, accountId);
      const same = (await deps.payments.history(account.id, 50)).find((p) => p.scheduledFor === date && p.amountCents === cents && standing(p));
      return same ? { confirmation: same.confirmationNumber, status: same.status } : null;
    },
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
      // Refuse early what the account as read already rules out; the store decides again when recording.
      const early = decidePayment({ account, sameDate: [] }, { amount: req.amount }, date.value, t);
      if (!early.ok && early.code !== 'PAYMENT.AMOUNT_DUE_PAID' && early.code !== 'PAYMENT.AMOUNT_DUE_CHANGED') return early;
      const card = req.funding.kind === 'card' ? req.funding : null;
      if (card && date.value !== t) return err('PAYMENT.CARD_TODAY_ONLY');
      const funding: Result<ResolvedFunding, FundingCode> = req.funding.kind === 'card'
        ? ok({ method: 'card', routingNumber: '', token: '', last4: req.funding.last4, pendingValidation: false })
        : await resolveFunding(deps, ctx.customerId, req.funding);
      if (!funding.ok) return funding;

      // A first-use account waiting for validation is not debited, today or on its date, until it is validated.
      const waits = funding.value.pendingValidation;
      const postsNow = date.value === t && !waits;
      // A card the connector already charged is recorded whatever else was paid today: the customer was asked before the card was taken.
      const decideAs: { amount: AmountChoice; repeatOf?: string | typeof SAME_DAY_ASKED } = card ? { amount: req.amount, repeatOf: SAME_DAY_ASKED } : req;
      for (let attempt = 0; ; attempt++) {
        try {
          const outcome = await deps.payments.record(
            { accountId: account.id, date: date.value, idempotencyKey: req.idempotencyKey },
            (snapshot): PaymentDecision<Err<PaymentCode>> => {
              // Decided on the account as it is now, inside the store's transaction, not as it was offered.
              const decided = decidePayment(snapshot, decideAs, date.value, t);
              if (!decided.ok) return { refuse: decided };
              return {
                record: {
                  accountId: account.id,
                  amountCents: decided.value.cents,
                  kind: decided.value.kind,
                  scheduledFor: date.value,
                  method: funding.value.method,
                  channel: ctx.channel,
                  status: waits ? 'awaiting_validation' : postsNow ? 'posted' : 'scheduled',
                  confirmationNumber: newConfirmationNumber(),
                  routingNumber: card ? null : funding.value.routingNumber,
                  bankAccountToken: card ? null : funding.value.token,
                  bankAccountLast4: card ? null : funding.value.last4,
                  bankAccountType: funding.value.accountType ?? null,
                  cardToken: card?.token ?? null,
                  cardBrand: card?.brand ?? null,
                  cardLast4: card?.last4 ?? null,
                  cardExpiry: card?.expiry ?? null,
                  idempotencyKey: req.idempotencyKey,
                },
                decrement: waits ? null : decided.value.decrement,
              };
            },
          );
          if ('refused' in outcome) return outcome.refused;
          const { payment, duplicate } = outcome;
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
              bankAccountType: payment.bankAccountType ?? null,
              cardBrand: payment.cardBrand ?? null,
              cardLast4: payment.cardLast4 ?? null,
              channel: ctx.channel,
              repeatOf: req.repeatOf ?? null,
            },
          );
          return ok({ payment, duplicate: false });
        } catch (e) {
          if (e instanceof ConfirmationNumberTakenError && attempt < 5) continue;
          // Another payment got in first: decide again on what the store now holds.
          if (e instanceof BalanceChangedError && attempt < 5) continue;
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
