import type { NluLocale } from '../intents';
import { fold } from './text';

/** The options the engine offers by a fixed value (buttons and keypad menus), which customers also name in words. */
export type OptionWord =
  | 'due'
  | 'other'
  | 'principal'
  | 'today'
  | 'later'
  | 'onfile'
  | 'card'
  | 'new'
  | 'bank'
  | 'checking'
  | 'savings'
  | 'agent'
  | 'restart';

// Matched anywhere in the lower-cased answer: "registrad" is "registrada" and "registrado", "espa" is "español".
const OPTION_WORDS: Record<NluLocale, Record<OptionWord, RegExp>> = {
  en: {
    due: /amount due|full amount|what i owe|what's due|total/i,
    other: /other|another|different/i,
    principal: /principal|extra/i,
    today: /today|now/i,
    later: /later|another day|other date|future/i,
    onfile: /on file|same|that one|ending/i,
    card: /card|debit|credit|\bamex\b|\bvisa\b|mastercard/i,
    new: /new|different|another/i,
    bank: /\bbank\b|checking|savings|\bach\b|e-?check/i,
    checking: /checking/i,
    savings: /savings/i,
    agent: /agent|person|human|representative|someone|somebody/i,
    restart: /start over|restart|again/i,
  },
  es: {
    due: /monto|cantidad adeudada|lo que debo|total/i,
    other: /otra|otro|distinta/i,
    principal: /principal|extra|capital|adicional/i,
    today: /hoy|ahora/i,
    later: /otro d[ií]a|otra fecha|despu[eé]s|m[aá]s tarde/i,
    onfile: /registrad|archivo|misma|esa/i,
    card: /tarjeta|d[eé]bito|cr[eé]dito|\bamex\b|\bvisa\b|mastercard/i,
    new: /nueva|otra/i,
    bank: /banco|bancari|cheques|ahorro|checking/i,
    checking: /cheques|corriente/i,
    savings: /ahorro/i,
    agent: /agente|persona|representante|alguien/i,
    restart: /empezar|de nuevo|reiniciar/i,
  },
};

/** A question about an option, opened (after a filler or two) the way questions open, in either language. */
const ASKS_ABOUT_AN_OPTION =
  /^(?:(?:oiga|oye|mire|y|and|so|um|uh|eh|este|pues|ok|okay|hey)\s+)*(?:how much|how do|what|do you|does|is there|are there|will (?:it|you|there)|cuanto|como|que (?:cobran|cuesta|pasa|hay)|me cobran|cobran|hay (?:algun|cargo|comision)|se puede|tiene (?:algun|cargo|costo)|tienen)\b/;

/** How each language names the two languages the assistant speaks. */
const LANGUAGE_NAMES: Record<NluLocale, Record<NluLocale, RegExp>> = {
  en: { en: /english/i, es: /spanish/i },
  es: { en: /ingl/i, es: /espa|castellano/i },
};

/** How each language names a Social Security number or Tax ID. */
const TAX_ID_NAMES: Record<NluLocale, RegExp> = {
  en: /\b(?:ssn|social|tax ?id|itin|ein)\b/i,
  es: /\b(?:seguro social|fiscal|itin|ein)\b/i,
};

const LOCALES: readonly NluLocale[] = ['en', 'es'];

function isOptionWord(value: string): value is OptionWord {
  return Object.hasOwn(OPTION_WORDS.en, value);
}

function isLocale(value: string): value is NluLocale {
  return (LOCALES as readonly string[]).includes(value);
}

function names(text: string, patterns: (lang: NluLocale) => RegExp): boolean {
  return LOCALES.some((lang) => patterns(lang).test(text));
}

/**
 * Which of the offered options the words name ("the amount due", "otra
 * fecha", "savings", "a person"): the first, in the order offered, that the
 * words of either language name. Customers mix the two ("la checking"), so
 * both count whatever the conversation's language. An option offered as a
 * language (`en`, `es`) is named by that language's name. Null when the words
 * name none of them.
 */
