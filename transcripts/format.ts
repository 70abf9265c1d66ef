import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { z } from 'zod';

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

const conversation = z
  .object({
    name: z.string().min(1),
    tags: z.array(z.string()).default([]),
    channel: z.union([z.enum(['chat', 'voice', 'sms']), z.array(z.enum(['chat', 'voice', 'sms'])).min(1)]).default('chat'),
    language: z.enum(['en', 'es']).default('en'),
    caller: z.string().regex(/^\+[1-9]\d{7,14}$/).optional(),
    skip: z.string().optional(),
    steps: z.array(step).min(1),
  })
  .strict();

export type Expectation = z.infer<typeof expectation>;
export type Step = z.infer<typeof step>;

export interface Located<T> {
  value: T;
  line: number;
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
  steps: Located<Step>[];
}

export class TranscriptFormatError extends Error {
  constructor(readonly file: string, readonly line: number, reason: string) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'TranscriptFormatError';
  }
}

/** Reads a transcript file into conversations, each step with the line it was written on. */
export function readTranscriptFile(file: string): Conversation[] {
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new TranscriptFormatError(file, e.linePos?.[0]?.line ?? 1, e.message);
  }
  const lineOf = (node: YamlNode | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 1);
  const root = doc.contents;
  const list = isMap(root) && root.has('conversations') ? root.get('conversations', true) : null;
  const nodes: YamlNode[] = list ? (isSeq(list) ? (list.items as YamlNode[]) : []) : root ? [root as YamlNode] : [];
  if (list && !isSeq(list)) throw new TranscriptFormatError(file, lineOf(list as YamlNode), '`conversations` must be a list');

  return nodes.map((node) => {
    const parsed = conversation.safeParse((node as { toJSON(): unknown }).toJSON());
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      let at: unknown = node;
      for (const key of issue.path) at = isMap(at) || isSeq(at) ? (at as { get(k: unknown, keep: boolean): unknown }).get(key, true) ?? at : at;
      throw new TranscriptFormatError(file, lineOf(at as YamlNode), `${issue.path.join('.') || 'conversation'}: ${issue.message}`);
    }
    const c = parsed.data;
    const stepNodes = isMap(node) ? (node.get('steps', true) as { items?: YamlNode[] } | undefined)?.items ?? [] : [];
    return {
      file,
      line: lineOf(node),
      name: c.name,
      tags: c.tags,
      channels: Array.isArray(c.channel) ? c.channel : [c.channel],
      language: c.language,
      ...(c.caller ? { caller: c.caller } : {}),
      ...(c.skip ? { skip: c.skip } : {}),
      steps: c.steps.map((value, i) => ({ value, line: lineOf(stepNodes[i]) })),
    };
  });
}
