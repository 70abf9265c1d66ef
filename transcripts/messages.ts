import { JSONPath } from 'jsonpath-plus';

/**
 * One message from the bot as imported scripts check it: Botium's asserters
 * and a recorded `.transcript` activity both look at the single activity, not
 * at the whole turn. `activity` is the activity as it came (for JSON_PATH).
 */
export interface BotMessage {
  text: string;
  /** Suggested actions and card buttons: label and the value a click sends. */
  buttons: { title: string; value?: unknown }[];
  /** Texts shown on cards (hero/thumbnail titles and texts, Adaptive Card text blocks, receipt cards). */
  cards: string[][];
  /** Attachments that are not cards: their URL or name. */
  media: string[];
  intent: string | null;
  activity: Record<string, unknown>;
}

/**
 * One check of a bot message. `name` is a Botium asserter name (TEXT, BUTTONS,
 * JSON_PATH, …) or `MATCH` (a `#bot` text line: the project's matching mode,
 * Botium's wildcard, case-insensitive containment by default); `not` negates it.
 */
export interface Assertion {
  name: string;
  args: string[];
  not?: boolean;
  line: number;
  file?: string;
}

/** Botium's text normalisation: tags removed, entities decoded, whitespace collapsed. */
export function normalize(text: string): string {
  return text
    .replace(/<p[^>]*>|<\/p>|<br[^>]*>/g, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/[\x00-\x1F\x7F]/g, ' ') // eslint-disable-line no-control-regex
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

const quote = (s: string) => s.replace(/[-\\^$*+?.()|[\]{}]/g, '\\$&');

/** How Botium compares a text with an expected one. */
export type MatchMode = 'wildcard' | 'wildcardExact' | 'include' | 'equals' | 'regexp';

export function matches(actual: string, expected: string, mode: MatchMode, ignoreCase: boolean): boolean {
  const a = normalize(actual);
  const e = normalize(expected);
  const flags = ignoreCase ? 'i' : '';
  switch (mode) {
    case 'equals':
      return ignoreCase ? a.toLowerCase() === e.toLowerCase() : a === e;
    case 'include':
      return ignoreCase ? a.toLowerCase().includes(e.toLowerCase()) : a.includes(e);
    case 'regexp':
      return new RegExp(expected, flags).test(a);
    case 'wildcard':
    case 'wildcardExact': {
      const body = quote(e).replace(/\\\*/g, '(.*)');
      return new RegExp(mode === 'wildcardExact' ? `^${body}$` : body, flags).test(a);
    }
  }
}

const TEXT_ASSERTERS: Record<string, { mode: MatchMode; all: boolean }> = {
  TEXT: { mode: 'equals', all: false },
  TEXT_EQUALS: { mode: 'equals', all: false },
  TEXT_CONTAINS_ANY: { mode: 'include', all: false },
  TEXT_CONTAINS_ALL: { mode: 'include', all: true },
  TEXT_WILDCARD_ANY: { mode: 'wildcard', all: false },
  TEXT_WILDCARD_ALL: { mode: 'wildcard', all: true },
  TEXT_WILDCARDEXACT_ANY: { mode: 'wildcardExact', all: false },
  TEXT_WILDCARDEXACT_ALL: { mode: 'wildcardExact', all: true },
  TEXT_REGEXP_ANY: { mode: 'regexp', all: false },
  TEXT_REGEXP_ALL: { mode: 'regexp', all: true },
};

/** The asserters a bot message can be checked with here (Botium's names). */
export const SUPPORTED_ASSERTERS = new Set([
  ...Object.keys(TEXT_ASSERTERS).flatMap((n) => [n, `${n}_IC`]),
  'MATCH',
  'BUTTONS',
  'BUTTONS_COUNT',
  'CARDS',
  'CARDS_COUNT',
  'MEDIA',
  'MEDIA_COUNT',
  'INTENT',
  'JSON_PATH',
  'JSON_PATH_COUNT',
  'RESPONSE_LENGTH',
]);

/** Why an asserter cannot be checked against this bot's replies. */
export const REFUSED_ASSERTERS: Record<string, string> = {
  INTENT_CONFIDENCE: 'this bot reports the intent it recognised (channelData.intent) but no confidence',
  INTENT_UNIQUE: 'this bot reports one intent and no alternatives',
  ENTITIES: 'this bot reports no recognised entities in its replies (channelData carries intent, prompt and expect only)',
  ENTITY_VALUES: 'this bot reports no recognised entities in its replies (channelData carries intent, prompt and expect only)',
  ENTITY_CONTENT: 'this bot reports no recognised entities in its replies (channelData carries intent, prompt and expect only)',
  FORMS: 'this bot sends no forms',
  TEXT_WER: 'word error rate is for speech-to-text connectors; this chat compares text',
  PAUSE_ASSERTER: 'reply times are reported as latency, not asserted per step',
  BOT_CONSUMED: 'every bot message of a turn is matched one to one; none is left unread silently',
  BOT_UNCONSUMED_COUNT: 'every bot message of a turn is matched one to one; none is left unread silently',
  BUTTONS_COUNT_REC: 'this bot does not nest cards',
  CARDS_COUNT_REC: 'this bot does not nest cards',
  MEDIA_COUNT_REC: 'this bot does not nest cards',
};

/** A failed check: what was expected and why it did not hold. */
export interface Problem {
  expected: string;
  reason: string;
}

function count(spec: string, n: number): boolean {
  const m = /^\s*(<=|>=|<|>|=)?\s*(\d+)\s*$/.exec(spec);
  if (!m) throw new Error(`"${spec}" is not a count (like 2, >1, <=3)`);
  const want = Number(m[2]);
  switch (m[1]) {
    case '<':
      return n < want;
    case '>':
      return n > want;
    case '<=':
      return n <= want;
    case '>=':
      return n >= want;
    default:
      return n === want;
  }
}

const show = (args: string[]) => args.map((a) => `"${a}"`).join(', ');

function positive(a: Assertion, m: BotMessage): { ok: boolean; expected: string; actual: string } {
  const text = TEXT_ASSERTERS[a.name.replace(/_IC$/, '')];
  if (text) {
    const ic = a.name.endsWith('_IC');
    if (!a.args.length) return { ok: m.text.length > 0, expected: 'some text', actual: 'no text' };
    const found = a.args.filter((x) => matches(m.text, x, text.mode, ic));
    return { ok: text.all ? found.length === a.args.length : found.length > 0, expected: `${a.name} ${show(a.args)}`, actual: 'text' };
  }
  const labels = m.buttons.map((b) => b.title);
  switch (a.name) {
    case 'BUTTONS': {
      if (!a.args.length) return { ok: labels.length > 0, expected: 'buttons', actual: `buttons ${JSON.stringify(labels)}` };
      const ok = a.args.every((x) => m.buttons.some((b) => matches(b.title, x, 'wildcardExact', false) || (typeof b.value === 'string' && b.value === x)));
      return { ok, expected: `buttons ${show(a.args)}`, actual: `buttons were ${JSON.stringify(labels)}` };
    }
    case 'CARDS': {
      const texts = m.cards.flat();
      if (!a.args.length) return { ok: m.cards.length > 0, expected: 'a card', actual: `cards ${JSON.stringify(texts)}` };
      const ok = a.args.every((x) => texts.some((t) => matches(t, x, 'wildcard', false)));
      return { ok, expected: `cards showing ${show(a.args)}`, actual: `cards were ${JSON.stringify(texts)}` };
    }
    case 'MEDIA': {
      if (!a.args.length) return { ok: m.media.length > 0, expected: 'an attachment', actual: `attachments ${JSON.stringify(m.media)}` };
      const ok = a.args.every((x) => m.media.some((u) => matches(u, x, 'wildcard', false)));
      return { ok, expected: `attachments ${show(a.args)}`, actual: `attachments were ${JSON.stringify(m.media)}` };
    }
    case 'BUTTONS_COUNT':
      return { ok: count(a.args[0] ?? '>0', labels.length), expected: `button count ${a.args[0] ?? '>0'}`, actual: `${labels.length} buttons` };
    case 'CARDS_COUNT':
      return { ok: count(a.args[0] ?? '>0', m.cards.length), expected: `card count ${a.args[0] ?? '>0'}`, actual: `${m.cards.length} cards` };
    case 'MEDIA_COUNT':
      return { ok: count(a.args[0] ?? '>0', m.media.length), expected: `attachment count ${a.args[0] ?? '>0'}`, actual: `${m.media.length} attachments` };
    case 'RESPONSE_LENGTH':
      return { ok: count(`<=${a.args[0] ?? '0'}`, m.text.length), expected: `at most ${a.args[0]} characters`, actual: `${m.text.length} characters` };
    case 'INTENT':
      return { ok: m.intent === (a.args[0] ?? ''), expected: `intent ${a.args[0]}`, actual: `intent was ${m.intent ?? 'not reported'}` };
    case 'JSON_PATH': {
      const [jsonPath, ...values] = a.args;
      const found = JSONPath({ path: jsonPath ?? '$', json: m.activity, wrap: true }) as unknown[];
      const shown = found.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
      const ok = values.length ? values.every((want) => shown.some((v) => matches(v, want, 'wildcardExact', false))) : found.length > 0;
      return { ok, expected: `${jsonPath}${values.length ? ` = ${show(values)}` : ' present'}`, actual: `${jsonPath} was ${JSON.stringify(shown)}` };
    }
    case 'JSON_PATH_COUNT': {
      const found = JSONPath({ path: a.args[0] ?? '$', json: m.activity, wrap: true }) as unknown[];
      return { ok: count(a.args[1] ?? '>0', found.length), expected: `${a.args[0]} count ${a.args[1] ?? '>0'}`, actual: `${found.length}` };
    }
  }
  throw new Error(`${a.name} cannot be checked here`);
}

/** Checks one assertion on one message; null when it holds. */
export function checkAssertion(a: Assertion, m: BotMessage): Problem | null {
  const r = positive(a, m);
  if (a.not ? !r.ok : r.ok) return null;
  return { expected: `${a.not ? 'not ' : ''}${r.expected}`, reason: a.not ? `it held (${r.actual})` : r.actual === 'text' ? 'text differs' : r.actual };
}

const cardTexts = (content: Record<string, unknown>): string[] => {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    for (const key of ['title', 'subtitle', 'text', 'speak']) if (typeof o[key] === 'string' && key !== 'speak') out.push(o[key] as string);
    for (const key of ['body', 'items', 'columns', 'facts', 'sections']) if (o[key]) walk(o[key]);
    if (o.type === 'Fact' || (typeof o.title === 'string' && typeof o.value === 'string')) out.push(String(o.value));
  };
  walk(content);
  return out;
};

