import type { NluLocale } from '../intents';
import { fold } from './text';

/** Topics that must go to a person and never be answered with a balance. */
export type SensitiveTopic =
  | 'repossession'
  | 'hardship'
  | 'deferral'
  | 'bankruptcy'
  | 'death'
  | 'fraud'
  | 'dispute'
  | 'complaint'
  | 'frustration';

// Patterns on folded text (lower case, no accents). Earlier topics win: a
// death or a bankruptcy matters more than the frustration that comes with it.
const TOPICS: Record<NluLocale, Array<[SensitiveTopic, RegExp]>> = {
  en: [
    ['death', /\b(?:passed away|passed on|deceased|funeral|death (?:of|in)|(?:husband|wife|spouse|partner|mom|mother|dad|father|son|daughter|brother|sister|co-?signer|co-?borrower|borrower|owner|he|she) (?:has |just |recently )?(?:died|passed))\b/],
    ['bankruptcy', /\b(?:bankrupt(?:cy)?|chapter (?:7|13|seven|thirteen)|ch\.? ?(?:7|13)|filed for bk)\b/],
    ['repossession', /\b(?:repo'?d|repo|repos(?:s)?ess(?:ed|ion|ing)?|(?:took|taken|towed|picked up|seized) (?:away )?my (?:car|truck|vehicle|suv|van|jeep)|my (?:car|truck|vehicle) (?:was|got) (?:taken|towed|picked up|seized))\b/],
    ['fraud', /\b(?:fraud(?:ulent)?|scam(?:med)?|identity (?:theft|stolen)|stole my (?:identity|info|information|card)|stolen identity|unauthori[sz]ed (?:charge|payment|transaction|withdrawal|debit)|(?:charge|payment|withdrawal|debit) i (?:didn't|did not|never) (?:make|authorize)|i (?:didn't|did not|never) (?:make|authorize) (?:this|that|the) (?:charge|payment)|someone (?:used|opened|took out|hacked)|hacked|don't recognize (?:this|the|a|that) (?:charge|payment))\b/],
    ['dispute', /\b(?:dispute|disputing|disputed|(?:credit report|credit bureau|reporting) (?:is |was )?(?:wrong|incorrect|inaccurate)|(?:wrong|incorrect|inaccurate) (?:on|in) my credit|not my (?:debt|loan)|i don't owe (?:this|that))\b/],
    ['complaint', /\b(?:complaint|complain(?:ing)?|cfpb|better business bureau|bbb|attorney general|file a grievance|(?:my |a )?lawyer|sue (?:you|them)|lawsuit)\b/],
    ['hardship', /\b(?:lost my job|laid off|unemployed|out of work|lost (?:my )?income|hardship|medical bills|(?:can't|cannot|can not|unable to|won't be able to|not able to|couldn't) (?:afford|make|pay|cover)(?: (?:my|the|this|this month's|any|a|it|anything|that))?(?: (?:payment|payments|car payment|month|bill|right now|this month|anymore))?(?! (?:online|with|by|on|using|through|in|at|from))|behind on (?:my )?payments|can't catch up|short on money|don't have (?:the )?money|no money)\b/],
    ['deferral', /\b(?:skip (?:a|this|next|one|my) (?:payment|month)|defer(?:ral|ment|red)?|extension|extend (?:my|the) (?:due date|payment)|postpone|push (?:back|out) (?:my|the) (?:payment|due date)|more time to pay|payment holiday|move my payment to the end)\b/],
    ['frustration', /\b(?:fuck\w*|f\*+k|shit\w*|bullshit|damn\w*|crap|wtf|asshole|bitch|piss(?:ed)? off|screw (?:you|this)|what the hell|hell no|stupid|idiot\w*|useless|worthless|ridiculous|pathetic|waste of (?:my )?time|worst|hate (?:this|you)|this sucks|you suck|not helpful|no help|you don't understand|you're not understanding|talk(?:ing)? to a (?:machine|robot)|(?:dumb|stupid) (?:bot|robot|machine))\b/],
  ],
  es: [
    ['death', /\b(?:falleci(?:o|do|da|miento)|murio|muerte de|defuncion|funeral|difunt[oa]|(?:esposo|esposa|marido|mama|madre|papa|padre|hijo|hija|hermano|hermana) (?:se )?(?:murio|fallecio))\b/],
    ['bankruptcy', /\b(?:bancarrota|quiebra|capitulo (?:7|13|siete|trece)|chapter (?:7|13))\b/],
    ['repossession', /\b(?:me (?:quitaron|embargaron|recogieron|recuperaron) (?:el|mi|la) (?:carro|auto|coche|camioneta|troca|vehiculo)|(?:se llevaron|remolcaron|embargaron) (?:el|mi|la) (?:carro|auto|coche|camioneta|troca|vehiculo)|embargo del? (?:carro|auto|coche|vehiculo)|reposesion|reposeyeron|repo)\b/],
    ['fraud', /\b(?:fraude|estafa|robo de identidad|robaron mi identidad|(?:usaron|robaron) mis datos|cargo (?:que )?no (?:hice|autorice|reconozco)|un cargo que no|no (?:hice|autorice|reconozco) (?:este|ese|el|un) (?:cargo|pago)|cargo no autorizado|pago no autorizado|hackearon)\b/],
    ['dispute', /\b(?:disputa(?:r)?|disputo|reporte de credito (?:esta )?(?:mal|equivocado|incorrecto)|buro de credito (?:esta )?(?:mal|equivocado|incorrecto)|no es mi deuda|no debo eso)\b/],
    ['complaint', /\b(?:queja(?:rme|s)?|reclamo|reclamacion|abogado|demandar(?:los|les|te)?|procuraduria|profeco|cfpb)\b/],
    ['hardship', /\b(?:perdi (?:mi|el) (?:trabajo|empleo)|me (?:quede sin|corrieron del?) (?:trabajo|empleo)|sin (?:trabajo|empleo)|desemplead[oa]|dificultad(?:es)? (?:economica|financiera)s?|no me alcanza|no tengo (?:el )?dinero|no tengo con que pagar|gastos medicos|(?:no (?:puedo|podre|voy a poder)|no podemos) (?:pagar|hacer el pago|cubrir)(?! (?:en linea|por internet|con|en la|por la|por telefono|desde))|atrasad[oa] con (?:los|mis) pagos)\b/],
    ['deferral', /\b(?:saltar(?:me)? (?:un|el|este) pago|brincar(?:me)? (?:un|el) pago|no pagar este mes|prorroga|aplazar|posponer|diferir|extension|mas tiempo para pagar|recorrer (?:el|mi) pago)\b/],
    ['frustration', /\b(?:mierda|carajo|chingad\w*|chingar|chinga\w*|pinche|put[ao]|pendej\w*|joder|cono|cabron\w*|verga|estupid[oa]|idiota|inutil|no sirve(?:s)? (?:para nada)?|no sirves|que porqueria|porqueria|que mal servicio|pesimo|no (?:me )?entiendes|estoy hart[oa]|me tienes hart[oa]|hasta la madre|perdida de tiempo|maldit[oa])\b/],
  ],
};

/**
 * Finds, in one fast pass of phrase patterns, a topic that must never be
 * answered with a balance: a repossession, hardship or a payment that cannot
 * be made, a deferral or extension, bankruptcy, a death, fraud or identity
 * theft, a dispute, a complaint, or frustration and profanity. High
 * precision: ordinary requests ("I want to pay", "what is my payoff",
 * "cancel Auto Pay") find nothing. Returns the first topic found, the most
 * serious first.
 */
export function detectTopic(text: string, locale: NluLocale): SensitiveTopic | null {
  const lang: NluLocale = locale === 'es' ? 'es' : 'en';
  const input = fold(text);
  if (!input) return null;
  for (const [topic, re] of TOPICS[lang]) {
    if (!re.test(input)) continue;
    // "No me alcanza, mejor nomás quiero abonar 600": the customer pays what they can, here and now.
    if (topic === 'hardship' && PAYS_A_SUM[lang].test(input)) continue;
    return topic;
  }
  return null;
}

const SUM = String.raw`(?:\$\s*)?(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|a hundred|cien|\w+cientos|quinientos|veinte|treinta|cuarenta|cincuenta|mil)`;
/** A sum the customer says they will pay now ("I'll just pay 100", "mejor nomás quiero abonar 600"), not one they cannot. */
const PAYS_A_SUM: Record<NluLocale, RegExp> = {
  en: new RegExp(String.raw`(?<!\bnot |n't |cannot )\b(?:i want to|i wanna|i'?ll|i will|i can|let me|i'?m going to|i'?m gonna|i could)\s+(?:just\s+|only\s+)?(?:pay|send|put down|put)\s+(?:just\s+|only\s+|like\s+|you\s+)?${SUM}`),
  es: new RegExp(String.raw`(?<!\bno )\b(?:quiero|voy a|puedo|podria|le voy a|nomas quiero|solo quiero)\s+(?:nomas\s+|solo\s+)?(?:abonar|abonarle|pagar|pagarle|mandar|dar|darle)\s+(?:nomas\s+|solo\s+|unos\s+)?${SUM}`),
};
