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

/**
 * Thrown by `PaymentRepository.record` when the balances moved since the
 * caller read them (another payment posted first), so the decrement would
 * overdraw them. The caller re-reads and decides again.
 */
export class BalanceChangedError extends Error {
  constructor() {
    super('the account balances changed while the payment was being recorded');
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

export interface PaymentRepository {
  /**
   * Records a payment, and for a payment posted today decrements the balances,
   * in one transaction. A second call with the same idempotency key records
   * nothing and returns the first payment with `duplicate: true`.
   */
  record(payment: NewPayment, decrement: BalanceDecrement | null): Promise<{ payment: Payment; duplicate: boolean }>;
  byIdempotencyKey(key: string): Promise<Payment | null>;
  /** Newest first. */
  history(accountId: string, limit: number): Promise<Payment[]>;
  /** Payments scheduled for a future date and not yet posted or cancelled. */
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

/** A conversation's state, persisted with a version for optimistic concurrency. */
export interface StoredSession<S> {
  id: string;
  state: S;
  version: number;
  updatedAt: Date;
}

export interface SessionStore<S> {
  load(id: string): Promise<StoredSession<S> | null>;
  /**
   * Saves when the stored version still equals `expectedVersion` (0 for a new
   * session) and returns the new version; returns null when another turn won.
   */
  save(id: string, state: S, expectedVersion: number, at: Date): Promise<number | null>;
  delete(id: string): Promise<void>;
}

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
  sessions: SessionStore<unknown>;
  /** Health check for /readyz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export type { IsoDate };
