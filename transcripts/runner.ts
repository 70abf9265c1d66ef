import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { INTENT_NAMES, PROMPTS } from '../core/conversation';
import { driverFor, type Action, type BotReply, type Target } from './drivers';
import { JSONPath } from 'jsonpath-plus';
import { importBotium, utterancesFor } from './botium';
import { fillVars, readTranscriptFile, TranscriptFormatError, type Channel, type Conversation, type Expectation, type Located, type MessageStep, type PlayStep, type SendStep, type Step } from './format';
import { importBotFrameworkTranscript, importTranscriptStoreFolder, isTranscriptStoreFolder } from './importers';
import { checkAssertion, normalize, type BotMessage, type Problem } from './messages';
import { botiumFunction } from './memory';

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
  /** Each step played, for the JUnit report: its line, what it did, and whether it held. */
  steps: { line: number; file: string; what: string; ok: boolean }[];
  /** Tries it took (with --retries), when more than one. */
  attempts?: number;
  /** Activities the bot sent that no step checks on purpose (typing, events), by kind. */
  ignored: Record<string, number>;
}

export interface RunOptions {
  paths: string[];
  target: Target;
  channel?: Channel;
  tag?: string;
  /** Values for `${name}` placeholders given on the command line (`--var name=value`). */
  vars?: Record<string, string>;
  /** Conversations played at once (each on its own session); the report keeps file order. */
  jobs?: number;
  /** Plays again a conversation that failed, up to this many times (a flaky deployment); reported as such. */
  retries?: number;
}

export interface Report {
  outcomes: Outcome[];
  passed: number;
  failed: number;
  skipped: number;
  /** Files that could not be read, with file:line and why; the others still ran. */
  unreadable: { file: string; line: number; reason: string }[];
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

/** Conversations of one file, whichever format it is in; a file with none is refused. */
export function readConversations(file: string): Conversation[] {
  const conversations = file.endsWith('.transcript')
    ? importBotFrameworkTranscript(file)
    : statSync(file).isDirectory()
      ? importTranscriptStoreFolder(file)
      : file.endsWith('.convo.txt')
        ? importBotium(file)
        : readTranscriptFile(file);
  if (!conversations.length) throw new TranscriptFormatError(file, 1, 'holds no conversation');
  return conversations;
}

const DEFAULT_CALLER = '+15555550100';

/** What the user does must be fully known: an unknown `${name}` stops the conversation with its name. */
function strictFill(text: string, vars: Map<string, string>, botium = false): string {
  if (botium) {
    const filled = fillBotium(text, vars);
    const missing = /\$[A-Za-z]\w+/.exec(filled);
    if (missing) throw new Error(`${missing[0]} has no value: capture it from an earlier reply, set it with SET_SCRIPTING_MEMORY or a .scriptingmemory.txt, or pass --var ${missing[0].slice(1)}=…`);
    return filled;
  }
  const filled = fillVars(text, vars);
  const missing = /\$\{(\w+)\}/.exec(filled);
  if (missing) throw new Error(`\${${missing[1]}} has no value: capture it in an earlier step, set it under vars or data, or pass --var ${missing[1]}=…`);
  return filled;
}

/** Botium's `$name` and `$function(arg)`: known variables and functions replaced, the longest name first. */
export function fillBotium(text: string, vars: Map<string, string>): string {
  return text.replace(/\$([A-Za-z]\w*)(\((?:[^)\\]|\\.)*\))?/g, (m, name: string, call: string | undefined) => {
    const known = [...vars.keys()].filter((k) => name.startsWith(k)).sort((a, b) => b.length - a.length)[0];
    if (known !== undefined && (known === name || !call)) return vars.get(known)! + name.slice(known.length) + (call ?? '');
    const value = botiumFunction(name, call ? call.slice(1, -1).replace(/\\\)/g, ')') : undefined);
    return value === undefined ? m : value;
  });
}

