import type {
  AutoPayEnrollment,
  BankOnFile,
  Cents,
  Channel,
  Customer,
  FicoScore,
  IsoDate,
  Payment,
  TitleStatus,
  VehicleAccount,
} from '../shared/types';
import type { SessionStore } from './session-store';

/**
 * Ports: the small interfaces the core needs from persistence. The Prisma
 * data layer (`data/`) implements them for SQLite and PostgreSQL; `memory.ts`
 * is the in-memory twin used by fast tests. One contract suite runs against both.
 */

export interface CustomerRepository {
  byId(id: string): Promise<Customer | null>;
  /** Customers whose SSN/Tax ID hashes to this keyed hash. */
  byTaxIdHash(hash: string): Promise<Customer[]>;
  byMobile(e164: string): Promise<Customer | null>;
  update(id: string, patch: Partial<Pick<Customer, 'language' | 'email' | 'textAlerts' | 'smsOptedOut'>>): Promise<void>;
  /** Customers opted in to text alerts (and not opted out), for reminders. */
  textAlertSubscribers(): Promise<Customer[]>;
  /** Replaces a customer's SSN/Tax ID hash with one made by another key (at verification, the only time the number is known). */
  setTaxIdHash(id: string, hash: string, keyId: string): Promise<void>;
  /** How many customers' SSN/Tax ID hashes each key id made. */
  taxIdHashKeyCounts(): Promise<Record<string, number>>;
}

export interface AccountRepository {
  byId(id: string): Promise<VehicleAccount | null>;
  byAccountNumber(accountNumber: string): Promise<VehicleAccount | null>;
  byVin(vin: string): Promise<VehicleAccount | null>;
  /** Accounts whose VIN ends with these six characters. */
  byVinSuffix(last6: string): Promise<VehicleAccount[]>;
  byCustomer(customerId: string): Promise<VehicleAccount[]>;
}

export interface BankRepository {
  onFileFor(customerId: string): Promise<BankOnFile | null>;
}

/** Keeps bank account numbers out of every other table: callers only ever hold a token. */
export interface BankVault {
  /** Stores the account number encrypted and returns an opaque token. */
  tokenize(routingNumber: string, accountNumber: string): Promise<string>;
  /** Opens a token for the payment processor; null for an unknown token. Never log the result. */
  reveal(token: string): Promise<{ routingNumber: string; accountNumber: string } | null>;
  /**
   * Reseals every entry not on the current key with the current key. Entries
   * whose key is no longer configured are left as they are and counted.
   */
  rotate(): Promise<VaultRotation>;
}

export interface VaultRotation {
  /** Entries moved to the current key now. */
  resealed: number;
  /** Entries whose key id is not configured: unreadable until that key is given back. */
  unreadable: number;
  /** Entries on the current key, including those just resealed. */
  current: number;
}

/** How a posted payment changes the account's balances (all non-negative decrements). */
export interface BalanceDecrement {
  amountDueCents: Cents;
  pastDueCents: Cents;
  principalCents: Cents;
  payoffCents: Cents;
  /** Set when this payment clears the payoff: the account becomes 'paid_off' on this date. */
  paidOffOn: IsoDate | null;
}

/** True when every decrement is a whole, non-negative number no larger than the balance it comes off. */
export function decrementFits(account: VehicleAccount, d: BalanceDecrement): boolean {
  const pairs: [Cents, Cents][] = [
    [d.amountDueCents, account.amountDueCents],
    [d.pastDueCents, account.pastDueCents],
    [d.principalCents, account.principalCents],
    [d.payoffCents, account.payoffCents],
  ];
  return pairs.every(([take, balance]) => Number.isInteger(take) && take >= 0 && take <= balance);
}

/**
 * Thrown by `PaymentRepository.record` when another payment to the account
 * was recorded between reading the account and writing this one (its balances
 * moved, or it took the same amount on the same date first). The caller
 * records again, deciding afresh on what the store then holds.
 */
export class BalanceChangedError extends Error {
  constructor() {
    super('the account changed while the payment was being recorded');
    this.name = 'BalanceChangedError';
  }
}

/** Thrown by `PaymentRepository.record` when the confirmation number is already used; pick another. */
export class ConfirmationNumberTakenError extends Error {
  constructor() {
    super('confirmation number already used');
    this.name = 'ConfirmationNumberTakenError';
  }
}

