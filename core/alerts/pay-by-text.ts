import { vehicleLabel } from '../accounts/vehicle-label';
import type { Services } from '../services';
import { businessDate } from '../shared/dates';
import type { Customer, IsoDate, Locale, Payment, VehicleAccount } from '../shared/types';
import type { Repositories } from '../store/ports';
import { payByTextKey } from './payment-reminders';

/** What a PAY text came to; the conversation's text-message flow turns it into a reply. */
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
  | {
      kind: 'unknown-number' | 'opted-out' | 'not-opted-in' | 'how-to-pay' | 'suspended' | 'nothing-due' | 'no-bank' | 'failed';
      code?: string;
    };

export interface PayByTextResult {
  /** The customer's language, or English for an unknown number. */
  locale: Locale;
  outcome: PayByTextOutcome;
}

function receipt(kind: 'paid' | 'already-paid' | 'paid-today', p: Payment, account: VehicleAccount): PayByTextOutcome {
  return {
    kind,
    amountCents: p.amountCents,
    date: p.scheduledFor,
    confirmationNumber: p.confirmationNumber,
    vehicle: vehicleLabel(account),
    accountLast4: account.accountNumber.slice(-4),
    bankLast4: p.bankAccountLast4 ?? '',
  };
}

/**
 * Pays from the bank on file when a customer replies PAY with the one-time
 * code of an open reminder, from their registered mobile, with text alerts on
 * and no standing STOP. The sender number alone pays nothing: without the
 * right code the answer only says how to pay, and names nothing of the account.
 * It pays the amount the reminder named, or less when less is due now.
 */
export async function payByText(
  deps: { services: Services; repos: Pick<Repositories, 'customers' | 'accounts' | 'payments' | 'banks'> },
  from: string,
  code: string | null,
): Promise<PayByTextResult> {
  const customer: Customer | null = await deps.repos.customers.byMobile(from);
  if (!customer) return { locale: 'en', outcome: { kind: 'unknown-number' } };
  const locale = customer.language;
  if (customer.smsOptedOut) return { locale, outcome: { kind: 'opted-out' } };
  if (!customer.textAlerts) return { locale, outcome: { kind: 'not-opted-in' } };

  const redeemed = await deps.services.reminders.redeem(customer.id, code);
  if (!redeemed.ok) return { locale, outcome: { kind: redeemed.code === 'REMINDER.SUSPENDED' ? 'suspended' : 'how-to-pay', code: redeemed.code } };
  const { reminder, earlier } = redeemed.value;
  const account = await deps.repos.accounts.byId(reminder.accountId);
  if (!account || account.customerId !== customer.id) return { locale, outcome: { kind: 'how-to-pay' } };
  if (earlier) return { locale, outcome: receipt('already-paid', earlier, account) };

  /** Nothing is due: if that is because of a payment made today, say so. */
  const nothingDue = async (): Promise<PayByTextResult> => {
    const today = businessDate(deps.services.clock.now(), deps.services.timeZone);
    // The largest of today's payments is the one that paid what was due.
    const paid = (await deps.repos.payments.history(account.id, 20))
      .filter((p) => p.scheduledFor === today && p.status === 'posted')
      .reduce<Payment | null>((best, p) => (!best || p.amountCents > best.amountCents ? p : best), null);
    return { locale, outcome: paid ? receipt('paid-today', paid, account) : { kind: 'nothing-due' } };
  };
  const cents = Math.min(reminder.amountDueCents, account.amountDueCents);
  if (account.status !== 'active' || cents <= 0) return nothingDue();
  if (!(await deps.repos.banks.onFileFor(customer.id))) return { locale, outcome: { kind: 'no-bank' } };

  const result = await deps.services.payments.pay(
    { sessionId: `sms:${from}`, customerId: customer.id, channel: 'sms' },
    {
      accountId: account.id,
      amount: { kind: 'other', amount: cents },
      funding: { kind: 'bank_on_file' },
      idempotencyKey: payByTextKey(customer.id, account.id, reminder.dueDate),
    },
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
          vehicle: vehicleLabel(account),
          accountLast4: account.accountNumber.slice(-4),
          bankLast4: '',
        },
      };
    }
    if (result.code === 'PAYMENT.NOTHING_DUE' || result.code === 'PAYMENT.ACCOUNT_PAID_OFF') return nothingDue();
    if (result.code === 'PAYMENT.NO_BANK_ON_FILE') return { locale, outcome: { kind: 'no-bank' } };
    return { locale, outcome: { kind: 'failed', code: result.code } };
  }
  // Two replies racing each other: the loser gets the winner's payment back.
  return { locale, outcome: receipt(result.value.duplicate ? 'already-paid' : 'paid', result.value.payment, account) };
}
