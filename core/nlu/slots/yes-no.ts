import type { NluLocale } from '../intents';
import { readCorrection } from './correction';
import { fundingMention } from './funding';
import { fold } from './text';

type Tag = 'yes' | 'no' | 'unsure';

const WORDS: Record<NluLocale, Record<Tag, string[]>> = {
  en: {
    yes: [
      'yes', 'yes please', 'yeah', 'yea', 'yep', 'yup', 'sure', 'sure thing', 'of course', 'ok', 'okay', 'correct',
      "that's correct", 'thats correct', "that's right", 'thats right', 'exactly', 'absolutely', 'definitely',
      'affirmative', 'go ahead', 'go for it', 'do it', 'please do', 'confirm', 'confirmed', 'i confirm',
      'sounds good', 'that works', 'perfect', 'alright', 'all right', 'proceed', 'uh huh', 'mhm', "let's do it",
      'lets do it', 'you got it', 'no problem', 'why not', 'yes sir', "yes ma'am", 'please', '👍',
    ],
    no: [
      'no', 'nope', 'nah', 'negative', 'not yet', 'not now', 'no thanks', 'no thank you', "don't", 'dont', 'do not',
      'wait', 'hold on', 'hang on', 'stop', 'cancel', 'never mind', 'nevermind', 'not right', "that's not right",
      'thats not right', 'incorrect', 'wrong', "that's wrong", 'not correct', 'hold off', 'not really', 'no way',
      'not today', "don't do it", 'dont do it', 'do not do it', "don't do that", 'absolutely not', 'of course not', 'definitely not', '👎',
    ],
    unsure: ["i don't know", 'i dont know', 'not sure', "i'm not sure", 'maybe', 'perhaps', 'idk', 'possibly', 'dunno'],
  },
  es: {
    yes: [
      'si', 'si por favor', 'si adelante', 'claro', 'claro que si', 'por supuesto', 'orale', 'dale', 'esta bien',
      'ok', 'okey', 'vale', 'adelante', 'correcto', 'es correcto', 'asi es', 'exacto', 'exactamente', 'de acuerdo',
      'perfecto', 'hazlo', 'andale', 'eso es', 'confirmo', 'afirmativo', 'simon', 'listo', 'sin problema',
      'no hay problema', 'como no', 'por favor', 'procede', 'sale', 'aja', 'ese mero', 'eso mero', 'andale pues', '👍',
    ],
    no: [
      'no', 'nop', 'nel', 'negativo', 'todavia no', 'aun no', 'mejor no', 'espera', 'esperate', 'espere',
      'ahorita no', 'ahora no', 'no gracias', 'para nada', 'cancela', 'cancelar', 'alto', 'detente', 'no lo hagas',
      'incorrecto', 'no es correcto', 'esta mal', 'equivocado', 'de ninguna manera', 'claro que no', 'hoy no', '👎',
    ],
    unsure: ['no se', 'no estoy seguro', 'no estoy segura', 'tal vez', 'quizas', 'quiza', 'a lo mejor', 'puede ser'],
  },
};

// Said alone these answer the question; inside a sentence they mean other things ("va a ser", "ya pagué").
const ALONE_ONLY: Record<NluLocale, Record<string, Tag>> = {
  en: { k: 'yes', right: 'yes', fine: 'yes', ya: 'yes', yah: 'yes', nay: 'no' },
  es: { va: 'yes', ya: 'yes', bueno: 'yes', sip: 'yes', nel: 'no' },
};

function escape(phrase: string): string {
  return phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s,]+').replace(/'/g, "'?");
}

const MATCHERS: Record<NluLocale, { re: RegExp; tags: Tag[] }> = { en: build('en'), es: build('es') };

function build(lang: NluLocale): { re: RegExp; tags: Tag[] } {
  const entries = (Object.entries(WORDS[lang]) as Array<[Tag, string[]]>)
    .flatMap(([tag, list]) => list.map((p) => ({ tag, p })))
    .sort((a, b) => b.p.length - a.p.length);
  // One alternation, longest first, so "no problem" is read before "no" and "not sure" before "sure".
  const re = new RegExp(`(?<![a-z0-9])(?:${entries.map((e) => `(${escape(e.p)})`).join('|')})(?![a-z0-9])`, 'g');
  return { re, tags: entries.map((e) => e.tag) };
}

