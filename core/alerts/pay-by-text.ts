import { vehicleLabel } from '../accounts/vehicle-label';
import type { PaymentService } from '../payments/payment-service';
import type { Clock } from '../shared/clock';
import { businessDate } from '../shared/dates';
import type { Customer, IsoDate, Payment, VehicleAccount } from '../shared/types';
import type { AccountRepository, BankRepository, CustomerRepository, PaymentRepository } from '../store/ports';
import { payByTextKey, type PaymentReminderService } from './payment-reminders';

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

export interface PayByTextService {
  /**
   * Pays what an open reminder named, from the bank on file, when PAY came
   * with that reminder's one-time code; a wrong or missing code pays nothing.
   */
  payByReminder(from: string, code: string | null): Promise<PayByTextOutcome>;
}

export interface PayByTextDeps {
  customers: CustomerRepository;
  accounts: AccountRepository;
  payments: PaymentRepository;
  banks: BankRepository;
  reminders: PaymentReminderService;
  paymentService: PaymentService;
  clock: Clock;
  timeZone: string;
}

export function createPayByTextService(deps: PayByTextDeps): PayByTextService {
  return { payByReminder: (from, code) => payByText(deps, from, code) };
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
async function payByText(deps: PayByTextDeps, from: string, code: string | null): Promise<PayByTextOutcome> {
  const customer: Customer | null = await deps.customers.byMobile(from);
  if (!customer) return { kind: 'unknown-number' };
  if (customer.smsOptedOut) return { kind: 'opted-out' };
  if (!customer.textAlerts) return { kind: 'not-opted-in' };

  const redeemed = await deps.reminders.redeem(customer.id, code);
  if (!redeemed.ok) return { kind: redeemed.code === 'REMINDER.SUSPENDED' ? 'suspended' : 'how-to-pay', code: redeemed.code };
  const { reminder, earlier } = redeemed.value;
  const account = await deps.accounts.byId(reminder.accountId);
  if (!account || account.customerId !== customer.id) return { kind: 'how-to-pay' };
  if (earlier) return receipt('already-paid', earlier, account);

  /** Nothing is due: if that is because of a payment made today, say so. */
  const nothingDue = async (): Promise<PayByTextOutcome> => {
    const today = businessDate(deps.clock.now(), deps.timeZone);
    // The largest of today's payments is the one that paid what was due.
    const paid = (await deps.payments.history(account.id, 20))
      .filter((p) => p.scheduledFor === today && p.status === 'posted')
      .reduce<Payment | null>((best, p) => (!best || p.amountCents > best.amountCents ? p : best), null);
    return paid ? receipt('paid-today', paid, account) : { kind: 'nothing-due' };
  };
  const cents = Math.min(reminder.amountDueCents, account.amountDueCents);
  if (account.status !== 'active' || cents <= 0) return nothingDue();
  if (!(await deps.banks.onFileFor(customer.id))) return { kind: 'no-bank' };

  const result = await deps.paymentService.pay(
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
        kind: 'paid-today',
        amountCents: Number(p.amountCents),
        date: String(p.date),
        confirmationNumber: String(p.confirmation),
        vehicle: vehicleLabel(account),
        accountLast4: account.accountNumber.slice(-4),
        bankLast4: '',
      };
    }
    if (result.code === 'PAYMENT.NOTHING_DUE' || result.code === 'PAYMENT.ACCOUNT_PAID_OFF') return nothingDue();
    if (result.code === 'PAYMENT.NO_BANK_ON_FILE') return { kind: 'no-bank' };
    return { kind: 'failed', code: result.code };
  }
  // Two replies racing each other: the loser gets the winner's payment back.
  return receipt(result.value.duplicate ? 'already-paid' : 'paid', result.value.payment, account);
}
