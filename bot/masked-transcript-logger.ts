import type { Activity, TranscriptLogger } from 'botbuilder';
import { maskSensitiveText } from '../core/security';

/** Seven or more digits in a row (spaces and dashes allowed): an SSN, a bank account or an account number. */
const LONG_NUMBER = /\d(?:[\s-]?\d){6,}/g;

/**
 * Masks what reads as an SSN/Tax ID or a bank or card number in any form the
 * assistant accepts (dots, spaces, words), and any other run of seven or more
 * digits (a bank account number typed at its prompt), keeping the last four
 * digits ("•••••7788"): the only form in which such a number may appear in a
 * transcript.
 */
export function maskNumbers(text: string): string {
  return maskSensitiveText(text).replace(LONG_NUMBER, (run) => {
    const digits = run.replace(/\D/g, '');
    return `•••••${digits.slice(-4)}`;
  });
}

/**
 * Wraps a transcript logger (e.g. botbuilder's FileTranscriptStore) so testers
 * can record live chats without ever storing what a customer typed as an SSN,
 * Tax ID or bank account number: the visitor's long numbers are masked and a
 * masked entry's secret value is dropped. The bot's own messages never carry
 * such numbers (the engine reads back last four digits only), so confirmation
 * numbers stay readable for the tester.
 */
export class MaskedTranscriptLogger implements TranscriptLogger {
  constructor(private readonly inner: TranscriptLogger) {}

  logActivity(activity: Activity): void | Promise<void> {
    // Replies carry replyToId and the bot as sender; what the visitor sends has neither.
    const fromBot = activity.from?.role === 'bot' || (Boolean(activity.replyToId) && activity.from?.role !== 'user');
    if (fromBot) return this.inner.logActivity(activity);
    const copy: Activity = { ...activity };
    if (typeof copy.text === 'string') copy.text = maskNumbers(copy.text);
    if (copy.value && typeof copy.value === 'object' && 'secret' in copy.value) {
      const { secret: _secret, ...rest } = copy.value as Record<string, unknown>;
      copy.value = rest;
    }
    return this.inner.logActivity(copy);
  }
}
