import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AuditTrail } from '../audit/audit-trail';
import type { Clock } from '../shared/clock';
import { businessDate } from '../shared/dates';
import { err, ok, type Result } from '../shared/result';
import type { Cents, IsoDate, Payment } from '../shared/types';
import type { PaymentReminder, PaymentReminderRepository, PaymentRepository } from '../store/ports';

/** Digits in a reminder's one-time code ("Reply PAY 4821"). */
export const REMINDER_CODE_DIGITS = 4;
/** Codes checked against one reminder before it stops paying by text. */
export const REMINDER_CODE_TRIES = 3;

/**
 * Why a PAY reply pays nothing: no reminder is open, the reply carried no
 * code, the code matches no open reminder, or too many codes were tried.
 */
export type ReminderCode = 'REMINDER.NONE_OPEN' | 'REMINDER.NO_CODE' | 'REMINDER.WRONG_CODE' | 'REMINDER.SUSPENDED';

/** A reminder a PAY reply's code opened, and the payment already made for it, if any. */
export interface RedeemedReminder {
  reminder: PaymentReminder;
  earlier: Payment | null;
}

export interface PaymentReminderService {
  /**
   * Records the reminder for one account and due date with a fresh one-time
   * code, valid through the due date. Returns the code to put in the text,
   * or null when that account and due date already has a reminder (its code
   * went out with the first text and is not kept).
   */
  issue(
    r: { customerId: string; accountId: string; dueDate: IsoDate; amountDueCents: Cents },
    at: Date,
  ): Promise<{ reminder: PaymentReminder; code: string } | null>;
  /**
   * Finds the customer's open reminder a PAY reply's code belongs to. A code
   * is checked against each unpaid reminder only while it has tries left, so
   * a forged sender number cannot guess its way to a payment.
   */
  redeem(customerId: string, code: string | null): Promise<Result<RedeemedReminder, ReminderCode>>;
}

/** One payment per reminder (its customer, account and due date), however many times the code arrives. */
export function payByTextKey(customerId: string, accountId: string, dueDate: IsoDate): string {
  return `sms-pay:${customerId}:${accountId}:${dueDate}`;
}

/** The code's keyed hash, bound to its reminder so equal codes of two reminders hash apart. */
function codeHash(key: string, reminderId: string, code: string): string {
  return createHmac('sha256', key).update(`payment-reminder:${reminderId}:${code}`, 'utf8').digest('hex');
}

function codeMatches(key: string, reminder: PaymentReminder, code: string): boolean {
  const given = Buffer.from(codeHash(key, reminder.id, code), 'hex');
  const kept = Buffer.from(reminder.codeHash, 'hex');
  return given.length === kept.length && timingSafeEqual(given, kept);
}

export function createPaymentReminderService(deps: {
  reminders: PaymentReminderRepository;
  payments: PaymentRepository;
  audit: AuditTrail;
  clock: Clock;
  timeZone: string;
  /** The server secret codes are hashed with. */
  codeHashKey: string;
}): PaymentReminderService {
  const earlierPayment = (r: PaymentReminder) => deps.payments.byIdempotencyKey(payByTextKey(r.customerId, r.accountId, r.dueDate));

  return {
    async issue(r, at) {
      const id = randomUUID();
      const code = String(randomInt(0, 10 ** REMINDER_CODE_DIGITS)).padStart(REMINDER_CODE_DIGITS, '0');
      const reminder: PaymentReminder = {
        id,
        customerId: r.customerId,
        accountId: r.accountId,
        dueDate: r.dueDate,
        amountDueCents: r.amountDueCents,
        codeHash: codeHash(deps.codeHashKey, id, code),
        sentAt: at,
        expiresOn: r.dueDate,
        codeAttempts: 0,
      };
      const { codeAttempts: _none, ...row } = reminder;
      return (await deps.reminders.create(row)) ? { reminder, code } : null;
    },

    async redeem(customerId, code) {
      const open = await deps.reminders.openFor(customerId, businessDate(deps.clock.now(), deps.timeZone));
      if (open.length === 0) return err('REMINDER.NONE_OPEN');
      if (code === null) return err('REMINDER.NO_CODE');

      const unpaid: PaymentReminder[] = [];
      for (const r of open) {
        const earlier = await earlierPayment(r);
        // A paid reminder can pay nothing more, so its code is checked freely: the right one gets the receipt again.
        if (!earlier) unpaid.push(r);
        else if (codeMatches(deps.codeHashKey, r, code)) return ok({ reminder: r, earlier });
      }
      let suspended = false;
      for (const r of unpaid) {
        // The try is counted before the code is compared, so simultaneous guesses share the same few tries.
        if (!(await deps.reminders.claimCodeAttempt(r.id, REMINDER_CODE_TRIES))) {
          suspended = true;
          continue;
        }
        if (codeMatches(deps.codeHashKey, r, code)) return ok({ reminder: r, earlier: null });
        await deps.audit.record('reminder.code_refused', { customerId, accountId: r.accountId }, { dueDate: r.dueDate });
      }
      return err(suspended ? 'REMINDER.SUSPENDED' : 'REMINDER.WRONG_CODE');
    },
  };
}