/** A Botium `#bot` text as a pattern: `*` any text, a known `$name` its value, an unknown one captured. */
function botiumPattern(text: string, vars: Map<string, string>, exact: boolean): { re: RegExp; names: string[] } {
  const names: string[] = [];
  let body = '';
  for (const part of text.split(/(\$[A-Za-z]\w+(?:\((?:[^)\\]|\\.)*\))?|\*)/)) {
    if (part === '*') body += '(?:.*)';
    else if (/^\$[A-Za-z]/.test(part)) {
      const filled = fillBotium(part, vars);
      if (filled !== part) body += filled.replace(/[-\\^$*+?.()|[\]{}]/g, '\\$&');
      else {
        names.push(part.slice(1));
        body += '(\\S+?)';
      }
    } else body += part.replace(/[-\\^$*+?.()|[\]{}]/g, '\\$&');
  }
  return { re: new RegExp(exact ? `^${body}$` : body, 'is'), names };
}

/** Checks one bot message against an imported step; the captured variables are set when it holds. */
function checkMessage(step: MessageStep['message'], m: BotMessage, vars: Map<string, string>, botium: boolean, utterances: (t: string) => string[]): (Problem & { line?: number; file?: string }) | null {
  const c = step.captureFrom;
  if (c) {
    const candidates = utterances(c.text);
    const text = normalize(m.text);
    let hit: { names: string[]; values: string[] } | null = null;
    for (const candidate of candidates) {
      if (c.mode === 'regexp') {
        if (new RegExp(fillBotium(candidate, vars), c.ignoreCase ? 'i' : '').test(text)) hit = { names: [], values: [] };
      } else if (c.mode === 'equals' || c.mode === 'include') {
        const want = normalize(fillBotium(candidate, vars));
        const a = c.ignoreCase ? text.toLowerCase() : text;
        const w = c.ignoreCase ? want.toLowerCase() : want;
        if (c.mode === 'equals' ? a === w : a.includes(w)) hit = { names: [], values: [] };
      } else {
        const { re, names } = botiumPattern(normalize(candidate), vars, c.mode === 'wildcardExact');
        const found = (c.ignoreCase ? re : new RegExp(re.source, 's')).exec(text);
        if (found) hit = { names, values: found.slice(1) };
      }
      if (hit) break;
    }
    if (c.not ? hit : !hit) return { expected: `${c.not ? 'not ' : ''}"${candidates.length > 1 ? candidates.join('" or "') : c.text}"`, reason: c.not ? 'it was said' : 'text differs', line: c.line };
    if (hit && !c.not) hit.names.forEach((n, i) => vars.set(n, hit!.values[i]!));
  }
  for (const a of step.assertions) {
    const filled = { ...a, args: a.args.map((x) => (botium ? fillBotium(x, vars) : fillVars(x, vars))) };
    const problem = checkAssertion(filled, m);
    if (problem) return { ...problem, line: a.line, ...(a.file ? { file: a.file } : {}) };
  }
  for (const { name, path: p } of step.assign ?? []) {
    const found = JSONPath({ path: p, json: m.activity, wrap: true }) as unknown[];
    if (!found.length) return { expected: `a value at ${p} for $${name}`, reason: 'nothing there' };
    vars.set(name, typeof found[0] === 'string' ? found[0] : JSON.stringify(found[0]));
  }
  return null;
}