export function readOptionWord(text: string, values: readonly string[]): string | null {
  // "Oiga, ¿y me cobran algo por pagar con tarjeta?": an option named inside a question is not picked.
  if (ASKS_ABOUT_AN_OPTION.test(fold(text))) return null;
  const lower = text.toLowerCase();
  for (const value of values) {
    if (isOptionWord(value) && names(lower, (lang) => OPTION_WORDS[lang][value])) return value;
    if (isLocale(value) && names(lower, (lang) => LANGUAGE_NAMES[lang][value])) return value;
  }
  return null;
}

/**
 * The language the words name ("Spanish", "en español", "castellano",
 * "inglés"); null when they name neither, or both ("¿se puede en inglés? mi
 * hijo no lee bien el español": the caller of this decides from context).
 */
export function readLanguageName(text: string): NluLocale | null {
  const spanish = names(text, (lang) => LANGUAGE_NAMES[lang].es);
  const english = names(text, (lang) => LANGUAGE_NAMES[lang].en);
  if (spanish === english) return null;
  return spanish ? 'es' : 'en';
}

const SWITCH_LANGUAGE =
  /\b(?:switch|change|go|move|continue|speak|talk|write|answer|respond|cambia\w*|habla\w*|sigamos|seguir|sigue|continu\w*|escrib\w*|conteste\w*|respond\w*|pasa\w*)\b[^.?!¿¡]{0,30}?\b(?:to|in|into|a|al|en)\s+(english|ingles|spanish|espanol)\b|\b(?:in|en)\s+(english|ingles|spanish|espanol)\s*(?:please|por\s*favor)\b|\b(?:se puede|puede ser|podemos|podria|can we|could we|can you|could you|can i)\b[^.?!¿¡]{0,20}?\b(?:in|en)\s+(english|ingles|spanish|espanol)\b/;

/**
 * A language asked for in so many words, inside any sentence ("sorry, can we
 * switch to spanish?", "¿podemos seguir en inglés?"), in either language.
 */
export function languageAskedFor(text: string): NluLocale | null {
  const folded = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const m = SWITCH_LANGUAGE.exec(folded);
  const name = m?.[1] ?? m?.[2] ?? m?.[3];
  if (!name) return null;
  return name === 'english' || name === 'ingles' ? 'en' : 'es';
}

