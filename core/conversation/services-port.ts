import type { PayByTextOutcome } from '../alerts/pay-by-text';
import type { Result } from '../shared/result';
import type { Channel, IsoDate, Locale } from '../shared/types';

/**
 * What the conversation engine needs from the domain, and nothing more. The
 * composition root adapts the domain services to this port, so flows can be
 * tested with the in-memory repositories and never touch persistence directly.
 */

/** Who is acting: the verified customer of one session on one channel. */
export interface Actor {
  sessionId: string;
  customerId: string;
  channel: Channel;
}

export interface AccountBrief {
  id: string;
  last4: string;
  /** The last six characters of the VIN: a VIN given to verify names its vehicle. */
  vinLast6?: string;
  /** "2021 Honda Civic" */
  vehicle: string;
  product: 'retail' | 'lease';
  paidOff: boolean;
}

export interface VerifiedCustomer {
  customerId: string;
  firstName: string;
  language: Locale;
  business: boolean;
  accounts: AccountBrief[];
}

export type ReferenceKind = 'vin' | 'vin6' | 'account';

export interface AccountOverview {
  amountDueCents: number;
  pastDueCents: number;
  dueDate: IsoDate | null;
  monthlyPaymentCents: number;
  principalCents: number;
  payoffCents: number;
  paidOff: boolean;
  paidOffOn: IsoDate | null;
  /** Bank account on file for this account's customer, by its last four digits. */
  bankOnFileLast4: string | null;
  /** Payments already scheduled for a later date, so the customer is not surprised. */
  scheduledCents: number;
}

export type BankAccountType = 'checking' | 'savings';

export type Funding =
  | { type: 'on_file' }
  | { type: 'new'; routingNumber: string; accountToken: string; accountLast4: string; accountType?: BankAccountType }
  /** A card the phone line's payment connector already charged: its token, brand, last 4 and expiry (MMYY), never its number. */
  | { type: 'card'; token: string; brand: string; last4: string; expiry: string };

export interface PaymentReceipt {
  confirmationNumber: string;
  amountCents: number;
  scheduledFor: IsoDate;
  fundingLast4: string;
  /** Paid by card: the card's brand (the last 4 are `fundingLast4`). */
  cardBrand?: string;
  /** True when the bank account is used for the first time and its validation is not back: nothing is debited yet. */
  awaitingValidation: boolean;
  duplicate: boolean;
}

export interface HistoryEntry {
  date: IsoDate;
  amountCents: number;
  status: 'scheduled' | 'posted' | 'cancelled' | 'returned' | 'awaiting_validation';
  confirmationNumber: string;
  /** A card payment names the card ("card ending 1111"). */
  card?: { brand: string; last4: string };
}

export interface AutoPayInfo {
  active: boolean;
  dayOfMonth: number;
  fundingLast4: string;
}

export interface TitleInfo {
  state: 'not_paid_off' | 'payoff_processing' | 'lien_released' | 'title_mailed' | 'title_delivered';
  lastMilestone: { code: string; date: IsoDate } | null;
  carrier: string | null;
  trackingNumber: string | null;
  expectedDelivery: IsoDate | null;
  emailUpdates: boolean;
  hasEmail: boolean;
  /** The address on file as it may be shown back: "j•••y@example.com". */
  emailHint: string | null;
}

export interface FicoInfo {
  score: number;
  model: string;
  asOf: IsoDate;
  factors: string[];
}

/** The customer a text came from, as far as texting them goes. */
export interface TextSender {
  locale: Locale;
  /** Opted in to payment alerts by text. */
  textAlerts: boolean;
  /** Sent STOP (and no START since): nothing more may be texted. */
  optedOut: boolean;
}

export type { PayByTextOutcome };