function sendAction(send: SendStep['send'], vars: Map<string, string>, botium: boolean, offered: (label: string) => { title?: string; value?: unknown } | undefined): Action {
  const fill = (t: string) => strictFill(t, vars, botium);
  const activity: Record<string, unknown> = JSON.parse(JSON.stringify(send.fields ?? {})) as Record<string, unknown>;
  let label = '';
  if (send.text !== undefined) activity.text = label = fill(send.text);
  if (send.button) {
    const wanted = send.button.label === undefined ? undefined : fill(send.button.label);
    const found = wanted !== undefined && send.button.value === undefined ? offered(wanted) : undefined;
    if (wanted !== undefined && send.button.value === undefined && !found) throw new Error(`no button "${wanted}" was offered`);
    activity.text = label = found?.title ?? wanted ?? '';
    activity.value = found ? found.value : send.button.value;
  }
  if (send.form) activity.value = { ...((activity.value as object | undefined) ?? {}), ...Object.fromEntries(Object.entries(send.form).map(([k, v]) => [k, fill(v)])) };
  if (send.attachment) activity.attachments = [{ contentType: /\.(png|jpe?g|gif)$/i.test(send.attachment) ? `image/${send.attachment.split('.').pop()!.toLowerCase().replace('jpg', 'jpeg')}` : 'application/octet-stream', contentUrl: fill(send.attachment) }];
  if (!label) label = send.form ? `(form ${Object.keys(send.form).join(', ')})` : send.attachment ? `(attachment ${send.attachment})` : JSON.stringify(send.fields ?? {});
  const onlyText = send.fields === undefined && !send.button && !send.form && !send.attachment;
  return onlyText ? { kind: 'text', text: activity.text as string } : { kind: 'activity', activity, label };
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
  return { conversation, channel, passed: true, transcript: [], latencies: [], intents: [], prompts: [], seconds: 0, steps: [], ignored: { ...(conversation.ignored ?? {}) } };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Plays one conversation on one channel; every `bot` step checks the reply to the action before it. */
export async function play(conversation: Conversation, channel: Channel, target: Target, given: Record<string, string> = {}, utterances: (t: string) => string[] = (t) => [t]): Promise<Outcome> {
  const started = performance.now();
  const outcome = freshOutcome(conversation, channel);
  const botium = conversation.variables === 'botium';
  const vars = new Map<string, string>(Object.entries({ ...conversation.vars, ...given }));
  const steps: Located<PlayStep>[] = [...(conversation.prelude?.[channel] ?? []), ...conversation.steps].filter((s) => {
    const only = (s.value as PlayStep).only;
    return !only || only === channel;
  });
  let at: Located<PlayStep> | null = null;
  const driver = driverFor(channel, target, conversation.language, conversation.caller ?? DEFAULT_CALLER);
  let last: BotReply | null = null;
  /** The bot's messages not yet checked, oldest first. */
  let queue: BotMessage[] = [];
  const heard = (r: BotReply) => {
    last = r;
    queue = [...r.messages];
    for (const kind of r.others) outcome.ignored[kind] = (outcome.ignored[kind] ?? 0) + 1;
    outcome.latencies.push(r.ms);
    if (r.intent) outcome.intents.push(r.intent);
    if (r.prompt) outcome.prompts.push(r.prompt);
    outcome.transcript.push(`bot:  ${r.text}${r.actions.length ? `  [${r.actions.join(' | ')}]` : ''}`);
  };
  const fail = (file: string, line: number, expected: string, actual: string, reason: string) => {
    outcome.passed = false;
    outcome.failure = { file, line, expected, actual, reason };
  };
  const describe = (step: PlayStep): string => {
    if ('message' in step) return `bot: ${[step.message.captureFrom?.text, ...step.message.assertions.map((a) => `${a.not ? '!' : ''}${a.name} ${a.args.join('|')}`)].filter(Boolean).join('; ') || 'a message'}`;
    if ('send' in step) return `user: ${step.send.text ?? (step.send.button ? `[${step.send.button.label ?? JSON.stringify(step.send.button.value)}]` : step.send.form ? 'a form' : step.send.attachment ? 'an attachment' : 'an activity')}`;
    if ('bot' in step) return `bot: ${JSON.stringify(step.bot)}`;
    return Object.keys(step).filter((k) => k !== 'only').join(' ');
  };
  try {
    const greeting = await driver.start();
    if (greeting) heard(greeting);
    for (const located of steps) {
      at = located;
      const { value: step, line } = located;
      const file = located.file ?? conversation.file;
      outcome.steps.push({ line, file, what: describe(step), ok: true });
      if ('bot' in step) {
        const reply = last as BotReply | null;
        const problem = reply ? check(reply, step.bot, vars) : { expected: 'a reply', reason: 'nothing was said yet' };
        if (problem) {
          fail(file, line, problem.expected, reply?.text ?? '(nothing)', problem.reason);
          break;
        }
        continue;
      }
      if ('message' in step) {
        const m = step.message;
        const deadline = Date.now() + (m.retryMs ?? 0);
        let problem: ReturnType<typeof checkMessage> = null;
        let actual = '(nothing)';
        for (;;) {
          const next = queue[0];
          if (!next) {
            problem = { expected: 'a message from the bot', reason: last ? 'the bot sent no further message in this turn' : 'nothing was said yet' };
            break;
          }
          actual = next.text || (next.cards.length ? `(card: ${next.cards.flat().join(' / ')})` : '(no text)');
          problem = checkMessage(m, next, vars, botium, utterances);
          if (!problem) {
            queue.shift();
            break;
          }
          // CONVO_STEP_PARAMETERS: a message that does not match is passed over while the time lasts.
          if (m.retryMs && Date.now() < deadline && queue.length > 1) {
            queue.shift();
            continue;
          }
          break;
        }
        if (problem && m.optional) {
          outcome.steps[outcome.steps.length - 1]!.what += ' (optional, skipped)';
          continue;
        }
        if (problem) {
          fail(problem.file ?? file, problem.line ?? line, problem.expected, actual, problem.reason);
          break;
        }
        continue;
      }
      if ('pause' in step) {
        await sleep(step.pause);
        continue;
      }
      if ('remember' in step) {
        if (step.remember.value === null) vars.delete(step.remember.name);
        else vars.set(step.remember.name, botium ? fillBotium(step.remember.value, vars) : step.remember.value);
        continue;
      }
      if ('clearMessages' in step) {
        queue = [];
        continue;
      }
      const action = 'send' in step ? sendAction(step.send, vars, botium, (l) => (driver as { offered?: (l: string) => { title?: string; value?: unknown } | undefined }).offered?.(l)) : actionOf(step, vars)!;
      if (action.kind === 'activity' && channel !== 'chat') throw new Error(`${action.label}: only the web chat takes buttons, forms, attachments and channelData`);
      outcome.transcript.push(`user: ${'text' in action ? action.text : 'label' in action ? `[${action.label}]` : 'digits' in action ? `keys ${action.digits}` : `(${action.kind})`}`);
      heard(await driver.act(action));
    }
  } catch (e) {
    fail(at?.file ?? conversation.file, at?.line ?? conversation.line, 'the conversation to go on', '', e instanceof Error ? e.message : String(e));
  } finally {
    driver.close();
  }
  if (!outcome.passed && outcome.steps.length) outcome.steps[outcome.steps.length - 1]!.ok = false;
  outcome.seconds = (performance.now() - started) / 1000;
  return outcome;
}

/** Runs every conversation of the given files on each channel it names (or only `channel`). */
export async function runTranscripts(options: RunOptions): Promise<Report> {
  const unreadable: Report['unreadable'] = [];
  const conversations: Conversation[] = [];
  for (const file of transcriptFiles(options.paths)) {
    try {
      conversations.push(...readConversations(file));
    } catch (e) {
      const f = e instanceof TranscriptFormatError ? e : null;
      unreadable.push({ file: f?.file ?? file, line: f?.line ?? 1, reason: f ? (e as Error).message.replace(`${f.file}:${f.line}: `, '') : e instanceof Error ? e.message : String(e) });
    }
  }
  const runs: { c: Conversation; channel: Channel }[] = [];
  for (const c of conversations) {
    if (options.tag && !c.tags.includes(options.tag)) continue;
    for (const channel of c.channels) if (!options.channel || channel === options.channel) runs.push({ c, channel });
  }
  const outcomes: Outcome[] = new Array(runs.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < runs.length; i = next++) {
      const { c, channel } = runs[i]!;
      if (c.skip) {
        outcomes[i] = { ...freshOutcome(c, channel), skipped: c.skip };
        continue;
      }
      let attempts = 0;
      let outcome: Outcome;
      do {
        attempts += 1;
        outcome = await play(c, channel, options.target, options.vars, utterancesFor(c.file));
      } while (!outcome.passed && attempts <= (options.retries ?? 0));
      if (attempts > 1) outcome.attempts = attempts;
      outcomes[i] = outcome;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs ?? 1, runs.length || 1)) }, worker));
  const skipped = outcomes.filter((o) => o.skipped).length;
  const failed = outcomes.filter((o) => !o.passed).length;
  return { outcomes, passed: outcomes.length - failed - skipped, failed, skipped, unreadable };
}

