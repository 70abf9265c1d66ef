import type { Intent } from './nlu-port';

/**
 * Questions answered from the knowledge base, with no account needed. The
 * answers live in the i18n resources under `faq.<intent>` (channel variants
 * `_voice` and `_sms` where the wording must differ), so every fact is kept
 * once per language.
 */
export const FAQ_INTENTS: ReadonlySet<Intent> = new Set<Intent>([
  'payment_options',
  'mail_payment',
  'bill_pay',
  'debit_card_payment',
  'phone_payment',
  'in_person_payment',
  'add_vehicle',
  'statements',
  'protection_products',
  'alerts',
  'pay_by_text',
  'extra_payment',
]);

export function faqKey(intent: Intent): string {
  return `faq.${intent}`;
}
