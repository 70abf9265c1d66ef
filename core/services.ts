import type { Repositories } from './store/ports';
import type { Clock } from './shared/clock';
import { createAuditTrail, type AuditTrail } from './audit';
import { createIdentityService, type CodeTexter, type IdentityService, type VerificationPolicy } from './identity';
import { createAccountService, type AccountService } from './accounts';
import { createPaymentService, type PaymentService } from './payments';
import { createAutoPayService, type AutoPayService } from './autopay';
import { createTitleService, type TitleService } from './title';
import { createFicoService, type FicoService } from './fico';
import { createAlertsService, type AlertsService } from './alerts';

export interface ServiceOptions {
  /** The HMAC key SSN/Tax IDs are hashed with (config IDENTITY_HASH_KEY). */
  identityHashKey: string;
  /** The lender's IANA time zone: "today" for payments and dates. */
  timeZone: string;
  clock: Clock;
  /** Texts step-up codes to the mobile on file; without one a step-up is handed to a person. */
  codeTexter?: CodeTexter | null;
  /** Overrides of the verification throttling and step-up figures. */
  verificationPolicy?: Partial<VerificationPolicy>;
}

/** Every domain service the conversation engine uses, built over one set of repositories. */
export interface Services {
  identity: IdentityService;
  accounts: AccountService;
  payments: PaymentService;
  autopay: AutoPayService;
  title: TitleService;
  fico: FicoService;
  alerts: AlertsService;
  audit: AuditTrail;
  clock: Clock;
  timeZone: string;
}

/** Wires the domain services; the composition root calls it once with the real repositories. */
export function createServices(repos: Repositories, opts: ServiceOptions): Services {
  const { clock, timeZone } = opts;
  const audit = createAuditTrail(repos.audit, clock);
  return {
    identity: createIdentityService({
      customers: repos.customers,
      accounts: repos.accounts,
      verification: repos.verification,
      audit,
      clock,
      identityHashKey: opts.identityHashKey,
      codeTexter: opts.codeTexter ?? null,
      ...(opts.verificationPolicy ? { policy: opts.verificationPolicy } : {}),
    }),
    accounts: createAccountService({ accounts: repos.accounts, payments: repos.payments, autopay: repos.autopay, clock, timeZone }),
    payments: createPaymentService({
      accounts: repos.accounts,
      banks: repos.banks,
      vault: repos.vault,
      payments: repos.payments,
      audit,
      clock,
      timeZone,
    }),
    autopay: createAutoPayService({ accounts: repos.accounts, autopay: repos.autopay, banks: repos.banks, vault: repos.vault, audit, clock, timeZone }),
    title: createTitleService({ accounts: repos.accounts, customers: repos.customers, titles: repos.titles, audit }),
    fico: createFicoService({ fico: repos.fico }),
    alerts: createAlertsService({ customers: repos.customers, audit }),
    audit,
    clock,
    timeZone,
  };
}