/** The exit status of a run: 0 only when something ran and everything passed and every file was read. */
export function exitCode(report: Report): number {
  if (report.unreadable.length) return 2;
  if (report.failed) return 1;
  return report.passed === 0 ? 3 : 0;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]! : NaN;
}

/** The human report: failures with file:line, expected and actual, and the conversation so far; coverage; latency. */
export function formatReport(report: Report): string {
  const out: string[] = [];
  for (const u of report.unreadable) out.push(`✗ cannot run ${u.file}:${u.line}: ${u.reason}`, '');
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
  const ignored: Record<string, number> = {};
  for (const o of report.outcomes) for (const [k, n] of Object.entries(o.ignored)) ignored[k] = (ignored[k] ?? 0) + n;
  if (Object.keys(ignored).length) out.push(`not checked, on purpose: ${Object.entries(ignored).map(([k, n]) => `${n} ${k}`).join(', ')} (typing indicators, traces and events carry no reply to check)`);
  const retried = report.outcomes.filter((o) => o.attempts);
  for (const o of retried) out.push(`retried: ${o.conversation.name} [${o.channel}] ${o.passed ? `passed on try ${o.attempts}` : `failed all ${o.attempts} tries`}`);
  out.push(`${report.passed} passed, ${report.failed} failed${report.skipped ? `, ${report.skipped} skipped` : ''}${report.unreadable.length ? `, ${report.unreadable.length} files could not be read` : ''}`);
  if (!report.outcomes.length || report.passed + report.failed === 0) out.push('nothing ran: no conversation was played, so nothing was checked');
  return out.join('\n');
}

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** JUnit XML: one test case per conversation and channel, its steps in the output; unreadable files as errors. */
export function junit(report: Report): string {
  const cases = report.outcomes.map((o) => {
    const name = xml(`${o.conversation.name} [${o.channel}]`);
    const cls = xml(o.conversation.file);
    if (o.skipped) return `  <testcase classname="${cls}" name="${name}"><skipped message="${xml(o.skipped)}"/></testcase>`;
    const steps = o.steps.map((s) => `${s.ok ? 'ok  ' : 'FAIL'} ${s.file}:${s.line} ${s.what}`).join('\n');
    const retried = o.attempts ? `\n(${o.passed ? `passed on try ${o.attempts}` : `failed all ${o.attempts} tries`})` : '';
    const out = `<system-out>${xml(steps + retried)}</system-out>`;
    if (o.passed) return `  <testcase classname="${cls}" name="${name}" time="${o.seconds.toFixed(3)}">${out}</testcase>`;
    const f = o.failure!;
    return `  <testcase classname="${cls}" name="${name}" time="${o.seconds.toFixed(3)}"><failure message="${xml(`${f.file}:${f.line}: expected ${f.expected}`)}">${xml(`actual: ${f.actual}\n${f.reason}\n${o.transcript.join('\n')}`)}</failure>${out}</testcase>`;
  });
  const errors = report.unreadable.map((u) => `  <testcase classname="${xml(u.file)}" name="${xml(`${u.file}:${u.line}`)}"><error message="${xml(`${u.file}:${u.line}: ${u.reason}`)}"/></testcase>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="transcripts" tests="${report.outcomes.length + errors.length}" failures="${report.failed}" errors="${errors.length}" skipped="${report.skipped}">\n${[...cases, ...errors].join('\n')}\n</testsuite>\n`;
}