export type NewPayment = Omit<Payment, 'id' | 'createdAt'>;

/** What the store holds for an account at the moment a payment to it is recorded. */
export interface PaymentSnapshot {
  account: VehicleAccount;
  /** Every payment to the account for the payment's date, whatever its status, oldest first. */
  sameDate: Payment[];
}

/** Decided from a snapshot: record this payment (moving the balances when it posts now), or refuse with a reason. */
export type PaymentDecision<R> = { record: NewPayment; decrement: BalanceDecrement | null } | { refuse: R };

export type RecordOutcome<R> = { payment: Payment; duplicate: boolean } | { refused: R };

/** True when a decided payment is the one `record` was called for: same account, date and key. */
export function recordsTarget(p: NewPayment, target: { accountId: string; date: IsoDate; idempotencyKey: string }): boolean {
  return p.accountId === target.accountId && p.scheduledFor === target.date && p.idempotencyKey === target.idempotencyKey;
}

export interface PaymentRepository {
  /**
   * Records a payment in one transaction: reads the account and its payments
   * for `date`, asks `decide` (pure and synchronous) what to record, inserts
   * it and, for a payment posted now, decrements the balances only if they
   * are still what `decide` saw. A key already used records nothing and
   * returns the first payment with `duplicate: true`. Throws
   * `BalanceChangedError` when another payment got in first (call again) and
   * `ConfirmationNumberTakenError` when the confirmation number is taken.
   * A second payment of one amount to one account for one date needs a
   * decision made after seeing the first: two made blind cannot both be stored.
   */
  record<R>(
    target: { accountId: string; date: IsoDate; idempotencyKey: string },
    decide: (snapshot: PaymentSnapshot) => PaymentDecision<R>,
  ): Promise<RecordOutcome<R>>;
  byIdempotencyKey(key: string): Promise<Payment | null>;
  /** Newest first. */
  history(accountId: string, limit: number): Promise<Payment[]>;
  /**
   * Payments not yet posted or cancelled: scheduled for a later date, or
   * waiting for a first-use bank account's validation. Earliest date first.
   */
  pending(accountId: string): Promise<Payment[]>;
}

export interface AutoPayRepository {
  forAccount(accountId: string): Promise<AutoPayEnrollment | null>;
  /** Creates or replaces the account's enrollment and makes it active. */
  upsert(enrollment: Omit<AutoPayEnrollment, 'id' | 'enrolledAt' | 'cancelledAt' | 'active'>): Promise<AutoPayEnrollment>;
  cancel(accountId: string, at: Date): Promise<AutoPayEnrollment | null>;
}

export interface TitleRepository {
  forAccount(accountId: string): Promise<TitleStatus | null>;
  setEmailUpdates(accountId: string, on: boolean): Promise<void>;
}

export interface FicoRepository {
  latest(customerId: string): Promise<FicoScore | null>;
}

export type LockScope = 'account' | 'session' | 'caller';

export interface VerificationRepository {
  recordAttempt(attempt: {
    sessionId: string;
    accountId: string | null;
    callerKey: string | null;
    channel: Channel;
    success: boolean;
    reason: string;
    at: Date;
  }): Promise<void>;
  /** Failed attempts for this scope and key at or after `since` and strictly after the last clear. */
  failuresSince(scope: LockScope, key: string, since: Date): Promise<number>;
  lock(scope: LockScope, key: string, until: Date): Promise<void>;
  /** The end of an active lock on this scope and key, or null. */
  lockedUntil(scope: LockScope, key: string, now: Date): Promise<Date | null>;
  /** Clears failures counted against an account after a successful verification. */
  clearFailures(scope: LockScope, key: string, at: Date): Promise<void>;
  /** Failed attempts from anywhere at or after `since` (the global failure rate). */
  allFailuresSince(since: Date): Promise<number>;
  createChallenge(challenge: NewCodeChallenge): Promise<void>;
  /** The session's newest challenge that is not closed (it may have expired), or null. */
  latestChallenge(sessionId: string): Promise<CodeChallenge | null>;
  /** Counts one wrong code against a challenge and returns its wrong codes so far. */
  recordWrongCode(id: string): Promise<number>;
  closeChallenge(id: string, at: Date): Promise<void>;
  /** Challenges (codes texted) for an account created at or after `since`. */
  challengesSince(accountId: string, since: Date): Promise<number>;
}

