import { writtenAmountToken } from '../entities';
import type { NluLocale } from '../intents';
import { mentionValue, numberMentions } from './models';
import { withoutDayAndBank } from './other-answers';
import { phrases } from './text';

/** What the customer's answer to "how much?" names. */
export type AmountReading =
  | { kind: 'cents'; cents: number }
  /** "the full amount", "what I owe", "la cantidad completa": this cycle's amount due. */
  | { kind: 'amount_due' }
  /** "the past due", "lo atrasado". */
  | { kind: 'past_due' }
  /** "pay it off", "the payoff", "liquidar", "todo el saldo". */
  | { kind: 'payoff' }
  /** A written amount with fractions of a cent ("$1.234"): refuse it, never round it. */
  | { kind: 'too_precise' }
  | { kind: 'none' };

/** The account's figures, used only to choose between two readings of a spoken amount ("twelve fifty"). */
export interface AmountContext {
  amountDueCents: number;
  pastDueCents: number;
  payoffCents: number;
}

const PAST_DUE: Record<NluLocale, RegExp> = {
  en: phrases([
    'past due', 'overdue', 'the late payment', 'the late amount', 'the late one', 'what im behind', "what i'm behind",
    'the amount im behind', "the amount i'm behind", 'the missed payment', 'arrears', 'the delinquent amount',
  ]),
  es: phrases([
    'lo atrasado', 'lo vencido', 'el pago atrasado', 'el pago vencido', 'saldo vencido', 'saldo atrasado',
    'la cantidad atrasada', 'la cantidad vencida', 'el monto vencido', 'el monto atrasado', 'lo que esta atrasado',
    'lo que esta vencido', 'lo que debo atrasado', 'el atraso', 'los atrasos', 'los pagos atrasados',
    'mensualidad atrasada', 'mensualidad vencida', 'mensualidades atrasadas', 'tengo atrasado', 'traigo atrasado', 'llevo atrasado', 'el atrasado', 'el vencido', 'lo que se me paso',
  ]),
};

const PAYOFF: Record<NluLocale, RegExp> = {
  en: phrases([
    'pay it off', 'pay off', 'paying it off', 'pay the loan off', 'pay the car off', 'payoff', 'pay-off',
    'the whole loan', 'the entire loan', 'the rest of the loan', 'the whole balance', 'the full balance',
    'the entire balance', 'the remaining balance', 'the total balance', 'the loan balance', 'close the loan',
  ]),
  es: phrases([
    'liquidar', 'liquidarlo', 'liquidarla', 'liquidacion', 'saldar', 'saldarlo', 'saldarla', 'todo el saldo',
    'saldo total', 'saldo completo', 'todo el prestamo', 'el prestamo completo', 'terminar de pagar',
    'acabar de pagar', 'el carro completo', 'lo que queda del prestamo',
  ]),
};

const AMOUNT_DUE: Record<NluLocale, RegExp> = {
  en: phrases([
    'the full amount', 'full amount', 'the whole thing', 'whole thing', 'what i owe', 'what i owe you', 'whats due',
    "what's due", 'what is due', 'amount due', 'the regular payment', 'my regular payment', 'monthly payment',
    'the normal payment', 'the usual', 'the usual amount', 'full payment', 'the whole amount', 'whole amount',
    'the entire amount', 'the minimum', 'minimum payment', 'minimum due', 'total due', 'the total',
    'the balance due', 'whatever i owe', 'the payment due', 'the amount i owe', 'all of it', 'the whole payment',
    'this months payment', "this month's payment", 'the bill', 'the current amount', "whatever's due",
    'whatevers due', 'whatever is due', "whatever's owed", 'whatever is owed', "what's owed", 'the regular amount',
    'regular amount', 'the normal amount', 'normal amount', 'the usual payment', 'my usual payment', 'my normal payment',
  ]),
  es: phrases([
    'la cantidad completa', 'cantidad completa', 'el monto completo', 'monto completo', 'lo que debo',
    'lo que le debo', 'lo que les debo', 'lo que se debe', 'el pago completo', 'pago completo', 'el pago mensual',
    'la mensualidad', 'mensualidad', 'el pago del mes', 'la cantidad que debo', 'el monto que debo', 'lo que toca',
    'lo que me toca', 'el total', 'la cantidad total', 'el monto total', 'todo', 'la cantidad a pagar',
    'el monto a pagar', 'el minimo', 'el pago minimo', 'lo del mes', 'la cuota', 'la cantidad debida',
    'el importe completo', 'lo que se vence', 'lo que sea que debo', 'lo que deba', 'lo que se deba', 'lo normal',
    'lo de siempre', 'el pago normal', 'la cantidad normal', 'el pago de siempre',
  ]),
};

