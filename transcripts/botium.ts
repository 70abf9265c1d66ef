import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { TranscriptFormatError, type Channel, type Conversation, type Located, type MessageStep, type PlayStep, type SendStep } from './format';
import { REFUSED_ASSERTERS, SUPPORTED_ASSERTERS, type Assertion, type MatchMode } from './messages';

/**
 * BotiumScript text files read the way botium-core reads them: `.convo.txt`
 * (a name line, an optional description, then `#me`, `#bot`, `#begin`,
 * `#end` and `#include` sections, each optionally followed by a channel),
 * `.pconvo.txt` partial convos, `.utterances.txt` lists and
 * `.scriptingmemory.txt` tables. A line of a section is an asserter (`#bot`,
 * `#begin`, `#end`), a user input (`#me`) or a logic hook when its first word
 * names one, `NAME arg|arg`; anything else is the message text. A test holds
 * this reader to botium-core's own compiler on the project's convo files.
 */

export interface BotiumAsserter {
  name: string;
  args: string[];
  not: boolean;
  optional: boolean;
}
export interface BotiumHook {
  name: string;
  args: string[];
}
export type Sender = 'me' | 'bot' | 'begin' | 'end' | 'include';

export interface BotiumStep {
  sender: Sender;
  channel: string | null;
  messageText: string | null;
  sourceData?: unknown;
  not: boolean;
  optional: boolean;
  asserters: BotiumAsserter[];
  logicHooks: BotiumHook[];
  userInputs: BotiumHook[];
  stepTag: string;
  /** Where each part was written: the file, the section's line, the text's first line, each item's line. */
  at: { file: string; line: number; text: number; asserters: number[]; logicHooks: number[]; userInputs: number[] };
}

export interface BotiumConvo {
  name: string;
  description?: string;
  file: string;
  conversation: BotiumStep[];
  /** Scripting memory rows this convo runs with (SET_SCRIPTING_MEMORY at its start). */
  beginLogicHook: BotiumHook[];
}

/** Botium's asserters, logic hooks and user inputs (botium-core's defaults). */
export const ASSERTERS = new Set([
  'BUTTONS', 'BUTTONS_COUNT', 'BUTTONS_COUNT_REC', 'MEDIA', 'MEDIA_COUNT', 'MEDIA_COUNT_REC', 'CARDS', 'CARDS_COUNT', 'CARDS_COUNT_REC',
  'PAUSE_ASSERTER', 'JSON_PATH', 'JSON_PATH_COUNT', 'RESPONSE_LENGTH', 'FORMS', 'ENTITIES', 'ENTITY_VALUES', 'ENTITY_CONTENT', 'INTENT',
  'INTENT_UNIQUE', 'INTENT_CONFIDENCE', 'TEXT_CONTAINS_ANY', 'TEXT_CONTAINS_ANY_IC', 'TEXT_CONTAINS_ALL', 'TEXT_CONTAINS_ALL_IC',
  'TEXT_WILDCARD_ANY', 'TEXT_WILDCARD_ANY_IC', 'TEXT_WILDCARD_ALL', 'TEXT_WILDCARD_ALL_IC', 'TEXT_WILDCARDEXACT_ANY',
  'TEXT_WILDCARDEXACT_ANY_IC', 'TEXT_WILDCARDEXACT_ALL', 'TEXT_WILDCARDEXACT_ALL_IC', 'TEXT_REGEXP_ANY', 'TEXT_REGEXP_ANY_IC',
  'TEXT_REGEXP_ALL', 'TEXT_REGEXP_ALL_IC', 'TEXT_EQUALS', 'TEXT_EQUALS_IC', 'TEXT', 'TEXT_IC', 'TEXT_WER', 'BOT_CONSUMED', 'BOT_UNCONSUMED_COUNT',
]);
export const LOGIC_HOOKS = new Set([
  'PAUSE', 'WAITFORBOT', 'SET_SCRIPTING_MEMORY', 'CLEAR_SCRIPTING_MEMORY', 'ASSIGN_SCRIPTING_MEMORY', 'UPDATE_CUSTOM', 'SKIP_BOT_UNCONSUMED',
  'INCLUDE', 'CONDITIONAL_STEP_TIME_BASED', 'CONDITIONAL_STEP_BUSINESS_HOURS', 'CONDITIONAL_STEP_CAPABILITY_VALUE_BASED',
  'CONDITIONAL_STEP_JSON_PATH_BASED', 'CONVO_STEP_PARAMETERS', 'ORDERED_LIST_TO_BUTTON',
]);
export const USER_INPUTS = new Set(['BUTTON', 'MEDIA', 'FORM']);
const SENDERS: Sender[] = ['begin', 'include', 'me', 'bot', 'end'];

