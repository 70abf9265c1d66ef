export { createAlertsService, smsKeyword, type AlertsService, type AlertPreferences, type AlertsCode, type SmsKeyword } from './alerts-service';
