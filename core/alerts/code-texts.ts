import type { i18n as I18n } from 'i18next';
import { translator } from '../i18n';
import type { CodeTexter } from '../identity';
import type { Logger } from '../logging/logger';
import type { Outbox } from '../store/ports';
import type { SmsSender } from './reminder-texts';

/** What stands for the code wherever the text is kept: the outbox row and the log. */
export const MASKED_CODE = '******';

export interface CodeTextDeps {
  outbox: Outbox;
  i18n: I18n;
  /** Twilio's Messages API (or a test's own); null when no account is configured. */
  sender: SmsSender | null;
  logger: Logger;
  clock: () => Date;
}

/**
 * Texts a verification code through the same SMS sender as the reminders and
 * records the text in the outbox, sent or failed, with the code masked: the
 * code itself exists only in the text the carrier delivers. Without a sender
 * nothing can reach the customer, so the text is recorded as failed and the
 * conversation offers a person instead.
 */
export function createCodeTexter(deps: CodeTextDeps): CodeTexter {
  const log = deps.logger.child({ component: 'verification-code' });
  return {
    async send({ to, locale, code, minutes, ref }) {
      const t = translator(deps.i18n, locale, 'sms');
      const body = (shown: string) => t({ key: 'sms.verificationCode', params: { code: shown, minutes } });
      let status: 'sent' | 'failed' = 'failed';
      let problem: string | null = deps.sender ? null : 'no SMS provider configured (TWILIO_ACCOUNT_SID, TWILIO_FROM_NUMBER)';
      if (deps.sender) {
        try {
          await deps.sender.send(to, body(code));
          status = 'sent';
        } catch (error) {
          problem = (error as Error).message;
        }
      }
      await deps.outbox.enqueue({ channel: 'sms', to, body: body(MASKED_CODE), dedupeKey: `verification-code:${ref}`, at: deps.clock(), status });
      const fields = { to: `…${to.slice(-4)}`, ref, locale };
      if (status === 'sent') log.info(fields, 'verification code texted');
      else log.warn({ ...fields, problem }, 'verification code not texted');
      return status === 'sent';
    },
  };
}
