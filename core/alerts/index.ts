export { createAlertsService, smsKeyword, carrierConfirmsStop, type AlertsService, type AlertPreferences, type AlertsCode, type SmsKeyword } from './alerts-service';
