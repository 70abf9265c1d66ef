import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { INTENT_NAMES, PROMPTS } from '../core/conversation';
import { driverFor, type Action, type BotReply, type Target } from './drivers';
import { fillVars, readTranscriptFile, type Channel, type Conversation, type Expectation, type Located, type Step } from './format';
import { importBotFrameworkTranscript, importBotiumConvo, importTranscriptStoreFolder, isTranscriptStoreFolder } from './importers';

/** The outcome of one conversation on one channel. */
export interface Outcome {
  conversation: Conversation;
  channel: Channel;
  passed: boolean;
  skipped?: string;
  failure?: { file: string; line: number; expected: string; actual: string; reason: string };
  /** What was said so far, for the report. */
  transcript: string[];
  latencies: number[];
  intents: string[];
  /** Flow steps the replies waited on (chat and phone). */
  prompts: string[];
  seconds: number;
}

export interface RunOptions {
  paths: string[];
  target: Target;
  channel?: Channel;
  tag?: string;
  /** Values for `${name}` placeholders given on the command line (`--var name=value`). */
  vars?: Record<string, string>;
}

export interface Report {
  outcomes: Outcome[];
  passed: number;
  failed: number;
  skipped: number;
}

/** All transcript files (*.yaml, *.yml) under the given files and folders. */
export function transcriptFiles(paths: string[]): string[] {
  return paths.flatMap((p) => {
    if (!existsSync(p)) throw new Error(`no such file or folder: ${p}`);
    if (statSync(p).isDirectory()) {
      // A conversation folder of the live-chat transcript store is one script; any other folder holds scripts.
      return isTranscriptStoreFolder(p) ? [p] : transcriptFiles(readdirSync(p).map((f) => path.join(p, f))).sort();
    }
    return /\.ya?ml$|\.transcript$|\.convo\.txt$/.test(p) && !/fixtures\.ya?ml$/.test(p) ? [p] : [];
  });
}

/** Conversations of one file, whichever format it is in. */
export function readConversations(file: string): Conversation[] {
  if (file.endsWith('.transcript')) return importBotFrameworkTranscript(file);
  if (statSync(file).isDirectory()) return importTranscriptStoreFolder(file);
  if (file.endsWith('.convo.txt')) return importBotiumConvo(file);
  return readTranscriptFile(file);
}

const DEFAULT_CALLER = '+15555550100';

/** What the user does must be fully known: an unknown `${name}` stops the conversation with its name. */
function strictFill(text: string, vars: Map<string, string>): string {
  const filled = fillVars(text, vars);
  const missing = /\$\{(\w+)\}/.exec(filled);
  if (missing) throw new Error(`\${${missing[1]}} has no value: capture it in an earlier step, set it under vars or data, or pass --var ${missing[1]}=…`);
  return filled;
}