/** `a|b\|c` → ["a", "b|c"], each trimmed. */
function parseArgs(s: string): string[] {
  if (!s) return [];
  const ESCAPED = '\uE000';
  return s.split('\\|').join(ESCAPED).split('|').map((x) => x.split(ESCAPED).join('|').trim());
}

/** botium-core's test for a JSON message (the is-json package). */
function looksLikeJson(raw: string): boolean {
  const s = raw.replace(/\s/g, '');
  if (/^\{(.*?)\}$/.test(s)) return /"(.*?)":(.*?)/.test(s);
  if (/^\[(.*?)\]$/.test(s)) {
    const parts = s.replace(/^\[/, '').replace(/\]$/, '').replace(/},{/g, '}\n{').split(/\n/);
    return parts.map(looksLikeJson).reduce((_, cur) => cur);
  }
  return false;
}

const trimEnd = (s: string) => s.replace(/[\n\t\r]+$/, '');

/** One section's lines (as written, with their line numbers) into a step. */
function toStep(lines: { text: string; line: number }[], sender: Sender, channel: string | null, file: string, headerLine: number): BotiumStep {
  const step: BotiumStep = {
    sender,
    channel,
    messageText: null,
    not: false,
    optional: false,
    asserters: [],
    logicHooks: [],
    userInputs: [],
    stepTag: `Line ${headerLine}`,
    at: { file, line: headerLine, text: headerLine, asserters: [], logicHooks: [], userInputs: [] },
  };
  let pending: { text: string; line: number }[] = [];
  const text: { text: string; line: number }[] = [];
  let textAccepted = true;
  for (const raw of lines) {
    let optional = false;
    let not = false;
    let rest = raw.text;
    if (rest.startsWith('?')) {
      if (!rest.startsWith('??')) optional = true;
      rest = rest.slice(1);
    }
    if (rest.startsWith('!')) {
      if (!rest.startsWith('!!')) not = true;
      rest = rest.slice(1);
    }
    const name = rest.split(' ')[0]!;
    const args = () => (rest.length > name.length ? parseArgs(rest.slice(name.length + 1)) : []);
    if (sender !== 'me' && ASSERTERS.has(name)) {
      step.asserters.push({ name, args: args(), not, optional });
      step.at.asserters.push(raw.line);
    } else if (sender === 'me' && USER_INPUTS.has(name)) {
      step.userInputs.push({ name, args: args() });
      step.at.userInputs.push(raw.line);
      textAccepted = false;
    } else if (LOGIC_HOOKS.has(name)) {
      step.logicHooks.push({ name, args: args() });
      step.at.logicHooks.push(raw.line);
      textAccepted = false;
    } else if (sender === 'me' && !textAccepted) {
      if (raw.text.trim()) throw new TranscriptFormatError(file, raw.line, `no text expected here, after a user input or logic hook: "${raw.text.trim()}" (Botium refuses it too)`);
    } else pending.push(raw);
    // Empty lines count as text only when text follows them.
    if (pending.length && raw.text.trim()) {
      text.push(...pending);
      pending = [];
    }
  }
  if (pending.length && !text.length) {
    text.push(...pending);
    pending.pop();
  }
  if (text.length) {
    step.at.text = text[0]!.line;
    let first = text[0]!.text;
    if (first.startsWith('?')) {
      if (!first.startsWith('??')) step.optional = true;
      first = first.slice(1);
    }
    if (first.startsWith('!')) {
      if (!first.startsWith('!!')) step.not = true;
      first = first.slice(1);
    }
    const all = [first, ...text.slice(1).map((t) => t.text)];
    const content = all.join(' ');
    if (looksLikeJson(content)) {
      try {
        step.sourceData = JSON.parse(content);
      } catch (e) {
        throw new TranscriptFormatError(file, step.at.text, `a JSON message that does not parse: ${(e as Error).message}`);
      }
    } else step.messageText = trimEnd(all.join('\n'));
  }
  const flags = new Set<boolean>();
  if (step.messageText) flags.add(step.optional);
  for (const a of step.asserters) flags.add(a.optional);
  if (flags.size > 1) throw new TranscriptFormatError(file, headerLine, 'a step is optional (?) as a whole: mark its text and all its asserters, or none (Botium refuses it too)');
  return step;
}

