import type { NluLocale } from '../intents';
import { fold, phrases } from './text';

/** Which bank account a sentence names for a payment or Auto Pay, wherever it is said. */
export type FundingMention =
  /** "from my bank on file", "la cuenta registrada", "the same account". */
  | { kind: 'on_file' }
  /** "from a different account", "de otra cuenta", "una cuenta nueva". */
  | { kind: 'new' }
  /** "the one ending 4321", "la que termina en 4321": to compare with the bank on file. */
  | { kind: 'last4'; last4: string };

const ON_FILE: Record<NluLocale, RegExp> = {
  en: phrases([
    'on file', 'bank on file', 'account on file', 'on record', 'the same account', 'same account', 'same bank',
    'my usual account', 'the usual account', 'usual bank', 'saved account', 'the account you have', 'the one you have',
    'the bank you have', 'the account i have with you', 'my regular account', 'my regular bank',
    'you already have', 'you guys have', 'you have on file', 'the one i always use', 'the bank i always use',
  ]),
  es: phrases([
    'registrada', 'registrado', 'cuenta registrada', 'en archivo', 'la de siempre', 'la misma cuenta', 'misma cuenta',
    'mismo banco', 'la que tienen', 'la que ya tienen', 'la guardada', 'cuenta guardada', 'la cuenta que tienen',
    'la cuenta de siempre', 'la que tienen registrada', 'que ya tienen', 'banco que tienen', 'cuenta que tienen',
    'la que tienen guardada', 'la de costumbre',
  ]),
};

const NEW: Record<NluLocale, RegExp> = {
  en: phrases([
    'different account', 'different bank', 'new account', 'new bank', 'another account', 'another bank', 'other account',
    'other bank', 'new checking', 'new savings', 'a different checking', 'a different savings', 'not the one on file',
  ]),
  es: phrases([
    'otra cuenta', 'cuenta nueva', 'nueva cuenta', 'cuenta diferente', 'cuenta distinta', 'otro banco', 'banco nuevo',
    'banco diferente', 'banco distinto', 'una cuenta de otro banco',
  ]),
};

const LAST4: Record<NluLocale, RegExp> = {
  en: /\b(?:ending|ends|ended|last (?:four|4)(?: digits)?(?: are| is| of)?)(?: (?:in|with|on))? (\d{4})\b/,
  es: /\b(?:termina|terminada|terminacion|acaba|ultimos (?:cuatro|4)(?: digitos)?(?: son| de)?)(?: (?:en|con))? (\d{4})\b/,
};

/**
 * The bank account a sentence names, if it names one: the one on file, a new
 * one, or one by its last four digits. A request ("pay $180 tomorrow from my
 * bank on file") fills the bank choice before it is asked.
 */
export function fundingMention(text: string, locale: NluLocale): FundingMention | null {
  const lang: NluLocale = locale === 'es' ? 'es' : 'en';
  const input = fold(text).replace(/[.,]/g, ' ').replace(/\s+/g, ' ');
  const last4 = LAST4[lang].exec(input);
  if (last4) return { kind: 'last4', last4: last4[1]! };
  if (NEW[lang].test(input)) return { kind: 'new' };
  if (ON_FILE[lang].test(input)) return { kind: 'on_file' };
  return null;
}
