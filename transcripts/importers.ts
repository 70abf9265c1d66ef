import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TranscriptFormatError, type Conversation, type Located, type PlayStep } from './format';
import { messageOf, normalize, type Assertion } from './messages';
import { escapeRegex, VOLATILE } from './recorder';
import { MASK, secretName, SSN_SHAPE } from './sensitive';

/**
 * Runs Bot Framework transcripts without rewriting them: `.transcript` files
 * (what the Emulator saves, chatdown writes and BotBuilder-Samples' test bots
 * hold) and the folders the live chat's transcript store writes. Each bot
 * message is matched one to one, by its text (amounts, dates and confirmation
 * numbers as patterns), its buttons and its cards; typing, trace and event
 * activities are counted, not replayed. Botium files: see botium.ts.
 */

interface BfActivity {
  type?: string;
  name?: string;
  text?: string;
  locale?: string;
  value?: unknown;
  from?: { id?: string; name?: string; role?: string };
  recipient?: { id?: string; role?: string };
  suggestedActions?: { actions?: { title?: string; value?: unknown }[] };
  attachments?: { contentType?: string; contentUrl?: string; name?: string; content?: unknown }[];
  channelData?: { sensitive?: unknown };
}

/** The line each activity starts on in a JSON transcript (the objects of its activity array). */
function activityLines(source: string): number[] {
  const lines: number[] = [];
  const stack: string[] = [];
  let line = 1;
  let inString = false;
  let arrayDepth = -1;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      // The activity array: the top level one, or the first array inside the top object ({ "transcript": [...] }).
      if (c === '[' && arrayDepth < 0 && (stack.length === 0 || stack.length === 1)) arrayDepth = stack.length + 1;
      if (c === '{' && stack.length === arrayDepth && stack[stack.length - 1] === '[') lines.push(line);
      stack.push(c);
    } else if (c === ']' || c === '}') stack.pop();
  }
  return lines;
}

/** A recorded reply as a pattern: what changes from one day to the next (amounts, dates, confirmation numbers) matches anything. */
function replyPattern(text: string): string {
  const spans = VOLATILE.flatMap((re) => [...text.matchAll(new RegExp(re.source, 'g'))].map((m) => ({ from: m.index, to: m.index + m[0].length })))
    .sort((a, b) => a.from - b.from || b.to - a.to);
  let pattern = '';
  let at = 0;
  for (const span of spans) {
    if (span.from < at) continue;
    pattern += `${escapeRegex(text.slice(at, span.from))}.+?`;
    at = span.to;
  }
  return `^${pattern}${escapeRegex(text.slice(at))}$`;
}

/** A Bot Framework `.transcript` (the Emulator's array, or `{ transcript: [...] }`). */
export function importBotFrameworkTranscript(file: string): Conversation[] {
  const source = readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (e) {
    throw new TranscriptFormatError(file, 1, `not JSON: ${(e as Error).message}`);
  }
  const list = Array.isArray(raw) ? raw : (raw as { transcript?: unknown } | null)?.transcript;
  if (!Array.isArray(list)) throw new TranscriptFormatError(file, 1, 'a .transcript is an array of activities, or { "transcript": [ … ] }');
  if (!list.length) throw new TranscriptFormatError(file, 1, 'holds no activity');
  return fromActivities(file, path.basename(file, '.transcript'), list as BfActivity[], activityLines(source));
}

/** Files of a Bot Framework `FileTranscriptStore` conversation folder: one activity each, named `<ticks>-<id>.json`. */
const STORED_ACTIVITY = /^[0-9a-f]+-.+\.json$/;

/** Whether a folder is one conversation as botbuilder's FileTranscriptStore writes it (what TRANSCRIPT_DIR holds). */
export function isTranscriptStoreFolder(dir: string): boolean {
  const names = readdirSync(dir);
  return names.length > 0 && names.every((n) => STORED_ACTIVITY.test(n));
}

/** A live chat saved by the server (TRANSCRIPT_DIR): the folder of one conversation, in the order it happened. */
export function importTranscriptStoreFolder(dir: string): Conversation[] {
  const names = readdirSync(dir).filter((n) => STORED_ACTIVITY.test(n));
  // The file names start with the activity's time in ticks (hexadecimal); order by that number, not by
  // the whole name, whose activity ids differ in length ("…!join" before "…!0000001").
  const ticks = (n: string) => BigInt(`0x${n.slice(0, n.indexOf('-'))}`);
  names.sort((a, b) => {
    const d = ticks(a) - ticks(b);
    return d < 0n ? -1 : d > 0n ? 1 : a < b ? -1 : a > b ? 1 : 0;
  });
  const files = names.map((n) => path.join(dir, n));
  const activities = files.map((f) => {
    try {
      return JSON.parse(readFileSync(f, 'utf8')) as BfActivity;
    } catch (e) {
      throw new TranscriptFormatError(f, 1, `not JSON: ${(e as Error).message}`);
    }
  });
  // Each activity is a file of its own: a failure names that file.
  return fromActivities(dir, `live chat ${path.basename(dir)}`, activities, [], (i) => files[i]);
}