/** A one-time code sent by text for a step-up; only a keyed hash of the code is stored. */
export interface CodeChallenge {
  id: string;
  sessionId: string;
  customerId: string;
  accountId: string;
  codeHash: string;
  expiresAt: Date;
  failedAttempts: number;
  createdAt: Date;
  closedAt: Date | null;
}

export type NewCodeChallenge = Omit<CodeChallenge, 'failedAttempts' | 'closedAt'>;

export type AuditKind =
  | 'customer.email_changed'
  | 'identity.verified'
  | 'identity.failed'
  | 'identity.locked'
  | 'identity.code_sent'
  | 'identity.code_failed'
  | 'payment.created'
  | 'payment.duplicate'
  | 'autopay.enrolled'
  | 'autopay.changed'
  | 'autopay.cancelled'
  | 'title.email_updates'
  | 'alerts.changed'
  | 'reminder.code_refused'
  | 'handoff';

export interface AuditLog {
  /** `details` must already be redacted: never a full SSN/Tax ID or bank account number. */
  record(entry: {
    kind: AuditKind;
    sessionId: string | null;
    customerId: string | null;
    accountId: string | null;
    details: Record<string, string | number | boolean | null>;
    at: Date;
  }): Promise<void>;
}

/**
 * A due-date reminder sent by text. Its one-time code is kept only as a keyed
 * hash; the code itself is in the text sent and nowhere else.
 */
export interface PaymentReminder {
  id: string;
  customerId: string;
  accountId: string;
  dueDate: IsoDate;
  /** The amount the reminder named; a reply pays at most this. */
  amountDueCents: Cents;
  codeHash: string;
  sentAt: Date;
  /** The last business date the code pays. */
  expiresOn: IsoDate;
  /** Codes checked against this reminder so far. */
  codeAttempts: number;
}

export interface PaymentReminderRepository {
  /** Records a reminder once per account and due date; false when that account and due date already has one. */
  create(reminder: Omit<PaymentReminder, 'codeAttempts'>): Promise<boolean>;
  /** The customer's reminders whose code still pays on `today`, latest due date first. */
  openFor(customerId: string, today: IsoDate): Promise<PaymentReminder[]>;
  /**
   * Counts one code check, atomically and only while fewer than `limit` were
   * counted: true when this check may go ahead, false once the limit is reached,
   * however many checks arrive at the same moment.
   */
  claimCodeAttempt(id: string, limit: number): Promise<boolean>;
}

export interface OutboxMessage {
  id: string;
  channel: 'sms' | 'email';
  to: string;
  body: string;
  status: 'pending' | 'sent' | 'failed';
  dedupeKey: string;
  createdAt: Date;
}

export interface Outbox {
  /**
   * Queues a message once per dedupe key; false when it was already queued.
   * `status` records a message already sent (or not) at once instead of queuing it.
   */
  enqueue(msg: { channel: 'sms' | 'email'; to: string; body: string; dedupeKey: string; at: Date; status?: OutboxMessage['status'] }): Promise<boolean>;
  pending(limit: number): Promise<OutboxMessage[]>;
  mark(id: string, status: 'sent' | 'failed'): Promise<void>;
}

export type { StoredSession, AnsweredTurn, SessionStore } from './session-store';

/** Rows a test or the demo seed puts straight into the store, bypassing the domain rules. */
export interface StoreWriter {
  customer(c: Customer): Promise<void>;
  account(a: VehicleAccount): Promise<void>;
  bank(b: BankOnFile): Promise<void>;
  payment(p: Payment): Promise<void>;
  autopay(e: AutoPayEnrollment): Promise<void>;
  title(t: TitleStatus): Promise<void>;
  fico(f: FicoScore): Promise<void>;
}

/** Everything persistence offers the core, built once by the composition root. */
export interface Repositories {
  customers: CustomerRepository;
  accounts: AccountRepository;
  banks: BankRepository;
  vault: BankVault;
  payments: PaymentRepository;
  autopay: AutoPayRepository;
  titles: TitleRepository;
  fico: FicoRepository;
  verification: VerificationRepository;
  audit: AuditLog;
  outbox: Outbox;
  reminders: PaymentReminderRepository;
  sessions: SessionStore<unknown>;
  /** Health check for /readyz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export type { IsoDate };
