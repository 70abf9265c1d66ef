import type { i18n as I18n } from 'i18next';
import { vehicleLabel } from '../accounts/vehicle-label';
import { createAuditTrail } from '../audit';
import type { Config } from '../config/config';
import { formatPhone, translator } from '../i18n';
import type { Logger } from '../logging/logger';
import { addDays, businessDate } from '../shared/dates';
import type { IsoDate, Locale } from '../shared/types';
import type { Repositories } from '../store/ports';
import { createPaymentReminderService, type PaymentReminderService } from './payment-reminders';

/** Reminders go out this many days before the due date (the lender's published promise). */
export const REMINDER_DAYS_AHEAD = 7;

/** Sends one text: Twilio's Messages API in production (the phone line's front end builds it), a test's own otherwise. */
export interface SmsSender {
  send(to: string, body: string): Promise<void>;
}

/** One reminder due to go out. */
export interface DueReminder {
  customerId: string;
  accountId: string;
  to: string;
  locale: Locale;
  dueDate: IsoDate;
  amountDueCents: number;
  vehicle: string;
  /** Last 4 of the bank on file, or null when there is none (then the text cannot offer PAY). */
  bankLast4: string | null;
  dedupeKey: string;
}

export interface ReminderDeps {
  repos: Repositories;
  i18n: I18n;
  config: Config;
  logger: Logger;
}

/**
 * The reminders due on `today`: every customer opted in to text alerts and
 * not opted out, for each active account due exactly seven days later with
 * something to pay.
 */
export async function dueReminders(deps: ReminderDeps, today: IsoDate): Promise<DueReminder[]> {
  const dueDate = addDays(today, REMINDER_DAYS_AHEAD);
  const reminders: DueReminder[] = [];
  for (const customer of await deps.repos.customers.textAlertSubscribers()) {
    // The repository promises this filter; a reminder after a STOP is a compliance problem, so check again.
    if (!customer.mobile || !customer.textAlerts || customer.smsOptedOut) continue;
    const accounts = (await deps.repos.accounts.byCustomer(customer.id)).filter(
      (a) => a.status === 'active' && a.nextDueDate === dueDate && a.amountDueCents > 0,
    );
    if (accounts.length === 0) continue;
    const bank = await deps.repos.banks.onFileFor(customer.id);
    for (const a of accounts) {
      reminders.push({
        customerId: customer.id,
        accountId: a.id,
        to: customer.mobile,
        locale: customer.language,
        dueDate,
        amountDueCents: a.amountDueCents,
        vehicle: vehicleLabel(a),
        bankLast4: bank?.accountLast4 ?? null,
        dedupeKey: `reminder:${customer.id}:${a.id}:${dueDate}`,
      });
    }
  }
  return reminders;
}

/**
 * The text of one reminder. With a bank on file it carries a fresh one-time
 * code ("Reply PAY 4821"), recorded as the reminder's keyed hash; null when
 * this account and due date already had its reminder (the code is not kept,
 * so the text cannot be written again).
 */
async function reminderText(deps: ReminderDeps, reminders: PaymentReminderService, r: DueReminder, now: Date): Promise<string | null> {
  const t = translator(deps.i18n, r.locale, 'sms');
  const params = {
    amount: r.amountDueCents,
    date: r.dueDate,
    vehicle: r.vehicle,
    phone: formatPhone(deps.config.customerServiceNumber),
  };
  if (r.bankLast4 === null) return t({ key: 'sms.reminderNoBank', params });
  const issued = await reminders.issue({ customerId: r.customerId, accountId: r.accountId, dueDate: r.dueDate, amountDueCents: r.amountDueCents }, now);
  if (!issued) return null;
  return t({ key: 'sms.reminder', params: { ...params, code: issued.code, last4: r.bankLast4 } });
}

export interface ReminderRun {
  today: IsoDate;
  /** Newly queued in the outbox. */
  queued: number;
  /** Already queued by an earlier run (same customer, account and due date). */
  duplicates: number;
  sent: number;
  failed: number;
}

/**
 * Queues today's reminders in the outbox (once per customer, account and due
 * date, so a second run the same day sends nothing new), then, when a sender
 * is given, sends the pending texts and marks them. Without one they stay
 * queued and are logged.
 */
export async function sendDueReminders(
  deps: ReminderDeps & { now: Date; sender?: SmsSender | null },
): Promise<ReminderRun> {
  const log = deps.logger.child({ component: 'reminders' });
  const today = businessDate(deps.now, deps.config.timeZone);
  const run: ReminderRun = { today, queued: 0, duplicates: 0, sent: 0, failed: 0 };
  const reminders = createPaymentReminderService({
    reminders: deps.repos.reminders,
    payments: deps.repos.payments,
    audit: createAuditTrail(deps.repos.audit, { now: () => deps.now }),
    clock: { now: () => deps.now },
    timeZone: deps.config.timeZone,
    codeHashKey: deps.config.identityHashKey,
  });
  for (const r of await dueReminders(deps, today)) {
    const body = await reminderText(deps, reminders, r, deps.now);
    const fresh = body !== null && (await deps.repos.outbox.enqueue({ channel: 'sms', to: r.to, body, dedupeKey: r.dedupeKey, at: deps.now }));
    if (fresh) {
      run.queued += 1;
      log.info({ to: `…${r.to.slice(-4)}`, dedupeKey: r.dedupeKey, locale: r.locale }, 'reminder queued');
    } else run.duplicates += 1;
  }
  if (deps.sender) {
    const pending = await deps.repos.outbox.pending(500);
    for (const m of pending.filter((p) => p.channel === 'sms' && p.dedupeKey.startsWith('reminder:'))) {
      try {
        await deps.sender.send(m.to, m.body);
        await deps.repos.outbox.mark(m.id, 'sent');
        run.sent += 1;
      } catch (error) {
        await deps.repos.outbox.mark(m.id, 'failed');
        run.failed += 1;
        log.error({ to: `…${m.to.slice(-4)}`, dedupeKey: m.dedupeKey, err: { message: (error as Error).message } }, 'reminder not sent');
      }
    }
  }
  log.info(run, 'reminder run finished');
  return run;
}

/** Milliseconds from `now` until the next `hour`:00 on the clock of `timeZone`. */
export function msUntilHour(now: Date, hour: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const elapsed = part('hour') * 3600 + part('minute') * 60 + part('second');
  let wait = hour * 3600 - elapsed;
  if (wait <= 0) wait += 24 * 3600;
  return wait * 1000 - now.getMilliseconds();
}

/**
 * Runs `sendDueReminders` every day at `config.reminders.hour` in the
 * lender's time zone. The timer is unref'd so it never keeps a process alive;
 * a missed run is made up by the outbox dedupe, not by catching up.
 */
export function scheduleDailyReminders(deps: ReminderDeps & { clock: () => Date; sender?: SmsSender | null }): { stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    timer = setTimeout(async () => {
      try {
        await sendDueReminders({ ...deps, now: deps.clock() });
      } catch (error) {
        deps.logger.error({ component: 'reminders', err: { message: (error as Error).message } }, 'reminder run failed');
      }
      arm();
    }, msUntilHour(deps.clock(), deps.config.reminders.hour, deps.config.timeZone));
    timer.unref();
  };
  arm();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