function fromActivities(file: string, name: string, activities: BfActivity[], lines: number[] = [], fileOf: (i: number) => string | undefined = () => undefined): Conversation[] {
  const steps: Located<PlayStep>[] = [];
  const ignored: Record<string, number> = {};
  let language: 'en' | 'es' = 'en';
  const botIds = new Set(activities.filter((a) => a.from?.role === 'bot').map((a) => a.from?.id).concat(activities.filter((a) => a.recipient?.role === 'bot').map((a) => a.recipient?.id)));
  const userIds = new Set(activities.filter((a) => a.from?.role === 'user').map((a) => a.from?.id).concat(activities.filter((a) => a.recipient?.role === 'user').map((a) => a.recipient?.id)));
  // Files without roles (or with them on one activity only): whoever writes to the bot is the user, and the other way round.
  for (let learned = true; learned; ) {
    learned = false;
    for (const a of activities) {
      const from = a.from?.id;
      const to = a.recipient?.id;
      if (!from || !to || botIds.has(from) || userIds.has(from)) continue;
      if (botIds.has(to)) userIds.add(from);
      else if (userIds.has(to)) botIds.add(from);
      else continue;
      learned = true;
    }
  }
  const lineOf = (i: number) => lines[i] ?? 1;
  const who = (a: BfActivity, i: number): 'user' | 'bot' => {
    if (a.from?.role === 'user' || a.from?.role === 'bot') return a.from.role;
    if (a.from?.id && botIds.has(a.from.id)) return 'bot';
    if (a.from?.id && userIds.has(a.from.id)) return 'user';
    if (a.recipient?.role === 'bot') return 'user';
    if (a.recipient?.role === 'user') return 'bot';
    throw new TranscriptFormatError(fileOf(i) ?? file, lineOf(i), `cannot tell who sent this message: it has no role, and its sender "${a.from?.id ?? '?'}" sends nothing else with a role`);
  };
  let previousBot: BfActivity | null = null;
  activities.forEach((a, i) => {
    const line = lineOf(i);
    const own = fileOf(i);
    const at = own ? { file: own } : {};
    if (a.type !== 'message') {
      const kind = a.type === 'event' && a.name ? `event ${a.name}` : (a.type ?? 'untyped');
      ignored[kind] = (ignored[kind] ?? 0) + 1;
      return;
    }
    if (a.locale?.toLowerCase().startsWith('es')) language = 'es';
    if (who(a, i) === 'user') {
      const label = a.text ?? '';
      // A live chat's transcript masks what answered a sensitive prompt: replay it from a variable.
      const asked = previousBot ? secretName(previousBot.text ?? '') : 'secret';
      // A button the bot offered ("Bank account ending 4321") is a choice, not a sensitive entry.
      const offeredChoice = (previousBot?.suggestedActions?.actions ?? []).some((x) => x.title === label);
      if (!offeredChoice && (previousBot?.channelData?.sensitive === true || asked !== 'secret' || MASK.test(label))) {
        if (!MASK.test(label) && /\d/.test(label)) {
          throw new TranscriptFormatError(own ?? file, line, `this answer to a sensitive prompt is written in clear: replace it with \${${secretName(previousBot?.text ?? '')}} and give the value with --var ${secretName(previousBot?.text ?? '')}=…`);
        }
        steps.push({ value: { user: `\${${secretName(previousBot?.text ?? '')}}` }, line, ...at });
        return;
      }
      if (new RegExp(SSN_SHAPE.source).test(label)) {
        throw new TranscriptFormatError(own ?? file, line, 'a full SSN written in clear: replace it with ${ssn} and give the value with --var ssn=…');
      }
      const offered = (previousBot?.suggestedActions?.actions ?? []).find((x) => x.title === label);
      if (a.value !== undefined && a.value !== null) {
        // A card submit or a button that sends a value: replayed with the same value.
        steps.push({ value: { send: { ...(label ? { text: label } : {}), fields: { value: a.value } } }, line, ...at });
      } else if (a.attachments?.length) {
        steps.push({ value: { send: { ...(label ? { text: label } : {}), fields: { attachments: a.attachments } } }, line, ...at });
      } else steps.push({ value: offered ? { click: label } : { user: label }, line, ...at });
      return;
    }
    const assertions: Assertion[] = [];
    if (a.text) assertions.push({ name: 'TEXT_REGEXP_ANY', args: [replyPattern(normalize(a.text))], line, ...at });
    const titles = (a.suggestedActions?.actions ?? []).map((x) => x.title ?? '').filter((t) => t && !VOLATILE.some((re) => new RegExp(re.source).test(t)));
    if (titles.length) assertions.push({ name: 'BUTTONS', args: titles, line, ...at });
    const message = messageOf(a as Record<string, unknown>);
    if (a.attachments?.length) {
      assertions.push({ name: 'CARDS_COUNT', args: [String(message.cards.length)], line, ...at }, { name: 'MEDIA_COUNT', args: [String(message.media.length)], line, ...at });
      const cardTitles = (a.attachments ?? []).map((x) => (x.content as { title?: string } | undefined)?.title).filter((t): t is string => !!t && !VOLATILE.some((re) => new RegExp(re.source).test(t)));
      if (cardTitles.length) assertions.push({ name: 'CARDS', args: cardTitles, line, ...at });
    }
    if (!assertions.length) assertions.push({ name: 'RESPONSE_LENGTH', args: ['100000'], line, ...at });
    steps.push({ value: { message: { assertions } }, line, ...at });
    previousBot = a;
  });
  if (!steps.some((s) => 'message' in s.value)) throw new TranscriptFormatError(file, 1, 'no message from the bot: nothing to check');
  return [{ file, line: 1, name, tags: ['imported', 'bot-framework'], channels: ['chat'], language, steps, ignored }];
}
