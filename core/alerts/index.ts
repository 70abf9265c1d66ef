export { createAlertsService, smsKeyword, carrierConfirmsStop, type AlertsService, type AlertPreferences, type AlertsCode, type SmsKeyword, type TextSender } from './alerts-service';
export {
  createPaymentReminderService,
  payByTextKey,
  REMINDER_CODE_DIGITS,
  REMINDER_CODE_TRIES,
  type PaymentReminderService,
  type RedeemedReminder,
  type ReminderCode,
} from './payment-reminders';
export { createPayByTextService, type PayByTextService, type PayByTextOutcome, type PayByTextDeps } from './pay-by-text';
export {
  dueReminders,
  sendDueReminders,
  scheduleDailyReminders,
  msUntilHour,
  REMINDER_DAYS_AHEAD,
  type SmsSender,
  type DueReminder,
  type ReminderDeps,
  type ReminderRun,
} from './reminder-texts';
export { createCodeTexter, MASKED_CODE, type CodeTextDeps } from './code-texts';
