import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import type { Assertion, MatchMode } from './messages';

/**
 * The transcript format testers write (YAML). One file holds one
 * conversation, or several under `conversations:`; each names the channels it
 * runs on, its language and its steps. See transcripts/README.md.
 */
export type Channel = 'chat' | 'voice' | 'sms';

const text = z.union([z.string(), z.array(z.string())]);

const expectation = z
  .object({
    text: z.string().optional(),
    contains: text.optional(),
    any_of: z.array(z.string()).optional(),
    not_contains: text.optional(),
    regex: z.string().optional(),
    actions: z.array(z.string()).optional(),
    intent: z.string().optional(),
    handoff: z.boolean().optional(),
    end: z.boolean().optional(),
    receipt: z.boolean().optional(),
    capture: z.record(z.string(), z.string()).optional(),
  })
  .strict();

const step = z.union([
  z.object({ user: z.string() }).strict(),
  z.object({ click: z.string() }).strict(),
  z.object({ press: z.union([z.string(), z.number()]).transform(String) }).strict(),
  z.object({ say: z.object({ text: z.string(), confidence: z.number().min(0).max(1).default(0.9) }).strict() }).strict(),
  z.object({ silence: z.literal(true) }).strict(),
  z.object({ hangup: z.literal(true) }).strict(),
  z.object({ bot: expectation }).strict(),
]);

const channelName = z.enum(['chat', 'voice', 'sms']);
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const conversation = z
  .object({
    name: z.string().min(1),
    /** Named preludes from the nearest fixtures.yaml, played before the steps. */
    fixtures: z.array(z.string()).default([]),
    /** Values for `${name}` placeholders. */
    vars: z.record(z.string(), scalar).default({}),
    /** A data table: the conversation runs once per row, the row's values as variables. */
    data: z.array(z.record(z.string(), scalar)).min(1).optional(),
    tags: z.array(z.string()).default([]),
    channel: z.union([channelName, z.array(channelName).min(1)]).default('chat'),
    language: z.enum(['en', 'es']).default('en'),
    caller: z.string().regex(/^\+[1-9]\d{7,14}$/).optional(),
    skip: z.string().optional(),
    steps: z.array(step).min(1),
  })
  .strict();

export type Expectation = z.infer<typeof expectation>;
export type Step = z.infer<typeof step>;

/**
 * Steps that scripts from other tools (Botium, Bot Framework `.transcript`)
 * become. `message` checks the bot's next message, one message per step;
 * `send` posts an activity (text, a button's value, a form, an attachment,
 * channelData); the rest act on the run's variables or its pace.
 */
export interface MessageStep {
  message: {
    assertions: Assertion[];
    /** Botium `?`: when the message does not match, the step is skipped and the message is left for the next. */
    optional?: boolean;
    /** `$name` tokens of a Botium text line that capture from the reply. */
    captureFrom?: { text: string; not?: boolean; line: number; mode: MatchMode; ignoreCase: boolean };
    /** ASSIGN_SCRIPTING_MEMORY: variable ← JSONPath of the activity. */
    assign?: { name: string; path: string }[];
    /** CONVO_STEP_PARAMETERS ignoreNotMatchedBotResponses: messages that do not match are skipped for this long. */
    retryMs?: number;
    /** WAITFORBOT: how long to wait for the message. */
    waitMs?: number;
  };
}
export interface SendStep {
  send: {
    text?: string;
    /** A click: the label of an offered button, or a value sent as a card submit. */
    button?: { label?: string; value?: unknown };
    form?: Record<string, string>;
    attachment?: string;
    /** Further activity fields (channelData, value, a whole JSON activity). */
    fields?: Record<string, unknown>;
  };
}
export type ImportedStep = MessageStep | SendStep | { pause: number } | { remember: { name: string; value: string | null } } | { clearMessages: true };
/** A step an imported script runs on one channel only (Botium's `#bot chat`). */
export type PlayStep = (Step | ImportedStep) & { only?: Channel };

