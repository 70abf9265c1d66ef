import type { Repositories } from './store/ports';
import type { Clock } from './shared/clock';
import type { IsoDate } from './shared/types';
import { businessDate } from './shared/dates';
import { keyRing, type KeyEntry } from './security/key-ring';
import { createAuditTrail, type AuditTrail } from './audit';
import { createIdentityService, type CodeTexter, type IdentityService, type VerificationPolicy } from './identity';
import { createAccountService, type AccountService } from './accounts';
import { createPaymentService, type BankAccountValidation, type PaymentService, type RoutingDirectory } from './payments';
import { createAutoPayService, type AutoPayService } from './autopay';
import { createTitleService, type TitleService } from './title';
import { createFicoService, type FicoService } from './fico';
import {
  createAlertsService,
  createPaymentReminderService,
  createPayByTextService,
  type AlertsService,
  type PayByTextService,
  type PaymentReminderService,
} from './alerts';

export interface ServiceOptions {
  /** The HMAC key SSN/Tax IDs and reminder codes are hashed with (config IDENTITY_HASH_KEY). */
  identityHashKey: string;
  /** Its id, stored beside each hash (config IDENTITY_HASH_KEY_ID; k1 when not given). */
  identityHashKeyId?: string;
  /** Earlier hash keys still tried at verification (config IDENTITY_HASH_PREVIOUS_KEYS). */
  identityHashPreviousKeys?: KeyEntry<string>[];
  /** The lender's IANA time zone: "today" for payments and dates. */
  timeZone: string;
  clock: Clock;
  /** The Federal Reserve's FedACH directory a new bank account's routing number must be in. */
  routingDirectory: RoutingDirectory;
  /** Validates a bank account used for the first time before its first debit. */
  bankValidation: BankAccountValidation;
  /** Texts step-up codes to the mobile on file; without one a step-up is handed to a person. */
  codeTexter?: CodeTexter | null;
  /** Overrides of the verification throttling and step-up figures. */
  verificationPolicy?: Partial<VerificationPolicy>;
}

/** Every domain service, built over one set of repositories; the conversation engine uses the ones its port names. */
export interface Services {
  identity: IdentityService;
  accounts: AccountService;
  payments: PaymentService;
  autopay: AutoPayService;
  title: TitleService;
  fico: FicoService;
  alerts: AlertsService;
  /** Due-date reminders by text and the one-time codes that pay them. */
  reminders: PaymentReminderService;
  /** A PAY reply to a reminder, paid from the bank on file. */
  payByText: PayByTextService;
  audit: AuditTrail;
  clock: Clock;
  /** Today's date in the lender's time zone. */
  today(): IsoDate;
  timeZone: string;
  routingDirectory: RoutingDirectory;
  bankValidation: BankAccountValidation;
}

/** Wires the domain services; the composition root calls it once with the real repositories. */
export function createServices(repos: Repositories, opts: ServiceOptions): Services {
  const { clock, timeZone, routingDirectory, bankValidation } = opts;
  const audit = createAuditTrail(repos.audit, clock);
  const payments = createPaymentService({
    accounts: repos.accounts,
    banks: repos.banks,
    vault: repos.vault,
    payments: repos.payments,
    audit,
    clock,
    timeZone,
    routingDirectory,
    bankValidation,
  });
  const reminders = createPaymentReminderService({
    reminders: repos.reminders,
    payments: repos.payments,
    audit,
    clock,
    timeZone,
    codeHashKey: opts.identityHashKey,
  });
  return {
    identity: createIdentityService({
      customers: repos.customers,
      accounts: repos.accounts,
      verification: repos.verification,
      audit,
      clock,
      taxIdKeys: keyRing({ id: opts.identityHashKeyId ?? 'k1', key: opts.identityHashKey }, opts.identityHashPreviousKeys ?? []),
      identityHashKey: opts.identityHashKey,
      codeTexter: opts.codeTexter ?? null,
      ...(opts.verificationPolicy ? { policy: opts.verificationPolicy } : {}),
    }),
    accounts: createAccountService({ accounts: repos.accounts, payments: repos.payments, autopay: repos.autopay, banks: repos.banks, clock, timeZone }),
    payments,
    autopay: createAutoPayService({
      accounts: repos.accounts,
      autopay: repos.autopay,
      banks: repos.banks,
      vault: repos.vault,
      audit,
      clock,
      timeZone,
      routingDirectory,
      bankValidation,
    }),
    title: createTitleService({ accounts: repos.accounts, customers: repos.customers, titles: repos.titles, audit }),
    fico: createFicoService({ fico: repos.fico }),
    alerts: createAlertsService({ customers: repos.customers, audit }),
    reminders,
    payByText: createPayByTextService({
      customers: repos.customers,
      accounts: repos.accounts,
      payments: repos.payments,
      banks: repos.banks,
      reminders,
      paymentService: payments,
      clock,
      timeZone,
    }),
    audit,
    clock,
    today: () => businessDate(clock.now(), timeZone),
    timeZone,
    routingDirectory,
    bankValidation,
  };
}