export interface EngineServices {
  /** Today's date in the lender's time zone. */
  today(): IsoDate;
  /**
   * Where card payments can be made: on the phone line through its PCI-safe
   * card capture (`phone`), and on a hosted card page the chat links to.
   */
  cardPayments: { phone: boolean; pageUrl: string | null };
  identity: {
    /** Format check of what the customer typed as VIN, last 6 of the VIN, or account number. */
    parseReference(raw: string): Result<{ kind: ReferenceKind; value: string }, string>;
    /** Format check of an SSN or EIN (never returns or logs the digits beyond last 4). */
    checkTaxId(raw: string): Result<{ kind: 'ssn' | 'ein' }, string>;
    verify(req: {
      sessionId: string;
      channel: Channel;
      callerId: string | null;
      reference: { kind: ReferenceKind; value: string };
      taxId: string;
    }): Promise<Result<VerifiedCustomer, string>>;
    /**
     * Finishes a verification with the one-time code texted to the customer
     * (after verify answered IDENTITY.CODE_SENT). Never logs the code.
     */
    confirmCode(req: { sessionId: string; channel: Channel; callerId: string | null; code: string }): Promise<Result<VerifiedCustomer, string>>;
    /** Minutes left on the wait that applies to this session or source (caller number, visitor address), or null. */
    lockedMinutes(sessionId: string, callerId: string | null): Promise<number | null>;
    /** Customer language preference for a caller id (voice/sms), if the number is known. */
    languageForCaller(callerId: string): Promise<Locale | null>;
  };
  accounts: {
    overview(actor: Actor, accountId: string): Promise<AccountOverview>;
    /** Payoff amount good through a date. */
    payoffQuote(actor: Actor, accountId: string): Promise<{ amountCents: number; goodThrough: IsoDate }>;
  };
  payments: {
    checkAmount(actor: Actor, accountId: string, cents: number, kind: 'regular' | 'principal'): Promise<Result<void, string>>;
    checkDate(date: IsoDate): Result<void, string>;
    lastAllowedDate(): IsoDate;
    /** Checksum, and listed in the Federal Reserve's routing directory as taking entries. */
    checkRouting(routing: string): Result<void, string>;
    /**
     * Vaults a bank account number and validates the account before its first
     * debit; only the token, last 4 and whether validation is still pending come back.
     */
    tokenizeBankAccount(routing: string, accountNumber: string): Promise<Result<{ token: string; last4: string; pendingValidation: boolean }, string>>;
    /**
     * Submits a payment. Besides the amount and date checks it can refuse with
     * `PAYMENT.SAME_DAY_REPEAT` (params `amountCents`, `confirmation`, `date`,
     * `status`): the same amount was already paid to this account for this
     * date, so ask, and pass the earlier confirmation number as `repeatOf` to
     * pay again. With `asAmountDue` the amount is the amount due the customer
     * was shown: `PAYMENT.AMOUNT_DUE_PAID` or `PAYMENT.AMOUNT_DUE_CHANGED`
     * (param `amountCents`, due now) when it no longer is.
     */
    make(actor: Actor, req: {
      accountId: string;
      amountCents: number;
      kind: 'regular' | 'principal';
      asAmountDue?: boolean;
      date: IsoDate;
      funding: Funding;
      idempotencyKey: string;
      repeatOf?: string;
    }): Promise<Result<PaymentReceipt, string>>;
    history(actor: Actor, accountId: string, limit: number): Promise<HistoryEntry[]>;
    /**
     * The payment of this amount already made to the account for this date,
     * if any: asked about before a card is charged, since a charged card is
     * always recorded.
     */
    sameDayPayment(actor: Actor, accountId: string, amountCents: number, date: IsoDate): Promise<{ confirmation: string; status: string } | null>;
  };
  autopay: {
    status(actor: Actor, accountId: string): Promise<AutoPayInfo | null>;
    enroll(actor: Actor, req: { accountId: string; dayOfMonth: number; funding: Funding }): Promise<Result<AutoPayInfo, string>>;
    cancel(actor: Actor, accountId: string): Promise<Result<void, string>>;
    /** Moves an active Auto Pay to another day of the month, from the same bank account. */
    changeDay(actor: Actor, accountId: string, dayOfMonth: number): Promise<Result<AutoPayInfo, string>>;
  };
  title: {
    status(actor: Actor, accountId: string): Promise<TitleInfo | null>;
    /** With `email`, the updates go to that address, which becomes the one on file. */
    setEmailUpdates(actor: Actor, accountId: string, on: boolean, email?: string): Promise<Result<void, string>>;
    /** Whether text reads as an email address. */
    isEmailAddress(text: string): boolean;
  };
  fico: { latest(actor: Actor): Promise<FicoInfo | null> };
  alerts: {
    status(actor: Actor): Promise<{ textAlerts: boolean; mobileLast4: string | null }>;
    setTextAlerts(actor: Actor, on: boolean): Promise<Result<void, string>>;
  };
  /** Text messages from a phone number: who sent them, their keywords, and paying a reminder by its code. */
  texts: {
    /** The customer whose mobile this is (their language and standing with text alerts), or null for a number we do not know. */
    sender(phone: string): Promise<TextSender | null>;
    /** Records a STOP or START from the number, so nothing more is texted after a STOP. */
    recordKeyword(phone: string, keyword: 'stop' | 'start'): Promise<void>;
    /**
     * Pays what an open reminder named, from the bank on file, when PAY came
     * with that reminder's one-time code; a wrong or missing code pays nothing.
     */
    payByReminder(phone: string, code: string | null): Promise<PayByTextOutcome>;
  };
  /** Records a handoff in the audit log. */
  recordHandoff(sessionId: string, customerId: string | null, summary: string): Promise<void>;
}