const actionsOf = (content: Record<string, unknown>): { title: string; value: unknown }[] =>
  [...((content.buttons as unknown[]) ?? []), ...((content.actions as unknown[]) ?? [])]
    .map((b) => b as { title?: string; value?: unknown; data?: unknown })
    .map((b) => ({ title: b.title ?? '', value: b.value ?? b.data }));

/** The message as a check sees it, from a Bot Framework activity (live or recorded). */
export function messageOf(activity: Record<string, unknown>): BotMessage {
  const a = activity as {
    text?: string;
    suggestedActions?: { actions?: { title?: string; value?: unknown }[] };
    attachments?: { contentType?: string; content?: Record<string, unknown>; contentUrl?: string; name?: string }[];
    channelData?: { intent?: string };
  };
  const buttons: BotMessage['buttons'] = (a.suggestedActions?.actions ?? []).map((x) => ({ title: x.title ?? '', value: x.value }));
  const cards: string[][] = [];
  const media: string[] = [];
  for (const att of a.attachments ?? []) {
    if (/^application\/vnd\.microsoft\.card\./.test(att.contentType ?? '') && att.content) {
      cards.push(cardTexts(att.content));
      buttons.push(...actionsOf(att.content));
    } else media.push(att.contentUrl ?? att.name ?? att.contentType ?? '');
  }
  return { text: a.text ?? '', buttons, cards, media, intent: a.channelData?.intent ?? null, activity };
}
