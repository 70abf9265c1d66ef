import type { Server } from 'restify';
import type { IvrDeps } from './deps';
import { scheduleDailyReminders, twilioSmsSender } from './reminders';
import { mountSmsRoutes } from './sms-routes';
import { mountVoiceRoutes } from './voice-routes';

export type { IvrDeps } from './deps';
export { renderVoiceTurn, VOICES } from './twiml-renderer';
export { voiceSessionId } from './voice-routes';
export { replyToText, type SmsReply } from './sms-routes';
export { payByTextKey } from './pay-by-text';
export {
  dueReminders,
  sendDueReminders,
  scheduleDailyReminders,
  twilioSmsSender,
  REMINDER_DAYS_AHEAD,
  type SmsSender,
  type ReminderRun,
} from './reminders';
export { createCodeTexter, MASKED_CODE, type CodeTextDeps } from './code-texts';
export { isGsm7, gsm7Length, nonGsm7Characters, SMS_SEGMENT } from './gsm7';

/** What mounting the Twilio front end leaves running. */
export interface IvrHandle {
  /** Stops the daily reminder timer (it is unref'd, so forgetting this never holds the process). */
  close(): void;
}

/**
 * Mounts the Twilio front end: the voice webhooks (/voice/incoming,
 * /voice/gather, /voice/status, /voice/fallback), pay-by-text at
 * /sms/incoming and, when `config.reminders.enabled`, the daily due-date
 * reminders. Point the Twilio number's webhooks at these paths under
 * PUBLIC_BASE_URL: signatures are checked against that URL.
 */
export function mountIvr(server: Server, deps: IvrDeps): IvrHandle {
  mountVoiceRoutes(server, deps);
  mountSmsRoutes(server, deps);
  const reminders = deps.config.reminders.enabled
    ? scheduleDailyReminders({ ...deps, clock: () => deps.services.clock.now(), sender: twilioSmsSender(deps.config) })
    : null;
  return {
    close() {
      reminders?.stop();
    },
  };
}