/**
 * A question put in more than a few words ("si pago en Western Union, ¿me
 * cobran algo?", "if I say yes, when does it go out?"), or spoken without
 * its question mark but opened as one ("wait is there like a fee for doing
 * it this way"): not a yes or a no, whatever "si", "yes" or "wait" is in it.
 */
export function putsAQuestion(text: string): boolean {
  if (text.trim().split(/\s+/).length <= 3) return false;
  return /[?¿]/.test(text) || OPENS_A_QUESTION.test(fold(text));
}

// How a spoken question opens, after a "wait" or a filler or two.
const OPENS_A_QUESTION =
  /^(?:(?:wait|hold on|hang on|um|uh|so|and|oh|ok|okay|hey|espere|espera|oiga|oye|y|pero|eh|este|mire|ah)[\s,]+)*(?:is there|are there|is it|is that|do you|does it|does that|will it|will there|will you|can i|could i|how much|how long|how do|what|when|where|why|which|hay algun|hay cargo|cuanto|cuanta|cuando|donde|por que|que pasa|me cobran|cobran|se puede|puedo|es gratis|tiene (?:algun )?(?:costo|cargo))\b/;

/**
 * Reads a yes or no, with the hedges people use: "sure, go ahead", "yes
 * please", "yep", "that's right", "do it", "sí, adelante", "claro", "órale",
 * "dale", "está bien"; "no, not yet", "nope", "don't", "wait", "no espera",
 * "todavía no", "mejor no". Null when the answer is neither, unsure ("not
 * sure", "no sé"), says both, or is a correction ("no wait, make it $150")
 * that the caller should read with {@link readCorrection}.
 */

export function readYesNo(text: string, locale: NluLocale): boolean | null {
  const lang: NluLocale = locale === 'es' ? 'es' : 'en';
  const input = fold(text);
  if (!input) return null;
  const correction = readCorrection(text, lang);
  // "No, no, espere, mejor sí lo termino": a no that stops the speaker short is the answer, unless a new value follows it.
  // A bank named after it ("no espere, mejor de mi cuenta nueva") is such a value.
  if ((!correction || !correction.slot) && STOPPED_SHORT.test(input) && !/\d/.test(input) && !NUMBER_WORD.test(input) && !fundingMention(text, lang)) return false;
  if (correction && (correction.slot || correction.value)) return null;

  // "Ah no, si ya está pagado entonces no", "oh if it's paid then yes": the verdict that closes the answer is the answer.
  const verdict = CLOSING_VERDICT.exec(input)?.[1];
  if (verdict) return verdict === 'si' || verdict === 'yes';

  let seen = tagsIn(input, lang);
  // "Sí, por favor" where the question was put in English (a call answered in the other language): a short
  // answer in the other language counts too.
  if (seen.size === 0 && input.split(/\s+/).length <= 3) seen = tagsIn(input, lang === 'es' ? 'en' : 'es');

  if (seen.has('unsure') || seen.size !== 1) return null;
  return seen.has('yes');
}

function tagsIn(input: string, lang: NluLocale): Set<Tag> {
  const { re, tags } = MATCHERS[lang];
  const seen = new Set<Tag>();
  for (const m of input.matchAll(re)) {
    const index = m.slice(1).findIndex((g) => g !== undefined);
    const tag = tags[index];
    if (tag) seen.add(tag);
  }
  const bare = input.replace(/[.,\s]+$/g, '');
  const alone = ALONE_ONLY[lang][bare];
  if (alone) seen.add(alone);
  return seen;
}

const CLOSING_VERDICT = /\b(?:entonces|pues|asi que|en ese caso|so|then|in that case)[\s,]+(si|no|yes)[\s.!]*$/;

const NUMBER_WORD =
  /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred|thousand|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|veinte|treinta|cuarenta|cincuenta|cien|ciento|cientos|mil|tomorrow|today|manana|hoy)\b/;
const STOPPED_SHORT = /^(?:no[\s,.!]+)+(?:wait|hold on|stop|espera|espere|esperese|momento|un momento|pare|para)\b/;