function actionOf(step: Step, vars: Map<string, string>): Action | null {
  if ('user' in step) return { kind: 'text', text: strictFill(step.user, vars) };
  if ('click' in step) return { kind: 'click', label: strictFill(step.click, vars) };
  if ('press' in step) return { kind: 'press', digits: strictFill(step.press, vars) };
  if ('say' in step) return { kind: 'say', text: strictFill(step.say.text, vars), confidence: step.say.confidence };
  if ('silence' in step) return { kind: 'silence' };
  if ('hangup' in step) return { kind: 'hangup' };
  return null;
}

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Checks one reply against an expectation; returns why it fails, or null. */
export function check(reply: BotReply, e: Expectation, vars: Map<string, string>): { expected: string; reason: string } | null {
  const t = reply.text;
  if (e.text !== undefined && t !== fillVars(e.text, vars)) return { expected: `exactly "${fillVars(e.text, vars)}"`, reason: 'text differs' };
  for (const c of list(e.contains)) if (!t.includes(fillVars(c, vars))) return { expected: `contains "${fillVars(c, vars)}"`, reason: 'missing text' };
  for (const c of list(e.not_contains)) if (t.includes(fillVars(c, vars))) return { expected: `does not contain "${fillVars(c, vars)}"`, reason: 'unwanted text' };
  if (e.any_of && !e.any_of.some((c) => t.includes(fillVars(c, vars)))) return { expected: `any of ${JSON.stringify(e.any_of)}`, reason: 'none present' };
  if (e.regex !== undefined && !new RegExp(fillVars(e.regex, vars)).test(t)) return { expected: `matches /${e.regex}/`, reason: 'no match' };
  for (const action of e.actions ?? []) {
    const a = fillVars(action, vars);
    if (!reply.actions.includes(a)) return { expected: `a button "${a}"`, reason: `buttons were ${JSON.stringify(reply.actions)}` };
  }
  const intent = e.intent === undefined ? undefined : fillVars(e.intent, vars);
  if (intent !== undefined && reply.intent !== intent) return { expected: `intent ${intent}`, reason: `intent was ${reply.intent ?? 'not reported'}` };
  if (e.handoff !== undefined && reply.handoff !== e.handoff) return { expected: `handoff ${e.handoff}`, reason: `handoff was ${reply.handoff}` };
  if (e.end !== undefined && reply.end !== e.end) return { expected: `end ${e.end}`, reason: `end was ${reply.end}` };
  if (e.receipt !== undefined && reply.receipt !== e.receipt) return { expected: `receipt ${e.receipt}`, reason: `receipt was ${reply.receipt}` };
  for (const [name, pattern] of Object.entries(e.capture ?? {})) {
    const m = new RegExp(pattern).exec(t);
    if (!m) return { expected: `a value for \${${name}} matching /${pattern}/`, reason: 'nothing to capture' };
    vars.set(name, m[1] ?? m[0]);
  }
  return null;
}

function freshOutcome(conversation: Conversation, channel: Channel): Outcome {
  return { conversation, channel, passed: true, transcript: [], latencies: [], intents: [], prompts: [], seconds: 0 };
}

/** Plays one conversation on one channel; every `bot` step checks the reply to the action before it. */
export async function play(conversation: Conversation, channel: Channel, target: Target, given: Record<string, string> = {}): Promise<Outcome> {
  const started = performance.now();
  const outcome = freshOutcome(conversation, channel);
  const vars = new Map<string, string>(Object.entries({ ...conversation.vars, ...given }));
  const steps: Located<Step>[] = [...(conversation.prelude?.[channel] ?? []), ...conversation.steps];
  let at: Located<Step> | null = null;
  const driver = driverFor(channel, target, conversation.language, conversation.caller ?? DEFAULT_CALLER);
  let last: BotReply | null = null;
  const heard = (r: BotReply) => {
    last = r;
    outcome.latencies.push(r.ms);
    if (r.intent) outcome.intents.push(r.intent);
    if (r.prompt) outcome.prompts.push(r.prompt);
    outcome.transcript.push(`bot:  ${r.text}${r.actions.length ? `  [${r.actions.join(' | ')}]` : ''}`);
  };
  try {
    const greeting = await driver.start();
    if (greeting) heard(greeting);
    for (const located of steps) {
      at = located;
      const { value: step, line } = located;
      if ('bot' in step) {
        const reply = last as BotReply | null;
        const problem = reply ? check(reply, step.bot, vars) : { expected: 'a reply', reason: 'nothing was said yet' };
        if (problem) {
          outcome.passed = false;
          outcome.failure = { file: located.file ?? conversation.file, line, expected: problem.expected, actual: reply?.text ?? '(nothing)', reason: problem.reason };
          break;
        }
        continue;
      }
      const action = actionOf(step, vars)!;
      outcome.transcript.push(`user: ${'text' in action ? action.text : 'label' in action ? `[${action.label}]` : 'digits' in action ? `keys ${action.digits}` : `(${action.kind})`}`);
      heard(await driver.act(action));
    }
  } catch (e) {
    outcome.passed = false;
    outcome.failure = {
      file: at?.file ?? conversation.file,
      line: at?.line ?? conversation.line,
      expected: 'the conversation to go on',
      actual: '',
      reason: e instanceof Error ? e.message : String(e),
    };
  } finally {
    driver.close();
  }
  outcome.seconds = (performance.now() - started) / 1000;
  return outcome;
}

