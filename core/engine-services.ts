import type {
  AccountBrief,
  EngineServices,
  Funding as EngineFunding,
  ReferenceKind,
  VerifiedCustomer,
} from './conversation/services-port';
import type { Funding } from './payments/payment-service';
import { parseAccountReference } from './identity/account-reference';
import { isEmailAddress } from './title/title-service';
import { parseTaxId } from './identity/tax-id';
import { checkRoutingNumber } from './payments/routing-number';
import { parseBankAccountNumber } from './payments/bank-account-number';
import { addDays, businessDate } from './shared/dates';
import { MAX_DAYS_AHEAD } from './payments/payment-date';
import { err, ok, type Result } from './shared/result';
import { vehicleLabel } from './accounts/vehicle-label';
import { payByText } from './alerts/pay-by-text';
import type { Customer, VehicleAccount } from './shared/types';
import type { Repositories } from './store/ports';
import type { Services } from './services';

/**
 * Adapts the domain services to the conversation engine's port. Result codes
 * become the engine's prompt codes here, in one place: several format codes
 * of the domain share one explanation for the customer.
 */
export function createEngineServices(
  services: Services,
  repos: Pick<Repositories, 'customers' | 'vault' | 'accounts' | 'payments' | 'banks'>,
  cardPayments: EngineServices['cardPayments'] = { phone: false, pageUrl: null },
): EngineServices {
  const today = () => businessDate(services.clock.now(), services.timeZone);
  const unwrap = <T>(r: Result<T, string>): T => {
    if (!r.ok) throw new Error(`unexpected ${r.code}`);
    return r.value;
  };

  function toFunding(f: EngineFunding): Funding {
    if (f.type === 'card') return { kind: 'card', token: f.token, brand: f.brand, last4: f.last4, expiry: f.expiry };
    return f.type === 'on_file'
      ? { kind: 'bank_on_file' }
      : { kind: 'bank_vaulted', routingNumber: f.routingNumber, token: f.accountToken, last4: f.accountLast4, ...(f.accountType ? { accountType: f.accountType } : {}) };
  }

  return {
    today,
    cardPayments,
    identity: {
      parseReference(raw) {
        const r = parseAccountReference(raw);
        if (!r.ok) {
          const code = r.code === 'IDENTITY.VIN_CHARACTERS' || r.code === 'IDENTITY.VIN_CHECK_DIGIT' ? r.code : 'IDENTITY.REFERENCE_FORMAT';
          return err(code);
        }
        const ref = r.value;
        const kind: ReferenceKind = ref.kind === 'vin' ? 'vin' : ref.kind === 'vin_last6' ? 'vin6' : 'account';
        const value = ref.kind === 'vin' ? ref.vin : ref.kind === 'vin_last6' ? ref.last6 : ref.accountNumber;
        return ok({ kind, value });
      },
      checkTaxId(raw) {
        const r = parseTaxId(raw);
        if (r.ok) return ok({ kind: r.value.kind });
        const lengthProblem = r.code === 'IDENTITY.TAX_ID_FORMAT' || r.code === 'IDENTITY.SSN_FORMAT' || r.code === 'IDENTITY.EIN_FORMAT';
        return err(lengthProblem ? 'IDENTITY.TAXID_LENGTH' : 'IDENTITY.SSN_INVALID');
      },
      async verify(req) {
        const r = await services.identity.verify({
          sessionId: req.sessionId,
          channel: req.channel,
          callerId: req.callerId,
          taxId: req.taxId,
          accountReference: req.reference.value,
        });
        if (!r.ok) return PASSED_THROUGH.has(r.code) ? r : err('IDENTITY.NO_MATCH', r.params);
        return ok(verifiedCustomer(r.value.customer, r.value.accounts));
      },
      async confirmCode(req) {
        const r = await services.identity.confirmCode(req);
        return r.ok ? ok(verifiedCustomer(r.value.customer, r.value.accounts)) : r;
      },
      async lockedMinutes(sessionId, callerId) {
        const m = await services.identity.lockedMinutes(sessionId, callerId);
        return m > 0 ? m : null;
      },
      async languageForCaller(callerId) {
        const c = await repos.customers.byMobile(callerId);
        return c?.language ?? null;
      },
    },
    accounts: {
      async overview(actor, accountId) {
        const s = unwrap(await services.accounts.summary(actor, accountId));
        const bank = s.account.status === 'active' ? await services.payments.options(actor, accountId) : null;
        return {
          amountDueCents: s.amountDueCents,
          pastDueCents: s.pastDueCents,
          dueDate: s.dueDate,
          monthlyPaymentCents: s.account.monthlyPaymentCents,
          principalCents: s.account.principalCents,
          payoffCents: s.payoff.amountCents,
          paidOff: s.account.status === 'paid_off',
          paidOffOn: s.account.paidOffOn,
          bankOnFileLast4: bank?.ok ? (bank.value.bankOnFile?.last4 ?? null) : null,
          scheduledCents: s.scheduled.reduce((sum, p) => sum + p.amountCents, 0),
        };
      },
      async payoffQuote(actor, accountId) {
        const s = unwrap(await services.accounts.summary(actor, accountId));
        return { amountCents: s.payoff.amountCents, goodThrough: s.payoff.goodThrough };
      },
    },
    payments: {
      async checkAmount(actor, accountId, cents, kind) {
        const r = await services.payments.checkAmount(actor, accountId, { kind: kind === 'principal' ? 'principal' : 'other', amount: cents });
        return r.ok ? ok(undefined) : err(r.code, r.params);
      },
      checkDate(date) {
        const r = services.payments.checkDate(date);
        if (r.ok) return ok(undefined);
        return r.code === 'PAYMENT.DATE_TOO_FAR' ? err(r.code, { last: String(r.params?.lastDate ?? '') }) : err(r.code, r.params);
      },
      lastAllowedDate: () => addDays(today(), MAX_DAYS_AHEAD),
      checkRouting(routing) {
        const r = checkRoutingNumber(routing, services.routingDirectory);
        return r.ok ? ok(undefined) : err(r.code);
      },
      async tokenizeBankAccount(routing, accountNumber) {
        const rn = checkRoutingNumber(routing, services.routingDirectory);
        if (!rn.ok) return err(rn.code);
        const an = parseBankAccountNumber(accountNumber);
        if (!an.ok) return err(an.code);
        const token = await repos.vault.tokenize(rn.value, an.value);
        const last4 = an.value.slice(-4);
        // Asked as soon as the number is given, so a closed account is re-asked at once; the payment asks again before any debit.
        const validity = await services.bankValidation.validate(rn.value, token);
        if (validity === 'invalid') return err('PAYMENT.BANK_ACCOUNT_INVALID', { last4 });
        return ok({ token, last4, pendingValidation: validity === 'pending' });
      },
      async make(actor, req) {
        const r = await services.payments.pay(actor, {
          accountId: req.accountId,
          amount: req.asAmountDue
            ? { kind: 'amount_due', offeredCents: req.amountCents }
            : { kind: req.kind === 'principal' ? 'principal' : 'other', amount: req.amountCents },
          date: req.date,
          funding: toFunding(req.funding),
          idempotencyKey: req.idempotencyKey,
          ...(req.repeatOf ? { repeatOf: req.repeatOf } : {}),
        });
        if (!r.ok) {
          if (r.code === 'PAYMENT.DATE_TOO_FAR') return err(r.code, { last: String(r.params?.lastDate ?? '') });
          return err(r.code, r.params);
        }
        const p = r.value.payment;
        return ok({
          confirmationNumber: p.confirmationNumber,
          amountCents: p.amountCents,
          scheduledFor: p.scheduledFor,
          fundingLast4: p.cardLast4 ?? p.bankAccountLast4 ?? '',
          ...(p.cardBrand ? { cardBrand: p.cardBrand } : {}),
          awaitingValidation: p.status === 'awaiting_validation',
          duplicate: r.value.duplicate,
        });
      },
      async history(actor, accountId, limit) {
        const list = unwrap(await services.payments.history(actor, accountId, limit));
        return list.map((p) => ({
          date: p.scheduledFor,
          amountCents: p.amountCents,
          status: p.status,
          confirmationNumber: p.confirmationNumber,
          ...(p.method === 'card' && p.cardLast4 ? { card: { brand: p.cardBrand ?? '', last4: p.cardLast4 } } : {}),
        }));
      },
      async sameDayPayment(actor, accountId, amountCents, date) {
        const list = unwrap(await services.payments.history(actor, accountId, 50));
        const same = list.find((p) => p.scheduledFor === date && p.amountCents === amountCents && (p.status === 'posted' || p.status === 'scheduled'));
        return same ? { confirmation: same.confirmationNumber, status: same.status } : null;
      },
    },
    autopay: {
      async status(actor, accountId) {
        const s = unwrap(await services.autopay.status(actor, accountId));
        return s.enrolled ? { active: true, dayOfMonth: s.dayOfMonth ?? 0, fundingLast4: s.bankAccountLast4 ?? '' } : null;
      },
      async enroll(actor, req) {
        const funding = toFunding(req.funding);
        if (funding.kind === 'card') return err('AUTOPAY.CARD_NOT_ACCEPTED');
        const r = await services.autopay.enroll(actor, { accountId: req.accountId, dayOfMonth: req.dayOfMonth, funding });
        if (!r.ok) return err(r.code === 'AUTOPAY.DAY_INVALID' ? 'AUTOPAY.DAY_RANGE' : r.code, r.params);
        return ok({ active: true, dayOfMonth: r.value.dayOfMonth ?? req.dayOfMonth, fundingLast4: r.value.bankAccountLast4 ?? '' });
      },
      async cancel(actor, accountId) {
        const r = await services.autopay.cancel(actor, accountId);
        return r.ok ? ok(undefined) : err(r.code);
      },
      async changeDay(actor, accountId, dayOfMonth) {
        const r = await services.autopay.changeDay(actor, accountId, dayOfMonth);
        if (!r.ok) return err(r.code === 'AUTOPAY.DAY_INVALID' ? 'AUTOPAY.DAY_RANGE' : r.code, r.params);
        return ok({ active: true, dayOfMonth: r.value.dayOfMonth ?? dayOfMonth, fundingLast4: r.value.bankAccountLast4 ?? '' });
      },
    },
    title: {
      async status(actor, accountId) {
        const r = await services.title.status(actor, accountId);
        if (!r.ok) return null;
        const t = r.value;
        const customer = await repos.customers.byId(actor.customerId);
        const last = t.milestones.length ? t.milestones[t.milestones.length - 1]! : null;
        return {
          state: t.state,
          lastMilestone: last ? { code: last.code, date: last.date } : null,
          carrier: t.carrier,
          trackingNumber: t.trackingNumber,
          expectedDelivery: t.expectedDelivery,
          emailUpdates: t.emailUpdates,
          hasEmail: Boolean(customer?.email),
          emailHint: customer?.email ? emailHint(customer.email) : null,
        };
      },
      async setEmailUpdates(actor, accountId, on, email) {
        const r = await services.title.setEmailUpdates(actor, accountId, on, email);
        return r.ok ? ok(undefined) : err(r.code);
      },
      isEmailAddress,
    },
    fico: {
      async latest(actor) {
        const f = await services.fico.latest(actor);
        return f ? { score: f.score, model: f.model, asOf: f.asOf, factors: f.factors } : null;
      },
    },
    alerts: {
      async status(actor) {
        const p = await services.alerts.preferences(actor);
        return { textAlerts: p.textAlerts && !p.smsOptedOut, mobileLast4: p.mobileLast4 };
      },
      async setTextAlerts(actor, on) {
        const r = await services.alerts.setTextAlerts(actor, on);
        return r.ok ? ok(undefined) : err(r.code);
      },
    },
    texts: {
      async sender(phone) {
        const c = await repos.customers.byMobile(phone);
        return c ? { locale: c.language, textAlerts: c.textAlerts, optedOut: c.smsOptedOut } : null;
      },
      async recordKeyword(phone, keyword) {
        await services.alerts.recordSmsKeyword(phone, keyword);
      },
      async payByReminder(phone, code) {
        return (await payByText({ services, repos }, phone, code)).outcome;
      },
    },
    async recordHandoff(sessionId, customerId, summary) {
      await services.audit.record('handoff', { sessionId, customerId, accountId: null }, { summary });
    },
  };
}