/** A `.convo.txt` or `.pconvo.txt`: its name, description and steps. */
export function compileConvoText(file: string, source = readFileSync(file, 'utf8')): BotiumConvo {
  const lines = source.split(/\r\n|\r|\n/);
  const header: string[] = [];
  const steps: BotiumStep[] = [];
  let current: { sender: Sender; channel: string | null; line: number; lines: { text: string; line: number }[] } | null = null;
  const push = () => {
    if (current) steps.push(toStep(current.lines, current.sender, current.channel, file, current.line));
  };
  lines.forEach((text, i) => {
    const lineNo = i + 1;
    const word = text.startsWith('#') ? text.slice(1).split(' ')[0]! : null;
    if (word !== null && (SENDERS as string[]).includes(word)) {
      push();
      let sender = text.slice(1).trim();
      let channel: string | null = null;
      if (sender.indexOf(' ') > 0) {
        channel = sender.slice(sender.indexOf(' ') + 1).trim();
        sender = sender.slice(0, sender.indexOf(' ')).trim();
      }
      current = { sender: sender as Sender, channel, line: lineNo, lines: [] };
    } else if (current) (current as { lines: { text: string; line: number }[] }).lines.push({ text, line: lineNo });
    else header.push(text);
  });
  push();
  const name = header.length ? header[0]! : '';
  return {
    name: name || path.basename(file),
    ...(header.length > 1 ? { description: header.slice(1).join('\n') } : {}),
    file,
    conversation: steps,
    beginLogicHook: steps.filter((s) => s.sender === 'begin').flatMap((s) => s.logicHooks),
  };
}

export interface Utterances {
  name: string;
  variants: string[];
  file: string;
}
export interface MemoryRow {
  name: string;
  values: Record<string, string | null>;
  file: string;
  line: number;
}

function readUtterances(file: string): Utterances {
  const lines = readFileSync(file, 'utf8').split(/\r\n|\r|\n/);
  return { name: (lines[0] ?? '').trim(), variants: lines.slice(1).map(trimEnd).filter(Boolean), file };
}

/** A scripting memory table: `name|$var|$var` and a row per case, or the variables down the first column. */
function readMemory(file: string): MemoryRow[] {
  const lines = readFileSync(file, 'utf8').split(/\r\n|\r|\n/);
  if (lines.length < 2) return [];
  const cells = (l: string) => l.split('|').map((x) => x.trim());
  const rows: MemoryRow[] = [];
  if (lines[1]!.trim().startsWith('$')) {
    const names = cells(lines[0]!).slice(1);
    const vars = lines.slice(1).filter(Boolean).map(cells);
    names.forEach((name, i) => rows.push({ name, values: Object.fromEntries(vars.map((v) => [v[0]!, v[i + 1] || null])), file, line: 1 }));
  } else {
    const vars = cells(lines[0]!).slice(1);
    lines.forEach((l, i) => {
      if (i === 0 || !l) return;
      const [name, ...values] = cells(l);
      rows.push({ name: name!, values: Object.fromEntries(vars.map((v, k) => [v, values[k] ?? ''])) as Record<string, string>, file, line: i + 1 });
    });
  }
  return rows;
}

/** Botium settings of a project (`botium.json`) that change how scripts read or match. */
export interface BotiumSettings {
  memory: boolean;
  matchingMode: string;
  expansion: 'all' | 'first';
}

/**
 * A Botium project: the folder with `botium.json` nearest above a convo
 * (or the convo's own folder without one), with every script under it.
 */
export interface BotiumProject {
  root: string;
  settings: BotiumSettings;
  convos: BotiumConvo[];
  partials: Map<string, BotiumConvo>;
  utterances: Map<string, Utterances>;
  memory: MemoryRow[];
}

const SKIP = /^skip[.\-_]/i;

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const full = path.join(dir, n);
      if (n === 'node_modules' || n.startsWith('.')) return [];
      return statSync(full).isDirectory() ? filesUnder(full) : [full];
    });
}