export interface Located<T> {
  value: T;
  line: number;
  /** The file the step was written in, when not the conversation's own (a fixture, an included file). */
  file?: string;
}

export interface Conversation {
  file: string;
  line: number;
  name: string;
  tags: string[];
  channels: Channel[];
  language: 'en' | 'es';
  caller?: string;
  skip?: string;
  /** Variables known before the first step: the conversation's `vars` and its data-table row. */
  vars?: Record<string, string>;
  steps: Located<PlayStep>[];
  /** How variables are written: `${name}` (this format) or Botium's `$name`. */
  variables?: 'braces' | 'botium';
  /** Activities of a recording that are not replayed, by kind (typing, trace, event), for the report. */
  ignored?: Record<string, number>;
  /** Fixture steps to play first, per channel. */
  prelude?: Partial<Record<Channel, Located<Step>[]>>;
}

export class TranscriptFormatError extends Error {
  constructor(readonly file: string, readonly line: number, reason: string) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'TranscriptFormatError';
  }
}

interface ParsedYaml {
  doc: Document.Parsed;
  lineOf(node: unknown): number;
}

function parseYaml(file: string): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new TranscriptFormatError(file, e.linePos?.[0]?.line ?? 1, e.message);
  }
  const lineOf = (node: unknown) => {
    const range = (node as YamlNode | null | undefined)?.range;
    return range ? lines.linePos(range[0]).line : 1;
  };
  return { doc, lineOf };
}

/** Validates one YAML node, or throws with the line of the first mistake. */
function validate<S extends z.ZodType>(schema: S, node: unknown, file: string, lineOf: (n: unknown) => number, what: string): z.output<S> {
  const parsed = schema.safeParse((node as { toJSON(): unknown }).toJSON());
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  let at: unknown = node;
  for (const key of issue.path) at = isMap(at) || isSeq(at) ? (at as { get(k: unknown, keep: boolean): unknown }).get(key, true) ?? at : at;
  throw new TranscriptFormatError(file, lineOf(at), `${issue.path.join('.') || what}: ${issue.message}`);
}

function stepsOf(node: unknown, key: string, file: string, lineOf: (n: unknown) => number, values: Step[]): Located<Step>[] {
  const items = isMap(node) ? ((node.get(key, true) as { items?: unknown[] } | undefined)?.items ?? []) : [];
  return values.map((value, i) => ({ value, line: lineOf(items[i]), file }));
}

const fixture = z
  .object({
    description: z.string().optional(),
    caller: z.string().regex(/^\+[1-9]\d{7,14}$/).optional(),
    steps: z.array(step).min(1).optional(),
    chat: z.array(step).min(1).optional(),
    voice: z.array(step).min(1).optional(),
    sms: z.array(step).min(1).optional(),
  })
  .strict();

/** One named prelude from a fixtures file: steps for any channel, or per channel. */
export interface Fixture {
  name: string;
  file: string;
  line: number;
  description?: string;
  caller?: string;
  steps: Partial<Record<Channel | 'any', Located<Step>[]>>;
}

/** The fixtures a transcript file can use: every `fixtures.yaml` from its folder up, the nearest winning. */
export function fixturesFor(file: string): Map<string, Fixture> {
  const found = new Map<string, Fixture>();
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    const candidate = path.join(dir, 'fixtures.yaml');
    if (existsSync(candidate)) {
      for (const f of readFixtureFile(candidate)) if (!found.has(f.name)) found.set(f.name, f);
    }
    const up = path.dirname(dir);
    if (up === dir) return found;
    dir = up;
  }
}

