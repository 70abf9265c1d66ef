import type { Services } from '../core/services';
import type { Customer, IsoDate, Locale, Payment, VehicleAccount } from '../core/shared/types';
import type { Repositories } from '../core/store/ports';
import { businessDate } from '../core/shared/dates';

/** What a PAY text came to; the SMS route turns it into a reply. */
export type PayByTextOutcome =
  | {
      /** `paid-today`: the same amount was already paid to the account today (on any channel): not paid again. */
      kind: 'paid' | 'already-paid' | 'paid-today';
      amountCents: number;
      date: IsoDate;
      confirmationNumber: string;
      vehicle: string;
      accountLast4: string;
      bankLast4: string;
    }
  | { kind: 'unknown-number' | 'opted-out' | 'not-opted-in' | 'nothing-due' | 'no-bank' | 'failed'; code?: string };

export interface PayByTextResult {
  /** The customer's language, or English for an unknown number. */
  locale: Locale;
  outcome: PayByTextOutcome;
}

/**
 * The account a PAY text pays: the active one due soonest. Accounts already
 * paid for that due date stay in the running, so a second PAY finds the
 * first payment instead of paying the next vehicle.
 */
export function accountToPay(accounts: VehicleAccount[]): VehicleAccount | null {
  const due = accounts
    .filter((a) => a.status === 'active' && a.nextDueDate !== null)
    .sort((a, b) => (a.nextDueDate! < b.nextDueDate! ? -1 : a.nextDueDate! > b.nextDueDate! ? 1 : a.accountNumber.localeCompare(b.accountNumber)));
  return due[0] ?? null;
}

/** One payment per customer, account and due date, however many times PAY arrives. */
export function payByTextKey(customerId: string, accountId: string, dueDate: IsoDate): string {
  return `sms-pay:${customerId}:${accountId}:${dueDate}`;
}

/**
 * Pays the amount due from the bank on file for a customer who texted PAY
 * from their registered mobile, with text alerts on and no standing STOP.
 */
export async function payByText(deps: { services: Services; repos: Repositories }, from: string): Promise<PayByTextResult> {
  const customer: Customer | null = await deps.repos.customers.byMobile(from);
  if (!customer) return { locale: 'en', outcome: { kind: 'unknown-number' } };
  const locale = customer.language;
  if (customer.smsOptedOut) return { locale, outcome: { kind: 'opted-out' } };
  if (!customer.textAlerts) return { locale, outcome: { kind: 'not-opted-in' } };

  const account = accountToPay(await deps.repos.accounts.byCustomer(customer.id));
  if (!account || !account.nextDueDate) return { locale, outcome: { kind: 'nothing-due' } };
  const key = payByTextKey(customer.id, account.id, account.nextDueDate);
  const vehicle = `${account.year} ${account.make} ${account.model}`;
  const accountLast4 = account.accountNumber.slice(-4);

  const earlier = await deps.repos.payments.byIdempotencyKey(key);
  if (earlier) {
    return {
      locale,
      outcome: {
        kind: 'already-paid',
        amountCents: earlier.amountCents,
        date: earlier.scheduledFor,
        confirmationNumber: earlier.confirmationNumber,
        vehicle,
        accountLast4,
        bankLast4: earlier.bankAccountLast4 ?? '',
      },
    };
  }
  /** Nothing is due: if that is because of a payment made today, say so. */
  const nothingDue = async (): Promise<PayByTextResult> => {
    const today = businessDate(deps.services.clock.now(), deps.services.timeZone);
    // The largest of today's payments is the one that paid what was due.
    const paid = (await deps.repos.payments.history(account.id, 20))
      .filter((p) => p.scheduledFor === today && p.status === 'posted')
      .reduce<Payment | null>((best, p) => (!best || p.amountCents > best.amountCents ? p : best), null);
    if (!paid) return { locale, outcome: { kind: 'nothing-due' } };
    return {
      locale,
      outcome: {
        kind: 'paid-today',
        amountCents: paid.amountCents,
        date: paid.scheduledFor,
        confirmationNumber: paid.confirmationNumber,
        vehicle,
        accountLast4,
        bankLast4: paid.bankAccountLast4 ?? '',
      },
    };
  };
  if (account.amountDueCents <= 0) return nothingDue();
  if (!(await deps.repos.banks.onFileFor(customer.id))) return { locale, outcome: { kind: 'no-bank' } };

  const result = await deps.services.payments.pay(
    { sessionId: `sms:${from}`, customerId: customer.id, channel: 'sms' },
    { accountId: account.id, amount: { kind: 'amount_due' }, funding: { kind: 'bank_on_file' }, idempotencyKey: key },
  );
  if (!result.ok) {
    if (result.code === 'PAYMENT.SAME_DAY_REPEAT') {
      // A text cannot hold the "pay again?" question a chat or a call asks: refuse and say why.
      const p = result.params ?? {};
      return {
        locale,
        outcome: {
          kind: 'paid-today',
          amountCents: Number(p.amountCents),
          date: String(p.date),
          confirmationNumber: String(p.confirmation),
          vehicle,
          accountLast4,
          bankLast4: '',
        },
      };
    }
    if (result.code === 'PAYMENT.NOTHING_DUE') return nothingDue();
    if (result.code === 'PAYMENT.NO_BANK_ON_FILE') return { locale, outcome: { kind: 'no-bank' } };
    return { locale, outcome: { kind: 'failed', code: result.code } };
  }
  const p = result.value.payment;
  return {
    locale,
    outcome: {
      // Two PAY texts racing each other: the loser gets the winner's payment back.
      kind: result.value.duplicate ? 'already-paid' : 'paid',
      amountCents: p.amountCents,
      date: p.scheduledFor,
      confirmationNumber: p.confirmationNumber,
      vehicle,
      accountLast4,
      bankLast4: p.bankAccountLast4 ?? '',
    },
  };
}
