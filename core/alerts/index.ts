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
