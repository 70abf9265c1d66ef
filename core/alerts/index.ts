export { createAlertsService, smsKeyword, carrierConfirmsStop, type AlertsService, type AlertPreferences, type AlertsCode, type SmsKeyword } from './alerts-service';
export {
  createPaymentReminderService,
  payByTextKey,
  REMINDER_CODE_DIGITS,
  REMINDER_CODE_TRIES,
  type PaymentReminderService,
  type RedeemedReminder,
  type ReminderCode,
} from './payment-reminders';
export { payByText, type PayByTextOutcome, type PayByTextResult } from './pay-by-text';
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