export function readFixtureFile(file: string): Fixture[] {
  const { doc, lineOf } = parseYaml(file);
  const root = doc.contents;
  if (!isMap(root)) throw new TranscriptFormatError(file, 1, 'a fixtures file maps each fixture name to its steps');
  return root.items.map((pair) => {
    const name = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
    const f = validate(fixture, pair.value, file, lineOf, name);
    if (!f.steps && !f.chat && !f.voice && !f.sms) throw new TranscriptFormatError(file, lineOf(pair.value), `${name}: give it steps, or steps per channel (chat, voice, sms)`);
    const steps: Fixture['steps'] = {};
    for (const key of ['steps', 'chat', 'voice', 'sms'] as const) {
      const values = f[key];
      if (values) steps[key === 'steps' ? 'any' : key] = stepsOf(pair.value, key, file, lineOf, values);
    }
    return { name, file, line: lineOf(pair.key), ...(f.description ? { description: f.description } : {}), ...(f.caller ? { caller: f.caller } : {}), steps };
  });
}

/** Replaces `${name}` with a known value; unknown names are left as written. */
export function fillVars(text: string, vars: ReadonlyMap<string, string> | Record<string, string>): string {
  const get = (name: string) => (vars instanceof Map ? vars.get(name) : (vars as Record<string, string>)[name]);
  return text.replace(/\$\{(\w+)\}/g, (m, name: string) => get(name) ?? m);
}

/** Reads a transcript file into conversations, each step with the line it was written on. */
export function readTranscriptFile(file: string): Conversation[] {
  const { doc, lineOf } = parseYaml(file);
  const root = doc.contents;
  const list = isMap(root) && root.has('conversations') ? root.get('conversations', true) : null;
  if (list && !isSeq(list)) throw new TranscriptFormatError(file, lineOf(list), '`conversations` must be a list');
  const nodes: unknown[] = list ? (list as { items: unknown[] }).items : root ? [root] : [];
  let fixtures: Map<string, Fixture> | null = null;

  return nodes.flatMap((node) => {
    const c = validate(conversation, node, file, lineOf, 'conversation');
    const channels = Array.isArray(c.channel) ? c.channel : [c.channel];
    let caller = c.caller;
    const prelude: Partial<Record<Channel, Located<Step>[]>> = {};
    if (c.fixtures.length) {
      fixtures ??= fixturesFor(file);
      const namesNode = isMap(node) ? node.get('fixtures', true) : null;
      for (const name of c.fixtures) {
        const f = fixtures.get(name);
        if (!f) {
          const known = [...fixtures.keys()];
          throw new TranscriptFormatError(file, lineOf(namesNode), `no fixture "${name}" in a fixtures.yaml beside this file or above it${known.length ? ` (known: ${known.join(', ')})` : ''}`);
        }
        for (const channel of channels) {
          const steps = f.steps[channel] ?? f.steps.any;
          if (!steps) throw new TranscriptFormatError(file, lineOf(namesNode), `fixture "${name}" has no steps for ${channel} (${f.file}:${f.line})`);
          prelude[channel] = [...(prelude[channel] ?? []), ...steps];
        }
        caller ??= f.caller;
      }
    }
    const base: Conversation = {
      file,
      line: lineOf(node),
      name: c.name,
      tags: c.tags,
      channels,
      language: c.language,
      ...(caller ? { caller } : {}),
      ...(c.skip ? { skip: c.skip } : {}),
      vars: c.vars,
      steps: stepsOf(node, 'steps', file, lineOf, c.steps),
      ...(c.fixtures.length ? { prelude } : {}),
    };
    if (!c.data) return [base];
    const rows = isMap(node) ? ((node.get('data', true) as { items?: unknown[] } | undefined)?.items ?? []) : [];
    return c.data.map((row, i) => {
      const vars = { ...c.vars, ...row };
      // A row may also set the conversation's language and caller.
      const language = row.language === 'en' || row.language === 'es' ? row.language : c.language;
      const rowCaller = row.caller && /^\+[1-9]\d{7,14}$/.test(row.caller) ? row.caller : caller;
      const name = c.name.includes('${') ? fillVars(c.name, vars) : `${c.name} [${Object.values(row).join(', ')}]`;
      return { ...base, name, language, ...(rowCaller ? { caller: rowCaller } : {}), vars, line: lineOf(rows[i]) };
    });
  });
}
