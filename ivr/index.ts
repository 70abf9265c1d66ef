import type { Server } from 'restify';
import type { IvrDeps } from './deps';
import { mountSmsRoutes } from './sms-routes';
import { createTwilioRoute } from './twilio-route';
import { mountVoiceRoutes } from './voice-routes';

export type { IvrDeps } from './deps';
export { renderVoiceTurn, VOICES } from './twiml-renderer';
export { voiceSessionId } from './voice-routes';
export { renderSmsTurn, smsSessionId } from './sms-routes';
export { createTwilioRoute, type TwilioEdge, type TwilioHandler, type TwilioRoute } from './twilio-route';
export { twilioSmsSender } from './twilio-sms-sender';
export { isGsm7, gsm7Length, nonGsm7Characters, SMS_SEGMENT } from './gsm7';

/**
 * Mounts the Twilio front end: the voice webhooks (/voice/incoming,
 * /voice/gather, /voice/pay, /voice/whisper, /voice/pay-status,
 * /voice/status, /voice/fallback) and text messages at /sms/incoming. Point
 * the Twilio number's webhooks at these paths under PUBLIC_BASE_URL:
 * signatures are checked against that URL. (The daily due-date reminders and
 * texted verification codes are core jobs; the composition root schedules
 * them and gives them `twilioSmsSender`.)
 */
export function mountIvr(server: Server, deps: IvrDeps): void {
  const twilioRoute = createTwilioRoute({ authToken: deps.config.twilio.authToken, publicUrl: deps.publicUrl, logger: deps.logger });
  mountVoiceRoutes(server, deps, twilioRoute);
  mountSmsRoutes(server, deps, twilioRoute);
}