// A phrase inside a refusal ("I can't pay the full amount", "no puedo pagar
// todo", "quiero abonarle pero no todo") is not the answer.
const NEGATED: Record<NluLocale, RegExp> = {
  en: /\b(?:not|cannot|can't|cant|don't|dont|won't|wont|never|no way)\b/,
  es: /\b(?:no (?:puedo|quiero|voy|podre|me alcanza|tengo|todo|toda|el total|la cantidad|el monto|lo que debo)|nunca|tampoco|ni)\b/,
};

// Words that may surround a bare number in an answer to "how much?" without
// making it a different request: "I'll pay 200 please", "quiero pagar
// quinientos". Anything else ("I have two cars", "hablar con una persona")
// means the number is not an amount.
const FILLER: Record<NluLocale, ReadonlySet<string>> = {
  en: new Set(
    (
      "i i'll ill i'd id im i'm can could would will want wanna to pay paying make it its it's that lets let's let do " +
      'go with about around approximately just only please ok okay um uh umm hmm er like and the a an amount ' +
      'payment of is be me how yes yeah yep sure so well put send try maybe think guess for this month now total ' +
      'exactly right dollars dollar bucks buck usd cents cent oh then instead in lol oops sorry meant mean actually ' +
      'wait no nope really fine alright ah ahh my bad regular usual normal monthly'
    ).split(' '),
  ),
  es: new Set(
    (
      'quiero quisiera voy a pagar pago abonar abono puedo podria de unos unas como por favor dolares dolar ' +
      'centavos centavo y el la lo solo nada mas pues este eh em mm ok okey si bueno hazlo hacer ponle pon que sea ' +
      'mejor dame mandar mando enviar le les me gustaria seria serian son es en total mes ahora aproximadamente ' +
      'exactamente mi al ya tal vez creo con cantidad monto perdon perdona disculpa oye espera no quise decir ' +
      'sean mejor ah ay entonces de acuerdo vale serio nomas namas solamente disculpe perdone oiga mire espere esperame espereme los las normal regular mensual mensualidad siempre'
    ).split(' '),
  ),
};

// A number straight after the verb of paying is the amount to pay, inside any
// sentence: "pay 155 on my civic today", "quiero pagar 400 de la F150".
const PAY_VERB_BEFORE: Record<NluLocale, RegExp> = {
  en: /\b(?:pay|paying|payment of|a payment for|send|put down)\s*$/,
  es: /\b(?:pagar|pagare|pago de|abonar|abono de|un pago de|mandar|enviar)\s*$/,
};
// Written with cents ("95.00", "199.99"): a sum of money, not a count or a day.
const WITH_CENTS = /^\d{1,3}(?:,\d{3})*\.\d{2}$|^\d+\.\d{2}$/;

const CURRENCY_AFTER = /^\s*(?:dollars?|bucks?|usd|dolares|dolar)\b/;
const CENTS_AFTER = /^\s*(?:cents?|centavos?|¢)/;

interface NumberItem {
  start: number;
  end: number;
  /** Integer dollars or, for written decimals, exact cents in `cents`. */
  value: number;
  cents: number | 'too_precise';
  words: boolean;
  /** Said as "oh five": a two-digit group 05. */
  ohPrefix: boolean;
  currency: boolean;
  centsUnit: boolean;
  /** After a decimal point said aloud ("punto cinco"): one digit is tenths, fifty cents. */
  afterPoint?: boolean;
}

type RunReading = number | 'too_precise' | 'invalid';

/**
 * Reads the answer to "how much would you like to pay?" in the customer's
 * words: "$200", "200", "112.36", "two fifty" ($250), "two fifty five"
 * ($255), "a hundred and twelve thirty six" ($112.36), "four twelve thirty
 * six" ($412.36), "quinientos cincuenta", "mil dólares", "doscientos con
 * cincuenta centavos"; or a named amount ("the full amount", "the past due",
 * "pay it off", "lo que debo", "lo atrasado", "liquidar").
 *
 * A number that is part of another request ("hablar con una persona", "I have
 * two cars", "the second one", a phone number) is not an amount: a bare
 * number counts only when the words around it are the usual fillers of an
 * answer; a number marked as money ("$", "dollars", "dólares") counts inside
 * any sentence ("I want to pay $200 on my Civic tomorrow"). A day named by
 * name and a bank account named by its last four or as the one on file are
 * other answers, left out first ("150 tomorrow, from the acct ending 4321").
 *
 * Pure and synchronous; the recognizer models are built once per process.
 */
export function readAmount(text: string, locale: NluLocale, ctx: AmountContext): AmountReading {
  const lang: NluLocale = locale === 'es' ? 'es' : 'en';
  // The day and the bank said in the same breath ("150 tomorrow, from the account ending 4321") are other answers.
  const input = decimalsReadOut(withoutDayAndBank(text, lang), lang);
  if (!input) return { kind: 'none' };

  const items = numberItems(input, lang);
  const runs = groupRuns(input, items, lang);
  // Money: a currency word or cents ("quinientos ochenta y nueve con diez"), or a number straight after "pay".
  const money = runs.filter((r) => r.items.some((i) => i.currency || i.centsUnit) || r.centsJoin.some(Boolean) || PAY_VERB_BEFORE[lang].test(input.slice(0, r.start).replace(/\$\s*$/, '')));
  if (money.length) {
    const readings = money.map((r) => readRun(r, ctx));
    return single(readings);
  }

  if (!NEGATED[lang].test(input)) {
    if (PAST_DUE[lang].test(input)) return { kind: 'past_due' };
    if (PAYOFF[lang].test(input)) return { kind: 'payoff' };
    if (AMOUNT_DUE[lang].test(input)) return { kind: 'amount_due' };
  }

  if (runs.length !== 1) return { kind: 'none' };
  const [run] = runs as [Run];
  if (!onlyFiller(input, run, lang)) return { kind: 'none' };
  // "un pago", "a payment", "one of them": a lone article is not an amount unless it is money.
  if (run.items.length === 1 && run.items[0]!.words && /^(?:un|una|uno|a|an|one)$/.test(input.slice(run.items[0]!.start, run.items[0]!.end).trim())) {
    return { kind: 'none' };
  }
  return single([readRun(run, ctx)]);
}

const DIGIT_WORDS: Record<NluLocale, string> = {
  en: 'zero|oh|one|two|three|four|five|six|seven|eight|nine',
  es: 'cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve',
};
const DIGIT_VALUE: Record<string, string> = {
  zero: '0', oh: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
  cero: '0', uno: '1', dos: '2', tres: '3', cuatro: '4', cinco: '5', seis: '6', siete: '7', ocho: '8', nueve: '9',
};

/**
 * A sum read out digit by digit with its point ("three five six point nine
 * zero", "tres cinco seis punto nueve cero", "356 point 90") as written
 * digits ("356.90"), for the readers below.
 */
function decimalsReadOut(input: string, lang: NluLocale): string {
  const digit = `(?:${DIGIT_WORDS[lang]}|\\d)`;
  const point = lang === 'es' ? 'punto' : 'point';
  const spoken = new RegExp(`\\b((?:${digit}[\\s-]+){0,5}${digit}|\\d+)\\s+${point}\\s+(${digit}(?:[\\s-]+${digit})?|\\d{1,2})\\b`, 'g');
  const toDigits = (words: string) => words.split(/[\s-]+/).map((w) => DIGIT_VALUE[w] ?? w).join('');
  // Only a whole read out digit by digit: "three fifty six point nine" is not "six point nine".
  const afterANumber = lang === 'es' ? /(?:enta|einte|ientos|cien|mil|diez|once|doce|trece|catorce|quince|dieci\w+|veinti\w+|\sy)\s*$/ : /(?:teen|ty|hundred|thousand|ten|eleven|twelve|and)\s*$/;
  return input.replace(spoken, (m: string, whole: string, cents: string, offset: number) =>
    afterANumber.test(input.slice(0, offset)) ? m : `${toDigits(whole)}.${toDigits(cents).padEnd(2, '0')}`,
  );
}

function single(readings: RunReading[]): AmountReading {
  if (readings.includes('invalid')) return { kind: 'none' };
  if (readings.includes('too_precise')) return { kind: 'too_precise' };
  const distinct = [...new Set(readings as number[])];
  // Two different amounts ("$100 or $200") is not an answer; ask again.
  if (distinct.length !== 1) return { kind: 'none' };
  return { kind: 'cents', cents: distinct[0] as number };
}

/** Numbers in the text, written with digits or in words, in order. */
function numberItems(input: string, lang: NluLocale): NumberItem[] {
  const items: NumberItem[] = [];
  // Digits standing alone: not part of a VIN ("2HGFE2F5"), a model ("F-150")
  // or an ordinal ("15th", "1ro").
  const digits = /(\$\s*)?(?<![a-z0-9ñ.,-])(\d[\d.,]*\d|\d)(?![a-z0-9ñ]|[.,]\d)/g;
  for (const m of input.matchAll(digits)) {
    const token = m[2] ?? '';
    // "021000021", "0005": a number led by a zero is an identifier (a routing number, a last four), never a sum.
    if (!m[1] && /^0\d/.test(token)) continue;
    const start = (m.index ?? 0) + (m[1]?.length ?? 0);
    const read = writtenAmountToken(token);
    if (!read || read.kind === 'none') continue;
    items.push({
      start,
      end: start + token.length,
      value: read.kind === 'amount' ? Math.floor(read.cents / 100) : 0,
      cents: read.kind === 'amount' ? read.cents : 'too_precise',
      words: false,
      ohPrefix: false,
      currency: Boolean(m[1]),
      centsUnit: false,
    });
  }

  // Words: the recognizer sees the text with the digits hidden (they are read
  // above), and with the Spanish "con" that joins dollars to cents replaced by
  // a stop so "doscientos con cinco" is not read as 200.5.
  let masked = input.replace(/\d/g, '#');
  if (lang === 'es') masked = masked.replace(POINT_ES, ';;.').replace(CENTS_JOINER_ES, ';;;');
  for (const m of numberMentions(masked, lang)) {
    if (/[#;]/.test(m.text)) continue;
    const value = mentionValue(m, lang);
    if (value === null || value < 0) continue;
    const cents = Math.round(value * 100);
    const start = m.start;
    const end = m.end + 1;
    const before = input.slice(0, start);
    items.push({
      start,
      end,
      value: Math.floor(value),
      cents: Math.abs(value * 100 - cents) > 1e-6 ? 'too_precise' : cents,
      words: true,
      ohPrefix: false,
      currency: /\$\s*$/.test(before),
      centsUnit: false,
    });
  }
  items.sort((a, b) => a.start - b.start);
  for (const item of items) {
    const after = input.slice(item.end);
    if (CURRENCY_AFTER.test(after)) item.currency = true;
    if (!item.words && WITH_CENTS.test(input.slice(item.start, item.end))) item.currency = true;
    if (CENTS_AFTER.test(after)) item.centsUnit = true;
  }
  return items;
}

interface Run {
  items: NumberItem[];
  /** Index i is true when items[i] and items[i+1] are joined by "con"/"and … cents"/"dollars and": cents follow. */
  centsJoin: boolean[];
  start: number;
  end: number;
}

// What may stand between two numbers of one amount: nothing ("two fifty"),
// "and", "oh" ("two oh five"), or the currency word and a joiner ("two
// hundred dollars and fifty cents", "doscientos dólares con cincuenta").
const GAP_PLAIN: Record<NluLocale, RegExp> = {
  en: /^\s*(?:and\s+)?(?:oh\s+|o\s+)?$/,
  es: /^\s*$/,
};
const GAP_CENTS: Record<NluLocale, RegExp> = {
  en: /^\s*(?:dollars?|bucks?)?\s*(?:and|,)\s*$|^\s*(?:dollars?|bucks?)\s*$/,
  es: /^\s*(?:dolares|dolar)?\s*(?:;;;|;;\.|con|y|,)\s*$|^\s*(?:dolares|dolar)\s*$/,
};

/** What joins dollars to cents in Spanish: "quinientos ochenta y nueve con diez", or a point said aloud ("… punto diez"). */
const CENTS_JOINER_ES = /\bcon\b/g;
const POINT_ES = /\bpunto\b/g;

function groupRuns(input: string, items: NumberItem[], lang: NluLocale): Run[] {
  const runs: Run[] = [];
  const masked = lang === 'es' ? input.replace(POINT_ES, ';;.').replace(CENTS_JOINER_ES, ';;;') : input;
  for (const item of items) {
    const last = runs[runs.length - 1];
    const prev = last?.items[last.items.length - 1];
    if (last && prev && !prev.centsUnit) {
      const gap = masked.slice(prev.end, item.start);
      const joinsCents = GAP_CENTS[lang].test(gap) && (item.centsUnit || /;;[;.]|con/.test(gap) || /dollar|dolar/.test(gap));
      if (joinsCents && gap.includes(';;.')) item.afterPoint = true;
      // "two hundred and fifty dollars and 75 cents" joins; "200 300" does not.
      const saidOh = /\b(?:oh|o)\b/.test(gap);
      const plain = GAP_PLAIN[lang].test(gap) && prev.words && item.words && !prev.currency && (!saidOh || item.value <= 9);
      if (joinsCents || plain) {
        if (!joinsCents && saidOh) item.ohPrefix = true;
        last.items.push(item);
        last.centsJoin.push(joinsCents);
        last.end = item.end;
        continue;
      }
    }
    runs.push({ items: [item], centsJoin: [], start: item.start, end: item.end });
  }
  return runs;
}

/** Cents for one run of numbers, applying how amounts are said aloud. */
function readRun(run: Run, ctx: AmountContext): RunReading {
  const { items, centsJoin } = run;
  if (items.some((i) => i.cents === 'too_precise')) return items.length === 1 ? 'too_precise' : 'invalid';
  const first = items[0];
  if (!first) return 'invalid';
  if (items.length === 1) {
    if (first.centsUnit) return first.cents as number >= 100 * 100 ? 'invalid' : first.value;
    return first.cents as number;
  }
  const last = items[items.length - 1] as NumberItem;
  // "X dollars and Y cents", "X con Y (centavos)", "X Y cents".
  if (last.centsUnit || centsJoin[centsJoin.length - 1]) {
    if (last.value > 99 || last.cents !== last.value * 100) return 'invalid';
    const dollars = readRun({ ...run, items: items.slice(0, -1), centsJoin: centsJoin.slice(0, -1) }, ctx);
    if (typeof dollars !== 'number' || dollars % 100 !== 0) return 'invalid';
    return dollars + (last.afterPoint && last.value <= 9 ? last.value * 10 : last.value);
  }
  if (!items.every((i) => i.words && i.cents === i.value * 100)) return 'invalid';
  const values = items.map((i) => i.value);
  const pair = (i: NumberItem): boolean => i.ohPrefix || (i.value >= 10 && i.value <= 99);
  if (items.length === 2) {
    const [a, b] = values as [number, number];
    const second = items[1] as NumberItem;
    // "two fifty" is $250, "two oh five" $205.
    if (a >= 1 && a <= 9 && pair(second)) return (a * 100 + b) * 100;
    // "twelve fifty": $1,250 unless only $12.50 fits the account.
    if (a >= 10 && a <= 99 && pair(second)) {
      const asDollars = (a * 100 + b) * 100;
      const asCents = a * 100 + b;
      return ctx.payoffCents > 0 && asDollars > ctx.payoffCents && asCents <= ctx.payoffCents ? asCents : asDollars;
    }
    // "a hundred and twelve thirty six" is $112.36.
    if (a >= 100 && b >= 1 && b <= 99 && !second.ohPrefix) return a * 100 + b;
    if (a >= 100 && second.ohPrefix) return a * 100 + b;
    return 'invalid';
  }
  if (items.length === 3) {
    // "four twelve thirty six" is $412.36.
    const [a, b, c] = values as [number, number, number];
    if (a >= 1 && a <= 9 && pair(items[1] as NumberItem) && c <= 99) return (a * 100 + b) * 100 + c;
    return 'invalid';
  }
  return 'invalid';
}

function onlyFiller(input: string, run: Run, lang: NluLocale): boolean {
  const rest = `${input.slice(0, run.start)} ${input.slice(run.end)}`
    .replace(/\$/g, ' ')
    .replace(/[.,'-]+(?=\s|$)/g, ' ');
  const tokens = rest.match(/[a-zñ]+(?:'[a-z]+)?|\d+|[^\s]/g) ?? [];
  const filler = FILLER[lang];
  return tokens.every((t) => filler.has(t) || /^[.,;?!¿¡]+$/.test(t));
}
