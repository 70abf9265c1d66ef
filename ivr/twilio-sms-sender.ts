import twilio from 'twilio';
import type { SmsSender } from '../core/alerts';
import type { Config } from '../core/config/config';

/** A sender over Twilio's Messages API, or null when no account is configured. */
export function twilioSmsSender(config: Config): SmsSender | null {
  const { accountSid, authToken, fromNumber } = config.twilio;
  if (!accountSid || !fromNumber) return null;
  const client = twilio(accountSid, authToken);
  return {
    async send(to, body) {
      await client.messages.create({ to, from: fromNumber, body });
    },
  };
}
