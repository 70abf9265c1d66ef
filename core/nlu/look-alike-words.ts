import type { IntentName, NluLocale } from './intents';
import { foldText } from './text';

/**
 * Requests that are easily taken for a payment by the classifier ("I need to
 * pay on my car loan" read as a payoff quote, "quiero programar un pago para
 * dentro de dos meses" as an extra payment, "can I pay from a different bank
 * account?" as bank bill pay), and the words each one cannot do without.
 * Matched on the folded text (lower case, no accents), in either
 * language: customers mix them.
 */
const OWN_WORDS: Partial<Record<IntentName, Record<NluLocale, RegExp>>> = {
  payoff_quote: {
    en: /\b(?:off|payoff|pay-off|payof|buy ?out|outright|whole|entire|remaining|left on|left to|rest of|in full|full balance|close (?:out )?(?:the |my )?(?:loan|account)|own (?:it|the|my)|principal|total|finish|done with|refinanc\w*|trad(?:e|ing)|sell\w*|dealer)\b/,
    es: /\b(?:liquid\w*|sald\w*|total\w*|restante|resto|falta|queda|payoff|cancelar (?:el|mi) (?:prestamo|credito)|terminar de pagar|quedarme con|toda la deuda|todo lo que debo|comprar)\b/,
  },
  payment_options: {
    en: /\b(?:ways?|how (?:can|do|to|would)|options?|methods?|where|accept\w*|by (?:phone|mail|check|card)|mail\w*|check|card|western union|moneygram|cash|in person|store|app|zelle|venmo|paypal|apple pay)\b/,
    es: /\b(?:formas?|maneras?|como (?:puedo|pago|se|le)|opciones|metodos?|donde|aceptan|por (?:telefono|correo)|cheque|tarjeta|efectivo|en persona|tienda|western|moneygram)\b/,
  },
  extra_payment: {
    en: /\b(?:extra|additional|more than|principal|over the|above|on top|double|twice|ahead|early)\b/,
    es: /\b(?:extra|adicional|mas de|mas del|capital|principal|encima|doble|adelant\w*|anticipad\w*)\b/,
  },
  bill_pay: {
    en: /\b(?:bill ?pay\w*|bil pay|billpay|bill payment|online banking|banking|payee|biller|bank'?s (?:website|site|app|online|pay)|bank (?:website|site|app)|(?:through|via|thru) (?:my|the|your) (?:bank|credit union)|my bank (?:send|sends|sent|will|to send|pay|pays|mail)|credit union|let my bank|have my bank|chase|wells fargo)\b/,
    es: /\b(?:bill ?pay|billpay|pago de (?:facturas|cuentas|servicios)|pagar (?:facturas|cuentas)|banca|beneficiario|pagina (?:de|del) (?:mi )?banco|app (?:de|del) (?:mi )?banco|(?:a traves|por medio) de mi banco|mi banco (?:manda|envi\w*|mande)|cooperativa|wells fargo|desde mi banco|por mi banco|pagar por internet|agregarlos|agrego)\b/,
  },
  deferral: {
    en: /\b(?:defer\w*|skip\w*|extension|extend|later|more time|push|postpone|delay|hold off|holiday|forbearance|late|next month|few (?:extra )?days|end of the loan|tack)\b/,
    es: /\b(?:diferir|prorroga|extension|extender|despues|mas tiempo|posponer|aplazar|atrasar|saltar|brincar|mas tarde|mes que viene|proximo mes|retras\w*|aplazamiento)\b/,
  },
  phone_payment: {
    en: /\b(?:phone|call\w*|telephone|aci|automated line|over the line)\b/,
    es: /\b(?:telefono|llam\w*|aci|linea telefonica)\b/,
  },
  pay_by_text: {
    en: /\b(?:text\w*|sms|messag\w*|reply|replying|code)\b/,
    es: /\b(?:texto|mensaje\w*|sms|respond\w*|codigo|whats\w*)\b/,
  },
};
OWN_WORDS.pay_payoff = OWN_WORDS.payoff_quote;

/** Intents that are taken for a payment only when the words say so. */
export const PAYMENT_LOOK_ALIKES: readonly IntentName[] = Object.keys(OWN_WORDS) as IntentName[];

/**
 * Requests taken for a question about the amount due that cannot do without
 * their own words either: moving the Auto Pay day is never asked without a
 * day, a date or a move ("how much do we owe this month and is that coming out
 * automatically" is the amount due).
 */
const OTHER_OWN_WORDS: Partial<Record<IntentName, Record<NluLocale, RegExp>>> = {
  autopay_change_day: {
    en: /\b(?:day|date|\d+(?:st|nd|rd|th)?|first|second|third|\w+teenth|\w+tieth|move|moving|change|changing|switch\w*|earlier|later|different)\b/,
    es: /\b(?:dia|fecha|\d+|cambi\w*|mover|muev\w*|recorr\w*|pas\w+ (?:para|al)|otro)\b/,
  },
};

/**
 * Whether a payment look-alike (or another request that needs its own words)
 * is read without any of the words it cannot do without (in either
 * language); false for every other intent.
 */
export function lacksItsOwnWords(intent: IntentName, text: string): boolean {
  const words = OWN_WORDS[intent] ?? OTHER_OWN_WORDS[intent];
  if (!words) return false;
  const folded = foldText(text);
  // "Schedule my Jeep payment for later": a payment set for a day ahead, unless putting it off is said outright.
  if (intent === 'deferral' && SCHEDULING.test(folded)) return !OUTRIGHT_DEFERRAL.test(folded);
  return !words.en.test(folded) && !words.es.test(folded);
}

/** "Schedule my payment for later": a payment set for a day ahead, with no word of putting it off. */
export function schedulesAPayment(text: string): boolean {
  const folded = foldText(text);
  return SCHEDULING.test(folded) && !OUTRIGHT_DEFERRAL.test(folded);
}

/**
 * A payment said in so many words ("vengo a abonar al carro", "want to put
 * some money toward the jeep"): what an extra payment read without its own
 * words was, in either language.
 */
export function paysInSoManyWords(text: string): boolean {
  return PAYING.test(foldText(text));
}

/**
 * Paying the loan off in so many words ("let's pay that off today", "quiero
 * liquidarlo hoy"), in either language: the payoff, not a payment of some sum.
 */
export function paysItOff(text: string): boolean {
  return PAYS_IT_OFF.test(foldText(text));
}

const PAYS_IT_OFF = /\b(?:pay(?:ing)?\s+(?:it|that|this|them|the\s+(?:loan|car|truck|lease|whole\s+thing|rest|balance)|(?:my|the)\s+\w+)\s+off|pay\s+off\s+(?:the|my)\s+(?:loan|car|truck|balance)|liquidar\w*|saldar\w*|terminar de pagar\w*)\b/;

const PAYING = /\b(?:pay|paying|make a payment|put (?:some |a little )?(?:money|cash) (?:toward|towards|into|on|in)|abon\w*|pagar\w*|pagarle|hacer (?:un|el|mi) pago|dar (?:un|el) pago)\b/;

/** Setting a payment for a day ahead, in either language. */
const SCHEDULING = /\b(?:schedul\w*|set up a payment|programar|programo|programe|agendar|agende)\b/;
/** Putting a payment off in so many words, in either language. */
const OUTRIGHT_DEFERRAL =
  /\b(?:defer\w*|skip\w*|extension|extend|postpone|forbearance|push (?:back|out)|diferir|prorroga|extension|extender|posponer|aplazar|saltar\w*|brincar\w*)\b/;