export function projectRootOf(file: string): string {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    if (existsSync(path.join(dir, 'botium.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return path.dirname(path.resolve(file));
    dir = up;
  }
}

function readSettings(root: string): BotiumSettings {
  const settings: BotiumSettings = { memory: true, matchingMode: 'wildcardIgnoreCase', expansion: 'all' };
  const file = path.join(root, 'botium.json');
  if (!existsSync(file)) return settings;
  const caps = ((JSON.parse(readFileSync(file, 'utf8')) as { botium?: { Capabilities?: Record<string, unknown> } }).botium?.Capabilities ?? {}) as Record<string, unknown>;
  if (caps.SCRIPTING_ENABLE_MEMORY === false) settings.memory = false;
  if (typeof caps.SCRIPTING_MATCHING_MODE === 'string') settings.matchingMode = caps.SCRIPTING_MATCHING_MODE;
  if (caps.SCRIPTING_UTTEXPANSION_MODE === 'first') settings.expansion = 'first';
  return settings;
}

const projects = new Map<string, BotiumProject>();

/** Reads (once per run) every Botium script under a project root. */
export function readBotiumProject(root: string, fresh = false): BotiumProject {
  const known = projects.get(root);
  if (known && !fresh) return known;
  const project: BotiumProject = { root, settings: readSettings(root), convos: [], partials: new Map(), utterances: new Map(), memory: [] };
  for (const file of filesUnder(root)) {
    const base = path.basename(file);
    if (SKIP.test(base)) continue;
    if (base.endsWith('.pconvo.txt')) {
      const p = compileConvoText(file);
      if (project.partials.has(p.name)) throw new TranscriptFormatError(file, 1, `a second partial convo named "${p.name}" (the first is ${project.partials.get(p.name)!.file})`);
      project.partials.set(p.name, p);
    } else if (base.endsWith('.utterances.txt')) {
      const u = readUtterances(file);
      const seen = project.utterances.get(u.name);
      if (seen) seen.variants = [...new Set([...seen.variants, ...u.variants])];
      else project.utterances.set(u.name, u);
    } else if (base.endsWith('.scriptingmemory.txt')) project.memory.push(...readMemory(file));
  }
  projects.set(root, project);
  return project;
}

const varNames = (text: string | null | undefined): string[] => (typeof text === 'string' ? (text.match(/\$[A-Za-z]\w+/g) ?? []) : []);

/** The texts an utterance reference stands for (itself, when it names no list). */
export function resolveUtterance(project: BotiumProject, text: string): string[] {
  const u = project.utterances.get(text);
  if (u) return u.variants;
  const [head, ...rest] = text.split(' ');
  const list = project.utterances.get(head!);
  if (list && rest.length) return list.variants.map((v) => formatLike(v, rest));
  return [text];
}

/** Node's util.format for `%s` placeholders, as Botium fills utterance arguments. */
function formatLike(template: string, args: string[]): string {
  let i = 0;
  const out = template.replace(/%[sdj%]/g, (m) => (m === '%%' ? '%' : i < args.length ? String(args[i++]) : m));
  return [out, ...args.slice(i)].join(' ');
}

/** Partial convos in place of `#include` sections and `INCLUDE` hooks. */
function expandIncludes(project: BotiumProject, convo: BotiumConvo): BotiumStep[] {
  const walk = (steps: BotiumStep[], parents: string[], top: boolean, out: BotiumStep[]) => {
    for (const step of steps) {
      let names: string[];
      if (step.sender === 'include') {
        names = [...(step.channel ? [step.channel] : []), ...(step.messageText ?? '').split('\n').map((s) => s.trim()).filter(Boolean)];
      } else {
        const includes = step.logicHooks.filter((h) => h.name === 'INCLUDE');
        for (const h of includes) if (h.args.length !== 1) throw new TranscriptFormatError(step.at.file, step.at.logicHooks[step.logicHooks.indexOf(h)] ?? step.at.line, 'INCLUDE takes the name of one partial convo');
        names = includes.map((h) => h.args[0]!);
        const interacts = !!step.messageText || step.sourceData !== undefined || step.asserters.length > 0 || step.logicHooks.some((h) => h.name !== 'INCLUDE') || step.userInputs.length > 0;
        if ((names.length === 0 || interacts) && (top || (step.sender !== 'begin' && step.sender !== 'end'))) {
          out.push({ ...step, stepTag: `${parents.length ? `${parents.join('/')}/` : ''}${step.stepTag}` });
        }
      }
      for (const name of names) {
        if (parents.includes(name)) throw new TranscriptFormatError(step.at.file, step.at.line, `partial convos include each other in a circle: ${[...parents, name].join(' → ')}`);
        const partial = project.partials.get(name);
        if (!partial) {
          const known = [...project.partials.keys()];
          throw new TranscriptFormatError(step.at.file, step.at.line, `no partial convo named "${name}" under ${project.root}${known.length ? ` (known: ${known.join(', ')})` : ' (there are no .pconvo.txt files)'}`);
        }
        walk(partial.conversation, [...parents, name], false, out);
      }
    }
    return out;
  };
  return walk(convo.conversation, [], true, []);
}

/** Variables a convo (with its partial convos) uses, as botium-core finds them. */
function variablesOf(project: BotiumProject, steps: BotiumStep[], seen = new Set<string>()): string[] {
  if (!project.settings.memory) return [];
  const out: string[] = [];
  for (const step of steps) {
    const includes = step.sender === 'include'
      ? [...(step.channel ? [step.channel] : []), ...(step.messageText ?? '').split('\n').map((s) => s.trim()).filter(Boolean)]
      : step.logicHooks.filter((h) => h.name === 'INCLUDE').map((h) => h.args[0]!);
    if (step.sender !== 'include') {
      if (step.messageText) for (const t of resolveUtterance(project, step.messageText)) out.push(...varNames(t));
      for (const item of [...step.asserters, ...step.logicHooks, ...step.userInputs]) for (const arg of item.args) for (const t of resolveUtterance(project, arg)) out.push(...varNames(t));
    }
    for (const name of includes) {
      const partial = project.partials.get(name);
      if (partial && !seen.has(name)) out.push(...variablesOf(project, partial.conversation, new Set([...seen, name])));
    }
  }
  return [...new Set(out)];
}

/** One convo as it runs: partial convos included, one per scripting memory case and per utterance variant. */
export function expandConvo(project: BotiumProject, convo: BotiumConvo): BotiumConvo[] {
  // Scripting memory: each table whose variables the convo uses multiplies it by its cases.
  let variants: BotiumConvo[] = [convo];
  if (project.settings.memory && project.memory.length) {
    const used = variablesOf(project, convo.conversation);
    const tables = new Map<string, MemoryRow[]>();
    for (const row of project.memory) {
      const key = JSON.stringify(Object.keys(row.values).sort());
      tables.set(key, [...(tables.get(key) ?? []), row]);
    }
    for (const [key, rows] of tables) {
      const names = JSON.parse(key) as string[];
      if (!names.some((n) => used.includes(n))) continue;
      variants = variants.flatMap((v) =>
        rows.map((row) => ({
          ...v,
          name: `${v.name}.${row.name}`,
          beginLogicHook: [
            ...v.beginLogicHook,
            ...names.map((n) => (row.values[n] ? { name: 'SET_SCRIPTING_MEMORY', args: [n.slice(1), row.values[n]!] } : { name: 'CLEAR_SCRIPTING_MEMORY', args: [n.slice(1)] })),
          ],
        })),
      );
    }
  }
  const out: BotiumConvo[] = [];
  for (const v of variants) {
    const steps = expandIncludes(project, v);
    const grow = (i: number, done: BotiumStep[], name: string) => {
      if (i === steps.length) {
        out.push({ ...v, name, conversation: done });
        return;
      }
      const step = steps[i]!;
      if (step.sender === 'me' && step.messageText) {
        let uttName: string | null = null;
        let uttArgs: string[] | null = null;
        if (project.utterances.has(step.messageText)) uttName = step.messageText;
        else {
          const parts = step.messageText.split(' ');
          if (project.utterances.has(parts[0]!)) {
            uttName = parts[0]!;
            uttArgs = parts.slice(1);
          }
        }
        if (uttName) {
          const all = project.utterances.get(uttName)!.variants;
          const chosen = project.settings.expansion === 'first' ? all.slice(0, 1) : all;
          chosen.forEach((variant, k) => {
            const text = uttArgs ? formatLike(variant, uttArgs) : variant;
            const tag = `${k + 1}`.padStart(`${chosen.length}`.length, '0');
            grow(i + 1, [...done, { ...step, messageText: text }], chosen.length > 1 ? `${name}/${uttName}-L${tag}` : name);
          });
          return;
        }
      }
      grow(i + 1, [...done, step], name);
    };
    grow(0, [], v.name);
  }
  return out;
}

/** Every convo of a project, expanded, in botium-core's order (by name). */
export function expandProject(project: BotiumProject): BotiumConvo[] {
  const convos = filesUnder(project.root)
    .filter((f) => f.endsWith('.convo.txt') && !SKIP.test(path.basename(f)))
    .map((f) => compileConvoText(f))
    .filter((c) => !SKIP.test(c.name.toLowerCase()));
  return convos.flatMap((c) => expandConvo(project, c)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

// ---------------------------------------------------------------------------
// From Botium's steps to the runner's.

const CHANNELS = ['chat', 'voice', 'sms'] as const;

/** Logic hooks that cannot apply to this bot, and why. */
const REFUSED_HOOKS: Record<string, string> = {
  CONDITIONAL_STEP_TIME_BASED: 'a script that checks different things at different times checks nothing for sure; write one convo per case',
  CONDITIONAL_STEP_BUSINESS_HOURS: 'a script that checks different things at different times checks nothing for sure; write one convo per case',
  CONDITIONAL_STEP_CAPABILITY_VALUE_BASED: 'there are no Botium capabilities here to branch on',
  CONDITIONAL_STEP_JSON_PATH_BASED: 'a step that may or may not be checked can pass unchecked; write one convo per case',
  ORDERED_LIST_TO_BUTTON: 'this bot offers its choices as buttons already',
};

function channelOf(step: BotiumStep): (typeof CHANNELS)[number] | null {
  if (!step.channel) return null;
  const name = step.channel.replace(/^#/, '');
  if ((CHANNELS as readonly string[]).includes(name)) return name as (typeof CHANNELS)[number];
  throw new TranscriptFormatError(step.at.file, step.at.line, `"#${step.sender} ${step.channel}" names a channel this bot does not have (it has chat, voice and sms)`);
}

function refuseHook(step: BotiumStep, i: number, reason: string): never {
  const h = step.logicHooks[i]!;
  throw new TranscriptFormatError(step.at.file, step.at.logicHooks[i] ?? step.at.line, `${h.name} cannot apply to this bot: ${reason}`);
}

function stepParameters(step: BotiumStep, i: number): number | undefined {
  const args = step.logicHooks[i]!.args;
  let params: Record<string, unknown> = {};
  if (args[0]?.trim().startsWith('{')) {
    try {
      params = JSON.parse(args[0]) as Record<string, unknown>;
    } catch {
      refuseHook(step, i, 'its argument is not JSON');
    }
  } else for (const a of args) params[a.slice(0, a.indexOf(':'))] = a.slice(a.indexOf(':') + 1);
  let retryMs: number | undefined;
  for (const [key, value] of Object.entries(params)) {
    const retry = value as { timeout?: unknown } | undefined;
    if (key === 'ignoreNotMatchedBotResponses' && retry && Number(retry.timeout) > 0) retryMs = Number(retry.timeout);
    else refuseHook(step, i, `only ignoreNotMatchedBotResponses with a timeout is understood here, not "${key}"`);
  }
  return retryMs;
}

/** One expanded convo, for one run, in the runner's steps. */
export function toConversation(project: BotiumProject, convo: BotiumConvo, file: string): Conversation {
  const steps: Located<PlayStep>[] = [];
  const at = (step: BotiumStep, line = step.at.line): Pick<Located<PlayStep>, 'line' | 'file'> => ({ line, ...(step.at.file !== file ? { file: step.at.file } : {}) });
  const channels = new Set<string>();
  const custom: Record<string, unknown> = {};
  const remember = (step: BotiumStep, h: BotiumHook, line: number) => {
    if (h.name === 'SET_SCRIPTING_MEMORY') steps.push({ value: { remember: { name: h.args[0]!.replace(/^\$/, ''), value: h.args[1] ?? '' } }, ...at(step, line) });
    else steps.push({ value: { remember: { name: h.args[0]!.replace(/^\$/, ''), value: null } }, ...at(step, line) });
  };
  const update = (step: BotiumStep, i: number, into: Record<string, unknown>) => {
    const [name, key, value] = step.logicHooks[i]!.args;
    if (name !== 'channelData' && name !== 'value') refuseHook(step, i, `this bot reads channelData and value from an activity, not "${name}"`);
    const parse = (s: string) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        return s;
      }
    };
    const target = ((into[name] as Record<string, unknown> | undefined) ??= {});
    if (key === undefined) refuseHook(step, i, 'give a field and a value: UPDATE_CUSTOM channelData|field|value');
    target[key] = value === undefined ? true : parse(value);
  };
  for (const h of convo.beginLogicHook.filter((x) => x.name === 'SET_SCRIPTING_MEMORY' || x.name === 'CLEAR_SCRIPTING_MEMORY')) {
    if (!convo.conversation.some((s) => s.sender === 'begin' && s.logicHooks.includes(h))) {
      // A scripting memory case: its values are known before the first step.
      steps.push({ value: { remember: { name: h.args[0]!, value: h.name === 'SET_SCRIPTING_MEMORY' ? h.args[1]! : null } }, line: 1 });
    }
  }
  for (const step of convo.conversation) {
    const channel = channelOf(step);
    if (channel) channels.add(channel);
    const only = <T extends PlayStep>(value: T): PlayStep => (channel ? ({ ...value, only: channel } as PlayStep) : value);
    if (step.sender === 'begin' || step.sender === 'end') {
      if (step.asserters.length) throw new TranscriptFormatError(step.at.file, step.at.asserters[0]!, `asserters in #${step.sender} check the whole conversation; this runner checks each message: put them in a #bot section`);
      step.logicHooks.forEach((h, i) => {
        if (h.name === 'SET_SCRIPTING_MEMORY' || h.name === 'CLEAR_SCRIPTING_MEMORY') remember(step, h, step.at.logicHooks[i]!);
        else if (h.name === 'PAUSE') steps.push({ value: { pause: Number(h.args[0] ?? 0) }, ...at(step, step.at.logicHooks[i]) });
        else if (h.name === 'UPDATE_CUSTOM' && step.sender === 'begin') update(step, i, custom);
        else if (h.name !== 'INCLUDE') refuseHook(step, i, REFUSED_HOOKS[h.name] ?? `it has no meaning in #${step.sender} here`);
      });
      if (step.messageText) throw new TranscriptFormatError(step.at.file, step.at.text, `text in #${step.sender} is neither said nor checked`);
      continue;
    }
    if (step.sender !== 'me' && step.sender !== 'bot') continue;
    if (step.sender === 'me') {
      const send: SendStep['send'] = {};
      const fields: Record<string, unknown> = JSON.parse(JSON.stringify(custom)) as Record<string, unknown>;
      let waitMs: number | undefined;
      step.logicHooks.forEach((h, i) => {
        const line = step.at.logicHooks[i]!;
        if (h.name === 'PAUSE') steps.push({ value: only({ pause: Number(h.args[0] ?? 0) }), ...at(step, line) });
        else if (h.name === 'WAITFORBOT') waitMs = Number(h.args[0] ?? 0) || undefined;
        else if (h.name === 'SET_SCRIPTING_MEMORY' || h.name === 'CLEAR_SCRIPTING_MEMORY') remember(step, h, line);
        else if (h.name === 'UPDATE_CUSTOM') update(step, i, fields);
        else if (h.name === 'SKIP_BOT_UNCONSUMED') steps.push({ value: only({ clearMessages: true }), ...at(step, line) });
        else if (h.name !== 'INCLUDE') refuseHook(step, i, REFUSED_HOOKS[h.name] ?? 'it applies to what the bot says: put it in a #bot section');
      });
      step.userInputs.forEach((u, i) => {
        const line = step.at.userInputs[i]!;
        if (u.name === 'BUTTON') {
          const [first, second] = u.args;
          if (first === undefined) throw new TranscriptFormatError(step.at.file, line, 'BUTTON names the button: its label, or its value and label');
          let value: unknown;
          try {
            value = /^[{[]/.test(first) ? JSON.parse(first) : undefined;
          } catch {
            value = undefined;
          }
          send.button = value !== undefined ? { value, ...(second ? { label: second } : {}) } : { label: second ?? first };
        } else if (u.name === 'FORM') {
          // The bot reads a submitted value's `choice` only (what its buttons send).
          if (u.args.length < 2) throw new TranscriptFormatError(step.at.file, line, 'FORM takes a field and its value: FORM field|value');
          if (u.args[0] !== 'choice') throw new TranscriptFormatError(step.at.file, line, `FORM cannot apply to this bot: it shows no form, and reads only the "choice" a button submits, not "${u.args[0]}"; a submit without it gets no answer`);
          send.form = { ...(send.form ?? {}), [u.args[0]!]: u.args[1]! };
        } else if (u.name === 'MEDIA') {
          throw new TranscriptFormatError(step.at.file, line, 'MEDIA cannot apply to this bot: it takes no attachments (statements and receipts go the other way), so a message carrying one gets no answer');
        }
      });
      if (step.messageText) send.text = step.messageText;
      if (step.sourceData !== undefined) {
        if (typeof step.sourceData !== 'object' || Array.isArray(step.sourceData)) throw new TranscriptFormatError(step.at.file, step.at.text, 'a JSON #me message is one activity (an object)');
        Object.assign(fields, step.sourceData);
      }
      if (Object.keys(fields).length) send.fields = fields;
      if (send.text !== undefined || send.button || send.form || send.attachment || send.fields) {
        steps.push({ value: only({ send }), ...at(step, step.at.text) });
        if (waitMs) (steps[steps.length - 1]!.value as SendStep & { waitMs?: number }).waitMs = waitMs;
      }
      continue;
    }
    // #bot
    if (step.sourceData !== undefined) throw new TranscriptFormatError(step.at.file, step.at.text, 'a JSON #bot message is not compared with anything by Botium either: check fields with JSON_PATH $.field|value');
    const assertions: Assertion[] = [];
    const message: MessageStep['message'] = { assertions };
    const mode = project.settings.matchingMode;
    const base = mode.replace(/IgnoreCase$|LowerCase$/, '') as MatchMode;
    if (!['wildcard', 'wildcardExact', 'include', 'equals', 'regexp'].includes(base)) throw new TranscriptFormatError(path.join(project.root, 'botium.json'), 1, `SCRIPTING_MATCHING_MODE "${mode}" is not understood here (wildcard, wildcardExact, include, equals, regexp, each with IgnoreCase)`);
    if (step.messageText) {
      message.captureFrom = {
        text: step.messageText,
        ...(step.not ? { not: true } : {}),
        line: step.at.text,
        mode: base,
        ignoreCase: mode !== base,
      };
    }
    step.asserters.forEach((a, i) => {
      const line = step.at.asserters[i]!;
      if (REFUSED_ASSERTERS[a.name]) throw new TranscriptFormatError(step.at.file, line, `${a.name} cannot apply to this bot: ${REFUSED_ASSERTERS[a.name]}`);
      if (!SUPPORTED_ASSERTERS.has(a.name)) throw new TranscriptFormatError(step.at.file, line, `${a.name} is not understood here`);
      const args = a.args.flatMap((x) => resolveUtterance(project, x));
      assertions.push({ name: a.name, args, ...(a.not ? { not: true } : {}), line, ...(step.at.file !== file ? { file: step.at.file } : {}) });
    });
    const after: Located<PlayStep>[] = [];
    step.logicHooks.forEach((h, i) => {
      const line = step.at.logicHooks[i]!;
      if (h.name === 'ASSIGN_SCRIPTING_MEMORY') {
        if (h.args.length < 2) refuseHook(step, i, 'give the variable and the JSONPath: ASSIGN_SCRIPTING_MEMORY name|$.path');
        message.assign = [...(message.assign ?? []), { name: h.args[0]!.replace(/^\$/, ''), path: h.args[1]! }];
      } else if (h.name === 'WAITFORBOT') message.waitMs = Number(h.args[0] ?? 0) || undefined;
      else if (h.name === 'CONVO_STEP_PARAMETERS') {
        const ms = stepParameters(step, i);
        if (ms) message.retryMs = ms;
      } else if (h.name === 'PAUSE') after.push({ value: only({ pause: Number(h.args[0] ?? 0) }), ...at(step, line) });
      else if (h.name === 'SET_SCRIPTING_MEMORY' || h.name === 'CLEAR_SCRIPTING_MEMORY') {
        after.push({ value: { remember: { name: h.args[0]!.replace(/^\$/, ''), value: h.name === 'SET_SCRIPTING_MEMORY' ? (h.args[1] ?? '') : null } }, ...at(step, line) });
      } else if (h.name === 'SKIP_BOT_UNCONSUMED') after.push({ value: only({ clearMessages: true }), ...at(step, line) });
      else if (h.name !== 'INCLUDE') refuseHook(step, i, REFUSED_HOOKS[h.name] ?? 'it changes what the user sends: put it in a #me section');
    });
    if (step.optional || step.asserters.some((a) => a.optional)) message.optional = true;
    steps.push({ value: only({ message }), ...at(step) });
    steps.push(...after);
  }
  const used = channels.size ? [...channels] : ['chat'];
  return {
    file,
    line: 1,
    name: convo.name,
    tags: ['imported', 'botium'],
    channels: used as Channel[],
    language: 'en',
    steps,
    variables: 'botium',
  };
}

/** The conversations a `.convo.txt` runs as, refused with `file:line` where it cannot apply to this bot. */
export function importBotium(file: string): Conversation[] {
  const project = readBotiumProject(projectRootOf(file));
  const convo = compileConvoText(file);
  if (!convo.conversation.length) throw new TranscriptFormatError(file, 1, 'no #me or #bot section: nothing is said and nothing is checked');
  const conversations = expandConvo(project, convo).map((c) => toConversation(project, c, file));
  for (const c of conversations) {
    for (const channel of c.channels) {
      const checks = c.steps.filter((s) => 'message' in s.value && (!('only' in s.value) || (s.value as { only?: string }).only === channel));
      if (!checks.length) throw new TranscriptFormatError(file, 1, `"${c.name}" checks nothing${c.channels.length > 1 ? ` on ${channel}` : ''}: add a #bot section with what the bot should say`);
    }
  }
  return conversations;
}

/** For a run: the texts a `#bot` line stands for (an utterance list's variants, or itself). */
export function utterancesFor(file: string): (text: string) => string[] {
  if (!file.endsWith('.convo.txt')) return (t) => [t];
  const project = readBotiumProject(projectRootOf(file));
  return (t) => resolveUtterance(project, t);
}
