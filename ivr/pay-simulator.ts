import { randomBytes } from 'node:crypto';

/**
 * Plays Twilio's `<Pay>` verb and a test payment connector where no Twilio
 * account is at hand: the phone simulator (`npm run call`), the transcript
 * runner's voice driver and the tests. Like Twilio, it asks for the card
 * number, expiry, security code and ZIP by keypad, checks each entry and asks
 * again up to `maxAttempts`, then "charges" the card and hands back only what
 * Twilio posts to the `action` URL: the connector's token, the masked number,
 * brand and expiry, never the card number itself.
 *
 * Test cards answer like a card processor's: a number ending 0002 is
 * declined, one ending 0119 meets a processing error, any other valid card
 * of an accepted brand is charged.
 */

export type PayField = 'payment-card-number' | 'expiration-date' | 'security-code' | 'postal-code';

export interface PayPrompt {
  for: PayField;
  /** 1 for the first ask, 2 after one invalid entry, … */
  attempt: number;
  /** What Twilio's voice would say. */
  text: string;
}

/** What the simulated `<Pay>` does after an entry: ask the next thing, or finish with the parameters of the action request. */
export type PayStep =
  | { done: false; prompt: PayPrompt; progress: Record<string, string> }
  | { done: true; actionUrl: string; params: Record<string, string> };

const PROMPTS: Record<'en' | 'es', Record<PayField, string>> = {
  en: {
    'payment-card-number': 'Please enter your card number, followed by the pound key.',
    'expiration-date': 'Please enter the expiration date, two digits for the month and two for the year.',
    'security-code': 'Please enter the security code on your card.',
    'postal-code': 'Please enter the ZIP code of the billing address.',
  },
  es: {
    'payment-card-number': 'Por favor, marque el número de su tarjeta, seguido de la tecla numeral.',
    'expiration-date': 'Por favor, marque la fecha de vencimiento: dos dígitos para el mes y dos para el año.',
    'security-code': 'Por favor, marque el código de seguridad de su tarjeta.',
    'postal-code': 'Por favor, marque el código postal de la dirección de facturación.',
  },
};
const RETRY: Record<'en' | 'es', string> = { en: "Sorry, that isn't valid.", es: 'Lo siento, ese dato no es válido.' };

/** The brand a card number belongs to, by its leading digits. */
export function cardBrand(number: string): string | null {
  if (/^4/.test(number)) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (/^6(011|5)/.test(number)) return 'discover';
  return null;
}

/** The Luhn check every card number passes. */
export function luhnValid(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** One `<Pay>` in progress, entry by entry. */
export class SimulatedPay {
  private readonly fields: PayField[];
  private index = 0;
  private attempt = 1;
  private readonly entered: Partial<Record<PayField, string>> = {};
  private readonly lang: 'en' | 'es';
  private readonly maxAttempts: number;
  private readonly validTypes: string[];

  /** `attrs` are the `<Pay>` verb's attributes; `now` decides which expiry dates have passed. */
  constructor(
    private readonly attrs: Record<string, string>,
    private readonly now = new Date(),
  ) {
    this.lang = (attrs.language ?? 'en-US').startsWith('es') ? 'es' : 'en';
    this.maxAttempts = Math.max(1, Number(attrs.maxAttempts ?? 2) || 2);
    this.validTypes = (attrs.validCardTypes ?? 'visa mastercard amex').split(/\s+/).filter(Boolean);
    this.fields = ['payment-card-number', 'expiration-date'];
    if (attrs.securityCode !== 'false') this.fields.push('security-code');
    if (attrs.postalCode !== 'false') this.fields.push('postal-code');
  }

  /** The first question, as the caller hears it when the verb starts. */
  start(): PayStep {
    return this.ask('');
  }

  /**
   * The caller's keypad entry for the current question; `null` means the
   * caller hung up. A `*` stops the capture, as it does on Twilio.
   */
  enter(keys: string | null): PayStep {
    if (keys === null) return this.finish({ Result: 'caller-hung-up' });
    const digits = keys.replace(/[\s#]/g, '');
    if (digits.includes('*')) return this.finish({ Result: 'caller-interrupted-with-star' });
    const field = this.fields[this.index]!;
    if (!this.valid(field, digits)) {
      this.attempt += 1;
      if (this.attempt > this.maxAttempts) return this.finish({ Result: 'too-many-failed-attempts', PaymentError: `invalid ${field}` });
      return this.ask(`${RETRY[this.lang]} `);
    }
    this.entered[field] = digits;
    this.index += 1;
    this.attempt = 1;
    if (this.index < this.fields.length) return this.ask('');
    return this.charge();
  }

  private ask(prefix: string): PayStep {
    const field = this.fields[this.index]!;
    const number = this.entered['payment-card-number'];
    return {
      done: false,
      prompt: { for: field, attempt: this.attempt, text: `${prefix}${PROMPTS[this.lang][field]}` },
      // What Twilio posts to statusCallback as the capture moves on: the card number masked, if any.
      progress: {
        For: 'payment-card-number',
        Capture: field,
        Required: this.fields.slice(this.index).join(','),
        PartialResult: 'true',
        ...(number ? { PaymentCardNumber: masked(number) } : {}),
        ...(this.attempt > 1 ? { ErrorType: 'invalid-input' } : {}),
      },
    };
  }

  private valid(field: PayField, digits: string): boolean {
    switch (field) {
      case 'payment-card-number': {
        const brand = cardBrand(digits);
        return luhnValid(digits) && brand !== null && this.validTypes.includes(brand);
      }
      case 'expiration-date': {
        const m = /^(\d{2})(\d{2})$/.exec(digits);
        if (!m || Number(m[1]) < 1 || Number(m[1]) > 12) return false;
        const expires = new Date(Date.UTC(2000 + Number(m[2]), Number(m[1]), 1));
        return expires.getTime() > this.now.getTime();
      }
      case 'security-code':
        return cardBrand(this.entered['payment-card-number'] ?? '') === 'amex' ? /^\d{4}$/.test(digits) : /^\d{3}$/.test(digits);
      case 'postal-code':
        return /^\d{5}$/.test(digits);
    }
  }

  /** The test connector: decides the charge on the card's last digits. */
  private charge(): PayStep {
    const number = this.entered['payment-card-number']!;
    const common = {
      PaymentCardNumber: masked(number),
      PaymentCardType: cardBrand(number)!,
      ExpirationDate: this.entered['expiration-date']!,
      ...(this.entered['postal-code'] ? { PaymentCardPostalCode: this.entered['postal-code'] } : {}),
      ChargeAmount: this.attrs.chargeAmount ?? '0',
      PaymentMethod: 'credit-card',
    };
    if (number.endsWith('0002')) {
      return this.finish({ ...common, Result: 'payment-connector-error', PaymentError: 'The card was declined.', ConnectorError: 'card_declined' });
    }
    if (number.endsWith('0119')) {
      return this.finish({ ...common, Result: 'payment-connector-error', PaymentError: 'The payment processor had an error.', ConnectorError: 'processing_error' });
    }
    return this.finish({
      ...common,
      Result: 'success',
      PaymentToken: `tok_sim_${randomBytes(12).toString('hex')}`,
      PaymentConfirmationCode: `ch_sim_${randomBytes(12).toString('hex')}`,
    });
  }

  private finish(params: Record<string, string>): PayStep {
    return { done: true, actionUrl: this.attrs.action ?? '', params };
  }
}

/** A card number as Twilio shows it: every digit but the last 4 masked. */
function masked(number: string): string {
  return `${'x'.repeat(Math.max(0, number.length - 4))}${number.slice(-4)}`;
}