/** Verification answers the conversation tells apart; every other failure reads as "no match". */
const PASSED_THROUGH: ReadonlySet<string> = new Set(['IDENTITY.THROTTLED', 'IDENTITY.CODE_SENT', 'IDENTITY.CODE_UNAVAILABLE']);

function verifiedCustomer(customer: Customer, accounts: VehicleAccount[]): VerifiedCustomer {
  return {
    customerId: customer.id,
    firstName: displayName(customer),
    language: customer.language,
    business: customer.kind === 'business',
    accounts: accounts.map(brief),
  };
}

function brief(a: VehicleAccount): AccountBrief {
  return {
    id: a.id,
    last4: a.accountNumber.slice(-4),
    vinLast6: a.vin.slice(-6),
    vehicle: vehicleLabel(a),
    product: a.product,
    paidOff: a.status === 'paid_off',
  };
}

/** First name for a person; the full name for a business. */
function displayName(c: Customer): string {
  return c.kind === 'business' ? c.name : (c.name.split(' ')[0] ?? c.name);
}

/** An email address shown back without giving it away: the first and last letters of the name, and the domain. */
function emailHint(email: string): string {
  const [name = '', domain = ''] = email.split('@');
  const shown = name.length <= 2 ? `${name[0] ?? ''}•••` : `${name[0]}•••${name[name.length - 1]}`;
  return `${shown}@${domain}`;
}