/** Words that ask for something by email ("can you email me updates?", "mándemelas por correo"), not refusing it. */
export function asksForEmail(text: string): boolean {
  const folded = fold(text);
  return /\b(?:e-?mail|correo)/.test(folded) && !/\b(?:no|not|don'?t|nunca|never)\b/.test(folded);
}

const PRINCIPAL = /\b(?:principal|capital)\b/;
const EXTRA = /\b(?:extra|more|additional|adicional|de mas|mas)\b/;
/** A question about paying extra ("can I…?", "¿se puede…?", "I want to know if…"), not a request to do it. */
const ASKS_WHETHER =
  /^(?:(?:and|so|but|ok|okay|y|pero|entonces|oye)\s+)?(?:can|could|may|how|is|are|do|does|what|why|when|will|puedo|puede|podria|se puede|como|es posible|cual|hay)\b|\b(?:know|wondering|saber|what if|and if|y si|que tal si)\b/;
/** Paying the whole loan off ("pay off the principal balance", "liquidar todo el capital") is a payoff, not an extra payment. */
const PAYS_IT_OFF = /\b(?:off|payoff|whole|entire|remaining|rest|full|balance|liquid\w*|saldo|todo|total|resto)\b/;
const WANTS_TO_PAY =
  /\b(?:i want|i'?d like|i would like|i need|i wanna|let me|put|apply|send|make|pay|paying|quiero|quisiera|necesito|me gustaria|voy a|pon\w*|aplic\w*|abon\w*|mand\w*|pag\w*)\b/;
const PAY = /\b(?:pay|paying|payment|put|apply|pagar|pagarle|pago|abon\w*)\b/;
/** Wanting, in so many words: "pay" alone says no more than the question would. */
const WANTS = /\b(?:i want|i'?d like|i would like|i need|i wanna|let me|i'?m going to|gonna|quiero|quisiera|necesito|me gustaria|voy a)\b/;

/**
 * An extra payment asked for, not asked about: toward principal ("I want to
 * pay extra on the civic, put it towards principal", "quiero abonar 300 a
 * capital"), or more than is due ("I want to pay extra on my car"); null for
 * a question about it ("can I pay toward principal?") or a payoff. In either
 * language.
 */
export function extraPaymentAskedFor(text: string): 'principal' | 'extra' | null {
  const folded = fold(text);
  if (ASKS_WHETHER.test(folded) || /^\s*¿|\?\s*$/.test(text) || PAYS_IT_OFF.test(folded)) return null;
  if (PRINCIPAL.test(folded) && WANTS_TO_PAY.test(folded)) return 'principal';
  if (EXTRA.test(folded) && WANTS.test(folded) && PAY.test(folded)) return 'extra';
  return null;
}

/** Paying somewhere else ("with a debit card at a Walmart", "en una tienda"): a question about paying in a store. */
const AT_A_STORE = /\b(?:at|en)\b.{0,12}\b(?:walmart|stores?|tiendas?|cvs|walgreens|kroger|retail\w*|supermarket|supermercado|7-eleven|dollar general)\b/;
const CARD_WORDS = /\b(?:card|tarjeta|debit|debito|credit|credito|visa|mastercard)\b/;
/** Words about what paying costs: a card payment asked about ("is there a fee to pay by card?"). */
const ABOUT_COST = /\b(?:fee|fees|charge|charges|cost|costs|extra charge|cobr\w*|cargo|cargos|cuesta|cuestan|comision\w*)\b/;

/**
 * A payment by card asked for, not asked about: "pay my civic with a debit
 * card", "quiero pagar con tarjeta de débito"; false for a question ("can I
 * pay by card?", "¿me cobran por pagar con tarjeta?"). In either language.
 */
export function cardPaymentAskedFor(text: string): boolean {
  const folded = fold(text);
  if (ASKS_WHETHER.test(folded) || /^\s*¿|\?\s*$/.test(text) || ABOUT_COST.test(folded) || AT_A_STORE.test(folded)) return false;
  return CARD_WORDS.test(folded) && WANTS_TO_PAY.test(folded) && PAY.test(folded);
}

// What this way of paying costs, asked now ("me cobran", "is there a fee"), never a charge already made ("me cobraron", "charged me").
const COSTS_NOW = /\b(?:fee|fees|cost|costs|does it cost|charge (?:me|anything|extra)|(?:do|will) you charge|cobran|cobra|cobrarian|cobraran|cuesta|cuestan|tiene (?:algun )?(?:costo|cargo)|hay (?:algun )?(?:costo|cargo|comision))\b/;
const CHARGED_ALREADY = /\b(?:cobraron|cobro|charged|billed)\b/;
/** Where the customer is paying: here, this way, on this call or chat. */
const THIS_WAY = /\b(?:here|this way|like this|this line|this call|online|in (?:the )?chat|by chat|aqui|aca|asi|por aqui|por este medio|por esta linea|por el chat|en linea|por internet)\b/;

/**
 * A question about what paying here costs ("oiga y por pagar así por aquí me
 * cobran algo", "is there a fee to pay here?"), not a charge disputed and not
 * another service's fee (a card at a store, ACI by phone is named as such).
 * In the middle of a payment here, "y eso tiene algún cargo extra?" asks it
 * without saying where.
 */
export function asksWhatPayingHereCosts(text: string, paying = false): boolean {
  const folded = fold(text);
  if (!COSTS_NOW.test(folded) || CHARGED_ALREADY.test(folded) || AT_A_STORE.test(folded) || /\b(?:aci|checkfree\w*|western union|moneygram)\b/.test(folded)) return false;
  // A card named is a question about paying by card, which its own answer takes.
  return THIS_WAY.test(folded) || (paying && !/\b(?:card|tarjeta|debit|debito|credit|credito)\b/.test(folded));
}

// Whether looking at the score hurts it: "si me meto a ver mi score de fico eso me baja el credito?", "does checking my fico lower my score".
const THE_SCORE = /\b(?:fico|credit score|score|puntaje|credito|credit)\b/;
const HURTS_IT = /\b(?:lower\w*|hurt\w*|affect\w*|impact\w*|ding\w*|drop\w*|damag\w*|go(?:es)? down|hard (?:pull|inquiry)|baja\w*|afect\w*|perjudic\w*|dana\w*|danar|perjuicio|disminu\w*|quita\w* puntos)\b/;
const LOOKING = /\b(?:check\w*|look\w*|see|seeing|view\w*|pull\w*|ver|verlo|checar\w*|cheque\w*|revis\w*|consult\w*|mirar|me meto)\b/;

/** Whether looking at the FICO® Score lowers it, asked ("does checking my fico hurt my credit?"), in either language. */
export function asksIfLookingHurts(text: string): boolean {
  const folded = fold(text);
  // "Can i see my credit score thru you guys? does that ding my credit": the score asked for, which its answer says too.
  return THE_SCORE.test(folded) && HURTS_IT.test(folded) && LOOKING.test(folded) && !SEE_IT.test(folded);
}

const SEE_IT =
  /\b(?:can i (?:see|get|check|look at|view)|show me|what'?s my|what is my|tell me my|give me my|i (?:want|need|would like|'d like) to (?:see|know|check|get)|quiero (?:ver|saber|checar|consultar|conocer)|me (?:puede|pueden|podria|podrian) (?:dar|decir|mostrar|ensenar)|cual es mi|dame mi|deme mi)\b/;

// Where the account number or the VIN is found, asked: "where do i even find my account number", "¿dónde encuentro el VIN?".
const THE_NUMBERS = String.raw`(?:(?:my |the |mi |el |la )?(?:account (?:number|#|no)|acct (?:number|#|no)?|loan number|vin|vehicle identification(?: number)?|numero de (?:la )?cuenta|numero de(?:l)? prestamo|numero de identificacion(?: del vehiculo)?))`;
const WHERE_TO_FIND = new RegExp(
  String.raw`\b(?:where|how)\b.{0,25}\b(?:find|get|see|look up|locate|is|are)\b.{0,20}${THE_NUMBERS}\b|\b(?:don'?t|do not|dont) (?:have|know|remember) ${THE_NUMBERS}\b|\b(?:donde|como)\b.{0,25}\b(?:encuentro|veo|busco|saco|consigo|esta|viene|aparece|encontrar|ver|hallo)\b.{0,20}${THE_NUMBERS}\b|\bno (?:tengo|se|encuentro|me se|recuerdo) ${THE_NUMBERS}\b`,
);

/** Where the account number or the VIN is found, asked ("where do i find my account number?", "no tengo el número de cuenta"), in either language. */
export function asksWhereToFindTheNumber(text: string): boolean {
  return WHERE_TO_FIND.test(fold(text));
}

// Letters and other writing, and a language named: "¿me pueden mandar las cartas en español?".
const WRITTEN = /\b(?:letters?|mail|statements?|paperwork|documents?|notices?|correspondence|written|in writing|cartas?|correspondencia|estados? de cuenta|documentos?|avisos?|papeles|papeleria|por escrito)\b/;
const A_LANGUAGE = /\b(?:spanish|english|espanol|ingles)\b/;

/** In which language letters and statements come, asked ("can you send my letters in spanish?"), in either language. */
export function asksWhichLanguageWeWrite(text: string): boolean {
  const folded = fold(text);
  return WRITTEN.test(folded) && A_LANGUAGE.test(folded);
}

// The customer service number asked for ("what's the customer service phone number?", "¿y el número de servicio al cliente?").
const THE_NUMBER = /\b(?:(?:customer service|customer care|your|the|support)(?: phone)? (?:number|line|phone)|(?:phone )?number (?:to|i can|should i|do i) call|what number (?:do|can|should) i call|numero (?:de|del|para) (?:servicio al cliente|atencion al cliente|ustedes|llamar|telefono)|(?:numero de )?telefono (?:de|del|para) (?:servicio al cliente|atencion al cliente|ustedes|llamar)|a que numero (?:llamo|marco|les llamo|puedo llamar))\b/;
const ASKS_FOR_IT = /\b(?:what|whats|which|give me|can i (?:get|have)|do you have|is there|cual|cuál|me da|me das|dame|deme|tienen|hay|y el|y su|a que)\b|[?¿]/;
/** Being put through, not only told the number. */
const PUT_THROUGH = /\b(?:talk|speak|transfer|connect|put me through|call me|hablar|comunic\w*|transfier\w*|pas\w* con|conect\w*|llamen?me)\b/;

/**
 * The customer service number asked for, not a person ("what's the customer
 * service phone number?", "¿y el número de servicio al cliente?"), in either
 * language.
 */
export function asksForTheNumber(text: string): boolean {
  const folded = fold(text);
  // A number to pay by phone is the phone payments question's (ACI Payments), not this one.
  if (!THE_NUMBER.test(folded) || PUT_THROUGH.test(folded) || /\b(?:pay\w*|pag\w*|aci)\b/.test(folded)) return false;
  return ASKS_FOR_IT.test(folded) || /[?¿]/.test(text);
}

// A person asked for in so many words: a verb of talking or being put through, and who to.
const TALK_TO =
  /\b(?:talk|speak|chat|transfer|connect|put me (?:through|on)|get me|let me talk|hablar|platicar|comunic\w*|transfi\w*|pas(?:e|a|ar|eme|ame|arme)\s+con|conect\w*)\b.{0,30}\b(?:agent|person|human|(?:real |live )?(?:rep|representative)|someone|somebody|anyone|anybody|agente|persona|representante|asesor\w*|alguien|operador\w*)\b/;

/**
 * A person asked for in so many words ("can i talk to a real person about
 * moving my due date", "páseme con un asesor"), in either language: never
 * the answer to the question on screen, whatever else the words carry.
 */
export function asksForAPerson(text: string): boolean {
  return TALK_TO.test(fold(text));
}

// Not paying after all, said in so many words: "don't pay anything right now", "no, mejor no pague nada".
const CALLS_IT_OFF =
  /\b(?:(?:don'?t|do not|dont|no need to|not going to|won'?t|not gonna) (?:pay|make (?:a|the|any) payment|submit|send|process|schedule|charge)(?: (?:anything|it|that|this|any|the payment|nothing))?|(?:i )?(?:don'?t|do not|dont) want to pay (?:anything|nothing|right now|now|today|yet)|never ?mind (?:the|that) payment|no (?:pague|pagues|haga|hagas|procese|proceses|cobre|cobres|mande|mandes)(?: (?:nada|el pago|eso|ningun pago))?|no (?:quiero|voy a) (?:pagar|hacer el pago|hacer ningun pago) (?:nada|todavia|ahorita|ahora|hoy)|ya no (?:quiero|voy a) pagar|mejor no pago)\b/;

/** The payment called off in so many words ("no dont pay anything right now", "no pague nada todavía"), in either language. */
export function callsOffThePayment(text: string): boolean {
  return CALLS_IT_OFF.test(fold(text));
}

// A message that only acknowledges what was said: "ok sounds good", "perfecto", "ah ok entendido".
const ACKNOWLEDGES =
  /^(?:(?:ok(?:ay|ey|i)?|k|kk|oh|ah|alright|all right|cool|great|perfect|good|nice|awesome|excellent|fine|sounds good|got it|gotcha|understood|i see|makes sense|that works|will do|noted|va|vale|sale|orale|andale|perfecto|excelente|entendido|entiendo|bien|muy bien|esta bien|ta bien|bueno|de acuerdo|ya veo|claro|listo|genial|super)\b[\s,.!]*)+$/;

/** A message that only acknowledges the last answer ("ok sounds good", "perfecto"), in either language. */
export function acknowledges(text: string): boolean {
  return ACKNOWLEDGES.test(fold(text).trim());
}

/** Whether the words name a Social Security number or Tax ID ("my ssn is…", "mi seguro social es…"), in either language. */
export function namesTaxId(text: string): boolean {
  return names(text, (lang) => TAX_ID_NAMES[lang]);
}

const SSN_SHAPE = /(?<![\d-])\d{3}([\s.-])\d{2}\1\d{4}(?![\d-])/;
const NINE_DIGITS = /(?<![\p{L}\d-])(?:\d{3}[\s.-]?\d{2}[\s.-]?\d{4}|\d{2}-\d{7})(?![\p{L}\d-])/u;
/** The words around a tax ID that say what it is ("my ssn is", "mi número de seguro social es"), to take out with it. */
const TAX_ID_PHRASE =
  /(?:\b(?:my|mi|el|su|the)\s+)?\b(?:(?:n[uú]mero\s+de\s+)?seguro\s+social|social(?:\s+security)?(?:\s+number)?|ssn|tax\s*id(?:\s+number)?|itin|ein|(?:n[uú]mero\s+de\s+)?identificaci[oó]n\s+fiscal)\b(?:\s*(?:is|es|number|#|no\.?|:))*\s*$/i;

export interface TaxIdMention {
  /** The nine digits. */
  digits: string;
  /** The rest of the sentence, the number and the words that name it taken out. */
  rest: string;
}

/**
 * An SSN or Tax ID written inside a sentence: in the SSN's own shape
 * ("401-22-7788"), or any nine digits in a sentence that names it ("ssn
 * 401227788", "mi seguro social es 401 22 7788"); null otherwise.
 */
export function taxIdIn(text: string, anyNineDigits = false): TaxIdMention | null {
  const found = SSN_SHAPE.exec(text) ?? (anyNineDigits || namesTaxId(text) ? NINE_DIGITS.exec(text) : null);
  if (!found) return null;
  const before = text.slice(0, found.index).replace(TAX_ID_PHRASE, '');
  const rest = `${before} ${text.slice(found.index + found[0].length)}`.replace(/[\s,;:]+$/, '').replace(/\s+/g, ' ').trim();
  return { digits: found[0].replace(/\D/g, ''), rest };
}

/** Auto Pay named in so many words, in either language. */
const AUTO_PAY = /\b(?:auto ?pay|autopago|automatic payments?|auto(?:matic)? draft\w*|pagos? automaticos?|cobro automatico|domiciliacion|(?:cobr|descuent|sac|debit)\w* (?:en )?automatic\w*|(?:take|draft|pull|debit)\w* (?:it |the payment |them )?(?:out )?automatically)\b/;
const STOPS_IT = /\b(?:turn(?:ing)? off|shut off|switch off|stop(?:s|ped|ping)?(?! (?:forgetting|worrying|missing|paying late|being late|having to))|cancel\w*|end(?! of)|quit|remove|disable|unenroll|opt out|quit\w*|parar|pare|detener|deten\w*|suspend\w*|desactiv\w*|dar de baja|ya no (?:lo |la |me |nos )?(?:quiero|queremos|necesito|necesitamos|deseo|deseamos|usar|cobren|saquen|descuenten))\b/;
const MOVES_ITS_DAY = /\b(?:change|move|switch|different)\b.{0,25}\b(?:day|date)\b|\b(?:cambi\w*|mover|mueva)\b.{0,25}\b(?:dia|fecha)\b/;
const STARTS_IT = /\b(?:sign(?:ing)? (?:me |us )?up|set(?:ting)? (?:me |us |it |that )?up|enroll\w*|start\w*|turn(?:ing)? on|activat\w*|inscrib\w*|poner|ponga|activ\w*|afiliar\w*|apunt\w*|(?:quiero|quisiera|queremos) que (?:me|nos|se) (?:cobr|descuent|saque)\w*|(?:can|could) you (?:just )?(?:take|draft|pull))\b/;

/**
 * What is asked of Auto Pay when it is named in so many words ("we need to
 * turn off autopay on our Tacoma lease", "quiero cambiar el dia del
 * autopay"): stopping it, moving its day or signing up; null when Auto Pay
 * is not named, or the words do not say which.
 */
export function autoPayAskedFor(text: string): 'autopay_cancel' | 'autopay_change_day' | 'autopay_enroll' | null {
  const folded = fold(text);
  if (!AUTO_PAY.test(folded)) return null;
  const asked = [STOPS_IT.test(folded) && 'autopay_cancel', MOVES_ITS_DAY.test(folded) && 'autopay_change_day', STARTS_IT.test(folded) && 'autopay_enroll'].filter(
    (x): x is 'autopay_cancel' | 'autopay_change_day' | 'autopay_enroll' => typeof x === 'string',
  );
  return asked.length === 1 ? asked[0]! : null;
}

const REPEAT_ASKED =
  /\b(?:repeat|say (?:that|it) again|come again|(?:didn'?t|did not|couldn'?t) (?:catch|get|hear|understand) (?:that|it|you|what you said)|what did you say|repit\w*|repet\w*|no (?:le |te |les )?(?:entendi|escuche|oi)|como dijo|que dijo)\b/;

/**
 * A request to hear the question again ("can you repeat that", "perdón, no
 * le entendí, ¿me lo repite?"), said in a few words, in either language.
 */
export function asksToRepeat(text: string): boolean {
  const folded = fold(text);
  return folded.split(/\s+/).length <= 16 && !/\d/.test(folded) && REPEAT_ASKED.test(folded);
}

const TAKES_LEAVE = /\b(?:bye|goodbye|bye bye|adios|hasta luego|nos vemos|chao|chau|take care|cuidese)\s*[.!]*\s*$/;

// Greetings and fillers a request opens with ("hola buenas", "alo si disculpe", "hi good morning", "um yeah so").
// The longer phrases come first: an alternation takes the first that fits ("disculpe" before "disculpe la molestia").
const OPENING = /^(?:(?:(?:disculpe|perdone|perdon por) la molestia|sorry to bother you|excuse me|buen dia|hola|hello|hi|hey|alo|bueno|buenas|buenos|dias|tardes|noches|good|morning|afternoon|evening|si|yes|yeah|oiga|oye|mire|este|eh|em|um|uh|so|ok|okay|pues|disculpe|perdon|sorry|senorita|senor)\b[\s,.!]*)+/;

/**
 * The request without the greeting and fillers it opens with ("hola buenas
 * quiero pagar uno de mis carros" → "quiero pagar uno de mis carros"), folded;
 * empty when there was nothing else.
 */
export function withoutOpening(text: string): string {
  return fold(text).replace(OPENING, '').trim();
}

/** Words that take leave at the end of a message ("ok thanks bye", "gracias, hasta luego"), in either language. */
export function takesLeave(text: string): boolean {
  return TAKES_LEAVE.test(fold(text));
}
