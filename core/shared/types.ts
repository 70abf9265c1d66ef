/** Languages the assistant speaks. */
export type Locale = 'en' | 'es';
export const LOCALES: readonly Locale[] = ['en', 'es'];

/** The channel a conversation arrives on. */
export type Channel = 'chat' | 'voice' | 'sms';

/** Money is always an integer number of cents. */
export type Cents = number;

/** A calendar date in the lender's time zone, as `YYYY-MM-DD`. */
export type IsoDate = string;

export type TaxIdKind = 'ssn' | 'ein';
export type CustomerKind = 'person' | 'business';
export type ProductKind = 'retail' | 'lease';
export type AccountStatus = 'active' | 'paid_off';

export interface Customer {
  id: string;
  name: string;
  language: Locale;
  kind: CustomerKind;
  taxIdKind: TaxIdKind;
  /** HMAC-SHA256 of the nine digits with the server secret; never the number itself. */
  taxIdHash: string;
  /** The id of the key taxIdHash was made with (IDENTITY_HASH_KEY_ID at the time). */
  taxIdHashKeyId: string;
  taxIdLast4: string;
  zip: string;
  /** E.164, e.g. +17045550101 */
  mobile: string | null;
  email: string | null;
  /** Opted in to payment alerts by text (due-date reminders, pay by text). */
  textAlerts: boolean;
  /** Replied STOP: nothing more may be texted until START. */
  smsOptedOut: boolean;
}

/** A bank account kept on file: routing number, a vault token and the last four digits. */
export interface BankOnFile {
  id: string;
  customerId: string;
  routingNumber: string;
  accountToken: string;
  accountLast4: string;
}

export interface VehicleAccount {
  id: string;
  customerId: string;
  /** 10 digits */
  accountNumber: string;
  vin: string;
  year: number;
  make: string;
  model: string;
  product: ProductKind;
  status: AccountStatus;
  principalCents: Cents;
  payoffCents: Cents;
  monthlyPaymentCents: Cents;
  /** Amount currently due (the installment plus anything past due). */
  amountDueCents: Cents;
  pastDueCents: Cents;
  nextDueDate: IsoDate | null;
  paidOffOn: IsoDate | null;
}

export type PaymentMethod = 'bank_on_file' | 'bank_new' | 'card' | 'autopay';
export type PaymentKind = 'regular' | 'principal';
/**
 * `awaiting_validation`: taken from a bank account used for the first time
 * whose validation is not back yet; nothing is debited until it is.
 */
export type PaymentStatus = 'scheduled' | 'posted' | 'cancelled' | 'returned' | 'awaiting_validation';

export interface Payment {
  id: string;
  accountId: string;
  amountCents: Cents;
  kind: PaymentKind;
  scheduledFor: IsoDate;
  method: PaymentMethod;
  channel: Channel | 'system';
  status: PaymentStatus;
  confirmationNumber: string;
  routingNumber: string | null;
  bankAccountToken: string | null;
  bankAccountLast4: string | null;
  /** The kind of bank account a debit given in the conversation comes from (null: the account on file). */
  bankAccountType?: BankAccountType | null;
  /** A card payment: the payment connector's token, never the card number. */
  cardToken?: string | null;
  /** "visa", "mastercard", … as the payment connector reports it. */
  cardBrand?: string | null;
  cardLast4?: string | null;
  /** MMYY */
  cardExpiry?: string | null;
  idempotencyKey: string;
  createdAt: Date;
}

export type BankAccountType = 'checking' | 'savings';

export interface AutoPayEnrollment {
  id: string;
  accountId: string;
  /** Day of the month the draft runs, 1..28 */
  dayOfMonth: number;
  routingNumber: string;
  bankAccountToken: string;
  bankAccountLast4: string;
  active: boolean;
  enrolledAt: Date;
  cancelledAt: Date | null;
}

export type TitleState =
  | 'not_paid_off'
  | 'payoff_processing'
  | 'lien_released'
  | 'title_mailed'
  | 'title_delivered';

export interface TitleMilestone {
  code: 'payoff_received' | 'lien_release_requested' | 'lien_released' | 'title_mailed' | 'title_delivered';
  date: IsoDate;
}

export interface TitleStatus {
  accountId: string;
  state: TitleState;
  milestones: TitleMilestone[];
  carrier: string | null;
  trackingNumber: string | null;
  expectedDelivery: IsoDate | null;
  emailUpdates: boolean;
}

export type FicoFactor =
  | 'payment_history'
  | 'credit_utilization'
  | 'length_of_history'
  | 'recent_inquiries'
  | 'credit_mix'
  | 'recent_late_payment';

export interface FicoScore {
  customerId: string;
  score: number;
  model: string;
  asOf: IsoDate;
  factors: FicoFactor[];
}