/** Runs every conversation of the given files on each channel it names (or only `channel`). */
export async function runTranscripts(options: RunOptions): Promise<Report> {
  const conversations = transcriptFiles(options.paths).flatMap(readConversations);
  const outcomes: Outcome[] = [];
  for (const c of conversations) {
    if (options.tag && !c.tags.includes(options.tag)) continue;
    for (const channel of c.channels) {
      if (options.channel && channel !== options.channel) continue;
      if (c.skip) {
        outcomes.push({ ...freshOutcome(c, channel), skipped: c.skip });
        continue;
      }
      outcomes.push(await play(c, channel, options.target, options.vars));
    }
  }
  const skipped = outcomes.filter((o) => o.skipped).length;
  const failed = outcomes.filter((o) => !o.passed).length;
  return { outcomes, passed: outcomes.length - failed - skipped, failed, skipped };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]! : NaN;
}

/** The human report: failures with file:line, expected and actual, and the conversation so far; coverage; latency. */
export function formatReport(report: Report): string {
  const out: string[] = [];
  for (const o of report.outcomes.filter((x) => !x.passed)) {
    const f = o.failure!;
    out.push(`✗ ${o.conversation.name} [${o.channel}, ${o.conversation.language}]`);
    out.push(`  at ${f.file}:${f.line}${f.file !== o.conversation.file ? ` (fixture of ${o.conversation.file}:${o.conversation.line})` : ''}`);
    out.push(`  expected: ${f.expected}`);
    out.push(`  actual:   ${f.actual || '—'}`);
    out.push(`  why:      ${f.reason}`);
    out.push('  conversation so far:');
    for (const line of o.transcript.slice(-8)) out.push(`    ${line}`);
    out.push('');
  }
  const seen = new Set(report.outcomes.flatMap((o) => o.intents));
  const missing = INTENT_NAMES.filter((i) => !seen.has(i));
  out.push(`coverage: ${seen.size}/${INTENT_NAMES.length} intents recognised in chat replies${missing.length ? `; not exercised: ${missing.join(', ')}` : ''}`);
  const reached = new Set(report.outcomes.flatMap((o) => o.prompts));
  const unreached = PROMPTS.filter((p) => !reached.has(p));
  out.push(`prompts: ${PROMPTS.length - unreached.length}/${PROMPTS.length} flow steps reached on chat and phone${unreached.length ? `; not reached: ${unreached.join(', ')}` : ''}`);
  out.push('  (intents are reported by chat replies only; SMS reports neither, and counts by channel below)');
  for (const channel of ['chat', 'voice', 'sms'] as const) {
    const runs = report.outcomes.filter((o) => o.channel === channel && !o.skipped);
    const lat = runs.flatMap((o) => o.latencies);
    if (runs.length) out.push(`latency ${channel}: ${runs.length} conversations, ${lat.length} turns, p50 ${percentile(lat, 50).toFixed(1)} ms, p95 ${percentile(lat, 95).toFixed(1)} ms`);
  }
  out.push(`${report.passed} passed, ${report.failed} failed${report.skipped ? `, ${report.skipped} skipped` : ''}`);
  return out.join('\n');
}

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** JUnit XML: one test case per conversation and channel. */
export function junit(report: Report): string {
  const cases = report.outcomes.map((o) => {
    const name = xml(`${o.conversation.name} [${o.channel}]`);
    const cls = xml(o.conversation.file);
    if (o.skipped) return `  <testcase classname="${cls}" name="${name}"><skipped message="${xml(o.skipped)}"/></testcase>`;
    if (o.passed) return `  <testcase classname="${cls}" name="${name}" time="${o.seconds.toFixed(3)}"/>`;
    const f = o.failure!;
    return `  <testcase classname="${cls}" name="${name}" time="${o.seconds.toFixed(3)}"><failure message="${xml(`${f.file}:${f.line}: expected ${f.expected}`)}">${xml(`actual: ${f.actual}\n${f.reason}\n${o.transcript.join('\n')}`)}</failure></testcase>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="transcripts" tests="${report.outcomes.length}" failures="${report.failed}" skipped="${report.skipped}">\n${cases.join('\n')}\n</testsuite>\n`;
}
