import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Conversation, Expectation, Located, Step } from './format';
import { MASK, secretName } from './sensitive';

/**
 * Runs transcripts written for other tools without rewriting them: Bot
 * Framework `.transcript` files (what the Emulator saves) and Botium
 * `.convo.txt` files with their `.utterances.txt`. Both become the same
 * conversations the YAML format produces.
 */

interface BfActivity {
  type?: string;
  text?: string;
  locale?: string;
  value?: { choice?: unknown };
  from?: { id?: string; role?: string };
  recipient?: { id?: string; role?: string };
  suggestedActions?: { actions?: { title?: string }[] };
  channelData?: { sensitive?: unknown };
}

/**
 * The opening of a reply, at least a short sentence's worth ("Hi!" alone says
 * too little): stable enough to check, unlike amounts and confirmation
 * numbers further on.
 */
function firstSentence(text: string): string {
  const sentences = text.trim().match(/[^.!?]+[.!?]+(\s|$)|[^.!?]+$/g) ?? [text];
  let out = '';
  for (const s of sentences) {
    out += s;
    if (out.trim().length >= 20) break;
  }
  return out.trim().slice(0, 80);
}

/** A Bot Framework `.transcript` (the Emulator's array, or `{ transcript: [...] }`). */
export function importBotFrameworkTranscript(file: string): Conversation[] {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as BfActivity[] | { transcript?: BfActivity[] };
  return fromActivities(file, path.basename(file, '.transcript'), Array.isArray(raw) ? raw : (raw.transcript ?? []));
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
  const activities = names.map((n) => JSON.parse(readFileSync(path.join(dir, n), 'utf8')) as BfActivity);
  return fromActivities(dir, `live chat ${path.basename(dir)}`, activities);
}

function fromActivities(file: string, name: string, activities: BfActivity[]): Conversation[] {
  const steps: Located<Step>[] = [];
  let language: 'en' | 'es' = 'en';
  const isUser = (a: BfActivity) => a.from?.role === 'user' || (a.from?.role === undefined && a.recipient?.role === 'bot');
  let previousBot: BfActivity | null = null;
  for (const a of activities) {
    if (a.type !== 'message') continue;
    if (a.locale?.toLowerCase().startsWith('es')) language = 'es';
    if (isUser(a)) {
      const label = a.text ?? '';
      // A live chat's transcript masks what answered a sensitive prompt: replay it from a variable.
      if (previousBot?.channelData?.sensitive === true || MASK.test(label)) {
        steps.push({ value: { user: `\${${secretName(previousBot?.text ?? '')}}` }, line: 1 });
        continue;
      }
      const offered = (previousBot?.suggestedActions?.actions ?? []).some((x) => x.title === label);
      steps.push({ value: offered ? { click: label } : { user: label }, line: 1 });
    } else if (a.text) {
      const expect: Expectation = { contains: firstSentence(a.text) };
      const actions = (a.suggestedActions?.actions ?? []).map((x) => x.title ?? '').filter(Boolean);
      if (actions.length) expect.actions = actions;
      steps.push({ value: { bot: expect }, line: 1 });
      previousBot = a;
    }
  }
  // A greeting that arrives before anything is typed is checked against the join greeting.
  return [{ file, line: 1, name, tags: ['imported', 'bot-framework'], channels: ['chat'], language, steps }];
}

/** Botium utterance lists beside a convo: `NAME` on the first line, one variant per line after it. */
function readUtterances(dir: string): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.utterances.txt'))) {
    const [name, ...variants] = readFileSync(path.join(dir, f), 'utf8').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    if (name) lists.set(name, variants);
  }
  return lists;
}

/** Botium `$name` variables become `${name}`, captured or defined by the runner. */
const variables = (text: string) => text.replace(/\$([A-Za-z_]\w*)/g, '${$1}');

/**
 * A Botium `.convo.txt`: the first line names it, then `#me` and `#bot`
 * sections. `#me` holds text, `BUTTON|label`, `PAUSE|ms` (ignored: the runner
 * waits for each reply) or `INCLUDE|other convo`; `#bot` holds expected text
 * and asserters (`TEXT`, `TEXT_CONTAINS_ANY`, `TEXT_CONTAINS_ALL`,
 * `TEXT_REGEX`, `BUTTONS`, `NOT_TEXT_CONTAINS_ANY`). A `#me` line that names an
 * utterance list expands the convo once per variant.
 */
export function importBotiumConvo(file: string, seen: Set<string> = new Set()): Conversation[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const name = (lines[0] ?? '').trim() || path.basename(file);
  const utterances = readUtterances(path.dirname(file));
  const steps: Located<Step>[] = [];
  let section: 'me' | 'bot' | null = null;
  let expansion: { at: number; variants: string[] } | null = null;
  let bot: Expectation | null = null;
  let botLine = 1;
  const flush = () => {
    if (bot) steps.push({ value: { bot }, line: botLine });
    bot = null;
  };
  lines.slice(1).forEach((rawLine, i) => {
    const line = rawLine.trim();
    const lineNo = i + 2;
    if (!line) return;
    if (line.startsWith('#')) {
      flush();
      section = line === '#me' ? 'me' : line === '#bot' ? 'bot' : null;
      if (section === 'bot') {
        bot = {};
        botLine = lineNo;
      }
      return;
    }
    const [head, ...args] = line.split('|').map((s) => s.trim());
    if (section === 'me') {
      if (head === 'BUTTON') steps.push({ value: { click: variables(args[0] ?? '') }, line: lineNo });
      else if (head === 'PAUSE') return;
      else if (head === 'INCLUDE') {
        const other = path.join(path.dirname(file), `${args[0]}.convo.txt`);
        if (seen.has(other) || !existsSync(other)) throw new Error(`${file}:${lineNo}: cannot include ${args[0]}`);
        for (const s of importBotiumConvo(other, new Set([...seen, file]))[0]!.steps) steps.push({ ...s, file: s.file ?? other });
      } else if (utterances.has(line) && !expansion) {
        expansion = { at: steps.length, variants: utterances.get(line)! };
        steps.push({ value: { user: utterances.get(line)![0] ?? line }, line: lineNo });
      } else steps.push({ value: { user: variables(line) }, line: lineNo });
      return;
    }
    if (section === 'bot' && bot) {
      const b: Expectation = bot;
      switch (head) {
        case 'TEXT':
          b.contains = variables(args.join('|'));
          break;
        case 'TEXT_CONTAINS_ANY':
          b.any_of = args.map(variables);
          break;
        case 'TEXT_CONTAINS_ALL':
          b.contains = args.map(variables);
          break;
        case 'TEXT_REGEX':
          b.regex = args.join('|');
          break;
        case 'NOT_TEXT_CONTAINS_ANY':
          b.not_contains = args.map(variables);
          break;
        case 'BUTTONS':
        case 'BUTTON':
          b.actions = args;
          break;
        default:
          b.contains = variables(line);
      }
    }
  });
  flush();
  const base: Conversation = { file, line: 1, name, tags: ['imported', 'botium'], channels: ['chat'], language: 'en', steps };
  const e = expansion as { at: number; variants: string[] } | null;
  if (!e || e.variants.length <= 1) return [base];
  return e.variants.map((variant, n) => ({
    ...base,
    name: `${name} (${n + 1}: ${variant})`,
    steps: steps.map((s, k) => (k === e.at ? { ...s, value: { user: variant } } : s)),
  }));
}
