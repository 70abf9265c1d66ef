import type { CustomerRepository } from '../store/ports';
import type { Locale } from '../shared/types';
import { err, ok, type Result } from '../shared/result';
import type { AuditTrail } from '../audit/audit-trail';
import type { CustomerContext } from '../accounts/customer-context';

export interface AlertPreferences {
  textAlerts: boolean;
  smsOptedOut: boolean;
  /** Last 4 of the mobile number alerts go to, or null. */
  mobileLast4: string | null;
}

/** The customer a text came from, as far as texting them goes. */
export interface TextSender {
  locale: Locale;
  /** Opted in to payment alerts by text. */
  textAlerts: boolean;
  /** Sent STOP (and no START since): nothing more may be texted. */
  optedOut: boolean;
}

export type AlertsCode = 'ALERTS.NO_MOBILE' | 'ALERTS.UNKNOWN_NUMBER' | 'ALERTS.SMS_OPTED_OUT';

/** Carrier keywords (single-word messages only), per Twilio's default opt-out handling. */
const CARRIER_STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
/**
 * Spanish opt-out and opt-in words. Twilio's default handling does not know
 * them, so they are honoured here and confirmed by a reply of ours.
 */
const STOP_WORDS = new Set([...CARRIER_STOP_WORDS, 'ALTO', 'PARAR', 'CANCELAR', 'BAJA']);
const START_WORDS = new Set(['START', 'YES', 'UNSTOP', 'INICIO', 'REANUDAR']);
const HELP_WORDS = new Set(['HELP', 'INFO', 'AYUDA']);

/** Whether Twilio or the carrier confirms this opt-out itself (so a reply of ours would be a second one). */
export function carrierConfirmsStop(body: string): boolean {
  return CARRIER_STOP_WORDS.has(body.trim().toUpperCase());
}

export type SmsKeyword = 'stop' | 'start' | 'help';

/** The carrier keyword a whole message is, or null; "stop sending me that" is not STOP. */
export function smsKeyword(body: string): SmsKeyword | null {
  const word = body.trim().toUpperCase();
  if (STOP_WORDS.has(word)) return 'stop';
  if (START_WORDS.has(word)) return 'start';
  if (HELP_WORDS.has(word)) return 'help';
  return null;
}

export interface AlertsService {
  preferences(ctx: CustomerContext): Promise<AlertPreferences>;
  /** Opts in or out of payment alerts by text. Opting in needs a mobile and no standing STOP. */
  setTextAlerts(ctx: CustomerContext, on: boolean): Promise<Result<AlertPreferences, AlertsCode>>;
  /**
   * Records a carrier STOP/START from a phone number (Twilio still forwards
   * them). STOP sets smsOptedOut so nothing more is texted; START clears it.
   */
  recordSmsKeyword(fromE164: string, keyword: 'stop' | 'start'): Promise<Result<AlertPreferences, 'ALERTS.UNKNOWN_NUMBER'>>;
  /** Whether a number may be texted right now (opted in and not opted out). */
  maySendTo(fromE164: string): Promise<boolean>;
  /** The customer whose mobile this is (their language and standing with text alerts), or null for a number we do not know. */
  sender(fromE164: string): Promise<TextSender | null>;
}

export function createAlertsService(deps: { customers: CustomerRepository; audit: AuditTrail }): AlertsService {
  const prefs = (c: { textAlerts: boolean; smsOptedOut: boolean; mobile: string | null }): AlertPreferences => ({
    textAlerts: c.textAlerts,
    smsOptedOut: c.smsOptedOut,
    mobileLast4: c.mobile ? c.mobile.slice(-4) : null,
  });
  return {
    async preferences(ctx) {
      const c = await deps.customers.byId(ctx.customerId);
      return c ? prefs(c) : { textAlerts: false, smsOptedOut: false, mobileLast4: null };
    },
    async setTextAlerts(ctx, on) {
      const c = await deps.customers.byId(ctx.customerId);
      if (!c?.mobile) return err('ALERTS.NO_MOBILE');
      // After a carrier STOP only the customer's own START may re-enable texts.
      if (on && c.smsOptedOut) return err('ALERTS.SMS_OPTED_OUT');
      await deps.customers.update(c.id, { textAlerts: on });
      await deps.audit.record('alerts.changed', { sessionId: ctx.sessionId, customerId: c.id }, { textAlerts: on });
      return ok(prefs({ ...c, textAlerts: on }));
    },
    async recordSmsKeyword(fromE164, keyword) {
      const c = await deps.customers.byMobile(fromE164);
      if (!c) return err('ALERTS.UNKNOWN_NUMBER');
      const smsOptedOut = keyword === 'stop';
      await deps.customers.update(c.id, { smsOptedOut });
      await deps.audit.record('alerts.changed', { customerId: c.id }, { smsOptedOut });
      return ok(prefs({ ...c, smsOptedOut }));
    },
    async sender(fromE164) {
      const c = await deps.customers.byMobile(fromE164);
      return c ? { locale: c.language, textAlerts: c.textAlerts, optedOut: c.smsOptedOut } : null;
    },
    async maySendTo(fromE164) {
      const c = await deps.customers.byMobile(fromE164);
      return Boolean(c && c.textAlerts && !c.smsOptedOut);
    },
  };
}
