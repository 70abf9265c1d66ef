/**
 * `npm run bench`: throughput, latency and memory of the assistant, each
 * measured against a bare baseline in the same run on the same machine: the
 * web chat against a botbuilder echo bot behind the same local Direct Line,
 * the phone line against bare restify + twilio TwiML, and the delivery of a
 * reply to a stream on another instance over PostgreSQL. It prints the figures,
 * their ratios and each target PASS or MISS; it asserts nothing. Each server
 * runs in a child process of its own and this process is the load generator,
 * as a real deployment is measured.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { WebSocket } from 'ws';
import type { App } from '../app/server';
import { PhoneCall, type IvrWorld } from '../test/ivr/harness';
import { actionValue, DirectLineConversation } from '../transcripts/direct-line-client';

const LEVELS = [1, 10, 100];
const VOICE_CALLS = 10;
/** Calls each concurrent line places one after another, so the figure covers seconds of load rather than a burst. */
const CALLS_PER_LINE = 5;
/** Cross-instance delivery: conversations at once, and the messages each posts. */
const CROSS_CONVERSATIONS = 10;
const CROSS_MESSAGES = 10;
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** The targets, on the project's 2-core machine with SQLite. */
const TARGET = {
  chatP50VsEcho: 1.5,
  chatP99At10Ms: 50,
  voiceWebhooksPerSecond: 600,
  voiceCostVsTwiml: 1.5,
  crossInstanceP99Ms: 20,
  rssVsEcho: 1.3,
};

type Which = 'product' | 'echo' | 'twiml' | 'postgres';

interface Figures {
  turns: number;
  seconds: number;
  latencies: number[];
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

function summary(f: Figures) {
  const sorted = [...f.latencies].sort((a, b) => a - b);
  return { tps: f.turns / f.seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

interface Started {
  child: ChildProcess;
  base?: string;
  directLineUrl: string;
  authToken?: string;
}

const peaks: Record<Which, { rss: number; heap: number }> = {
  product: { rss: 0, heap: 0 },
  echo: { rss: 0, heap: 0 },
  twiml: { rss: 0, heap: 0 },
  postgres: { rss: 0, heap: 0 },
};

/** Starts a benchmark server (the assistant or a baseline) in a child process; `postgresUrl` puts the assistant on PostgreSQL. */
function startServer(which: Which, postgresUrl?: string): Promise<Started> {
  const profile = process.env.BENCH_PROFILE_DIR && which === 'product' ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const args = which === 'postgres' ? ['product', postgresUrl!] : [which];
  const child = fork(path.join(__dirname, 'server-process.ts'), args, { execArgv: ['--import', 'tsx', ...profile], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${which} server exited with ${code}`)));
    child.once('message', (m: Omit<Started, 'child'>) => resolve({ child, ...m }));
  });
}

/** Records the child's peak memory, then stops it. */
async function stopServer(which: Which, s: Started): Promise<void> {
  const memory = await new Promise<{ peakRss: number; peakHeap: number }>((resolve) => {
    s.child.on('message', (m: { kind: string; peakRss: number; peakHeap: number }) => m.kind === 'memory' && resolve(m));
    s.child.send({ kind: 'memory' });
  });
  peaks[which].rss = Math.max(peaks[which].rss, memory.peakRss);
  peaks[which].heap = Math.max(peaks[which].heap, memory.peakHeap);
  s.child.removeAllListeners('exit');
  const exited = new Promise((resolve) => s.child.once('exit', resolve));
  s.child.send({ kind: 'stop' });
  await exited;
}

/**
 * Cents of the next payment: a second payment of one amount to one account on
 * one day is asked about first, so every payment of a run is for its own amount.
 */
let paymentsMade = 0;
function nextAmount(): { dollars: number; cents: string } {
  const n = paymentsMade++;
  return { dollars: 1 + (Math.floor(n / 100) % 9), cents: String(n % 100).padStart(2, '0') };
}

/** One visitor's full verify-and-pay conversation (a dollar or a few toward the Civic from the bank on file). */
async function verifyAndPay(directLineUrl: string, latencies: number[]): Promise<number> {
  const c = new DirectLineConversation(directLineUrl);
  await c.open();
  let turns = 0;
  const step = async (activity: Record<string, unknown>) => {
    const r = await c.turn(activity);
    latencies.push(r.ms);
    turns += 1;
    return r.reply;
  };
  const click = (reply: Awaited<ReturnType<typeof step>>, title: RegExp) =>
    step({ type: 'message', text: 'x', value: actionValue(reply, title) });
  try {
    await step({ type: 'event', name: 'webchat/join', value: { locale: 'en-US' } });
    await step({ type: 'message', text: 'I want to make a payment' });
    await step({ type: 'message', text: '2HGFE2F5XMH512345' });
    const pick = await step({ type: 'message', text: '••••• 7788', value: { secret: '401227788' } });
    const amount = await click(pick, /Honda Civic/);
    await click(amount, /Another amount/);
    const { dollars, cents } = nextAmount();
    const when = await step({ type: 'message', text: `$${dollars}.${cents}` });
    const bank = await click(when, /Today/);
    const confirm = await click(bank, /4321/);
    const done = await click(confirm, /^Yes$/);
    if (!/confirmation number is \d{10}/.test(done.text ?? '')) throw new Error(`no confirmation: ${done.text}`);
  } finally {
    c.close();
  }
  return turns;
}

/** The same number of turns against the echo bot, with the same client. */
async function echoConversation(directLineUrl: string, latencies: number[], turns: number): Promise<number> {
  const c = new DirectLineConversation(directLineUrl);
  await c.open();
  try {
    await c.turn({ type: 'event', name: 'webchat/join' }).then((r) => latencies.push(r.ms));
    for (let i = 1; i < turns; i++) latencies.push((await c.turn({ type: 'message', text: `turn ${i}` })).ms);
  } finally {
    c.close();
  }
  return turns;
}

async function measure(concurrency: number, one: (latencies: number[]) => Promise<number>): Promise<Figures> {
  const latencies: number[] = [];
  const started = performance.now();
  const counts = await Promise.all(Array.from({ length: concurrency }, () => one(latencies)));
  return { turns: counts.reduce((a, b) => a + b, 0), seconds: (performance.now() - started) / 1000, latencies };
}

/** The keys of a full phone payment after the greeting: pay, account number, SSN, vehicle, amount, date, bank, confirm. */
function phoneKeys(): string[] {
  const { dollars, cents } = nextAmount();
  return ['1', '4100020001', '401227788', '1', '2', `${dollars}*${cents}`, '1', '1'];
}

/**
 * A full phone payment: incoming call through the confirmation and the status
 * callback, every webhook signed (11 in all). The TwiML baseline answers the
 * same webhooks with a bare `<Gather>`, so `confirms` is only checked on the assistant.
 */
async function phonePayment(world: IvrWorld, latencies: number[], confirms: boolean): Promise<number> {
  const call = new PhoneCall(world, '+17045550101');
  let requests = 0;
  const timed = async (act: () => Promise<{ status: number; text: string }>) => {
    const started = performance.now();
    const h = await act();
    latencies.push(performance.now() - started);
    requests += 1;
    if (h.status !== 200) throw new Error(`webhook HTTP ${h.status}`);
    return h;
  };
  await timed(() => call.dial());
  for (const digits of phoneKeys()) await timed(() => call.press(digits));
  const done = await timed(() => call.press('1'));
  if (confirms && !/confirmation number is/.test(done.text)) throw new Error(`no confirmation on the phone: ${done.text.slice(0, 200)}`);
  await timed(() => call.hangUp().then((p) => ({ status: p.status, text: '' })));
  return requests;
}

/** Full calls on a phone line (the assistant's or the baseline's): concurrent lines, several calls each. */
async function phoneLoad(s: Started, confirms: boolean) {
  const world = { app: null as unknown as App, base: s.base!, authToken: s.authToken!, close: async () => undefined } satisfies IvrWorld;
  await phonePayment(world, [], confirms); // warm-up, not measured
  return summary(
    await measure(VOICE_CALLS, async (l) => {
      let requests = 0;
      for (let i = 0; i < CALLS_PER_LINE; i++) requests += await phonePayment(world, l, confirms);
      return requests;
    }),
  );
}

/** A Direct Line stream that notes when each activity arrived. */
async function timedStream(url: string, arrivals: Map<string, number>): Promise<WebSocket> {
  const socket = new WebSocket(url);
  socket.on('message', (data: Buffer) => {
    const at = performance.now();
    const text = data.toString();
    if (!text) return;
    for (const a of (JSON.parse(text) as { activities?: { id?: string; type?: string }[] }).activities ?? []) {
      // Typing indicators go to this instance's own streams only; they are not part of the history.
      if (a.id && a.type !== 'typing' && !arrivals.has(a.id)) arrivals.set(a.id, at);
    }
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return socket;
}

/**
 * Cross-instance delivery: a conversation on instance A with a stream open on
 * A and another on B; every activity A appends (the visitor's echo, the bot's
 * replies) reaches both. The delay of one is its arrival on B's stream less
 * its arrival on A's: what a visitor whose stream landed on another instance
 * waits beyond one whose stream is where the bot answered.
 */
async function crossInstanceConversation(a: Started, b: Started, delays: number[]): Promise<void> {
  const started = (await (await fetch(`${a.directLineUrl}/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string; streamUrl: string };
  const onA = new Map<string, number>();
  const onB = new Map<string, number>();
  const streamPath = new URL(started.streamUrl);
  const socketA = await timedStream(started.streamUrl, onA);
  const socketB = await timedStream(`${b.base!.replace(/^http/, 'ws')}${streamPath.pathname}${streamPath.search}`, onB);
  const user = `dl_bench_${randomBytes(4).toString('hex')}`;
  try {
    const post = async (activity: Record<string, unknown>) => {
      const res = await fetch(`${a.directLineUrl}/conversations/${started.conversationId}/activities`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${started.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ from: { id: user }, locale: 'en-US', ...activity }),
      });
      if (res.status !== 200) throw new Error(`post on A: HTTP ${res.status}`);
    };
    await post({ type: 'event', name: 'webchat/join', value: { locale: 'en-US' } });
    for (let i = 0; i < CROSS_MESSAGES; i++) await post({ type: 'message', text: i % 2 ? 'what is my balance' : 'help' });
    const deadline = performance.now() + 10_000;
    while ([...onA.keys()].some((id) => !onB.has(id))) {
      if (performance.now() > deadline) throw new Error('an activity never reached the stream on the other instance');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // Negative when B's stream had it first: both woke at the commit and B read sooner.
    for (const [id, at] of onA) delays.push(onB.get(id)! - at);
  } finally {
    socketA.close();
    socketB.close();
  }
}

/** Two assistant instances on a fresh PostgreSQL schema; null when PostgreSQL is not reachable. */
async function crossInstanceDelivery(): Promise<{ p50: number; p99: number; samples: number } | null> {
  const admin = new Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const url = `${POSTGRES_URL}?schema=${schema}`;
  try {
    const a = await startServer('postgres', url); // prepares the schema
    const b = await startServer('postgres', url);
    try {
      await crossInstanceConversation(a, b, []); // warm-up, not measured
      const delays: number[] = [];
      await Promise.all(Array.from({ length: CROSS_CONVERSATIONS }, () => crossInstanceConversation(a, b, delays)));
      const sorted = delays.sort((x, y) => x - y);
      return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), samples: sorted.length };
    } finally {
      await stopServer('postgres', a);
      await stopServer('postgres', b);
    }
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const times = (n: number) => `${n.toFixed(2)}×`;
const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  console.log(`Benchmark on ${os.cpus().length} cores, Node ${process.version}, SQLite (cross-instance: PostgreSQL); ${new Date().toISOString()}`);
  console.log('each server in its own process, this one generating the load\n');

  // Web chat: the echo bot and the assistant at 1, 10 and 100 concurrent conversations.
  const echo = await startServer('echo');
  await echoConversation(echo.directLineUrl, [], 10); // warm-up, not measured
  const chatRows: string[][] = [];
  const chat = new Map<number, { r50: number; r99: number; p99: number }>();
  for (const level of LEVELS) {
    // A fresh database per level: every conversation pays from the same demo account.
    const product = await startServer('product');
    await verifyAndPay(product.directLineUrl, []); // warm-up, not measured
    const full = summary(await measure(level, (l) => verifyAndPay(product.directLineUrl, l)));
    await stopServer('product', product);
    const base = summary(await measure(level, (l) => echoConversation(echo.directLineUrl, l, 10)));
    const r50 = full.p50 / base.p50;
    const r99 = full.p99 / base.p99;
    chat.set(level, { r50, r99, p99: full.p99 });
    chatRows.push(['echo bot (baseline)', String(level), base.tps.toFixed(0), ms(base.p50), ms(base.p99), '', '']);
    chatRows.push(['assistant: verify and pay', String(level), full.tps.toFixed(0), ms(full.p50), ms(full.p99), times(r50), times(r99)]);
  }
  await stopServer('echo', echo);
  printTable(['web chat (Direct Line)', 'concurrent', 'turns/s', 'p50', 'p99', 'p50 vs echo', 'p99 vs echo'], chatRows);

  // Phone line: the bare TwiML baseline and the assistant, the same 11 signed webhooks per call.
  const twiml = await startServer('twiml');
  const bare = await phoneLoad(twiml, false);
  await stopServer('twiml', twiml);
  const product = await startServer('product');
  const voice = await phoneLoad(product, true);
  await stopServer('product', product);
  // A webhook's cost is the time the server spends on it: the inverse of throughput at the same load.
  const voiceCost = bare.tps / voice.tps;
  console.log(`\nphone line: ${VOICE_CALLS} concurrent lines, ${CALLS_PER_LINE} calls each, every call a full verify-and-pay (11 signed webhooks)`);
  printTable(
    ['phone line (Twilio webhooks)', 'webhooks/s', 'p50', 'p99', 'cost vs TwiML', 'p50 vs TwiML'],
    [
      ['restify + twilio TwiML (baseline)', bare.tps.toFixed(0), ms(bare.p50), ms(bare.p99), '', ''],
      ['assistant: verify and pay', voice.tps.toFixed(0), ms(voice.p50), ms(voice.p99), times(voiceCost), times(voice.p50 / bare.p50)],
    ],
  );

  // Cross-instance delivery on PostgreSQL.
  const cross = await crossInstanceDelivery();
  console.log(`\ncross-instance delivery on PostgreSQL (${CROSS_CONVERSATIONS} concurrent conversations on instance A, a stream on A and one on B each):`);
  console.log(
    cross
      ? `  ${cross.samples} activities: arrival on B less arrival on A (negative: B first) p50 ${ms(cross.p50)}, p99 ${ms(cross.p99)}`
      : `  not measured: PostgreSQL is not reachable at ${POSTGRES_URL}`,
  );

  const rssRatio = peaks.product.rss / peaks.echo.rss;
  console.log('');
  printTable(
    ['peak memory', 'RSS', 'heap used', 'RSS vs echo'],
    [
      ['echo bot (baseline)', mib(peaks.echo.rss), mib(peaks.echo.heap), ''],
      ['assistant (SQLite)', mib(peaks.product.rss), mib(peaks.product.heap), times(rssRatio)],
      ['restify + twilio TwiML (baseline)', mib(peaks.twiml.rss), mib(peaks.twiml.heap), times(peaks.twiml.rss / peaks.echo.rss)],
      ...(cross ? [['assistant (PostgreSQL)', mib(peaks.postgres.rss), mib(peaks.postgres.heap), times(peaks.postgres.rss / peaks.echo.rss)]] : []),
    ],
  );

  const verdict = (ok: boolean, text: string) => `${ok ? 'PASS' : 'MISS'}  ${text}`;
  const at1 = chat.get(1)!;
  const at10 = chat.get(10)!;
  const verdicts = [
    verdict(at1.r50 <= TARGET.chatP50VsEcho, `a full-flow chat turn at most ${TARGET.chatP50VsEcho}× the echo bot's p50, 1 concurrent: ${times(at1.r50)}`),
    verdict(at10.r50 <= TARGET.chatP50VsEcho, `a full-flow chat turn at most ${TARGET.chatP50VsEcho}× the echo bot's p50, 10 concurrent: ${times(at10.r50)}`),
    verdict(at10.p99 < TARGET.chatP99At10Ms, `p99 under ${TARGET.chatP99At10Ms} ms at 10 concurrent conversations: ${ms(at10.p99)}`),
    verdict(voice.tps >= TARGET.voiceWebhooksPerSecond, `at least ${TARGET.voiceWebhooksPerSecond} voice webhooks per second over full calls: ${voice.tps.toFixed(0)}/s`),
    verdict(voiceCost <= TARGET.voiceCostVsTwiml, `a voice webhook at most ${TARGET.voiceCostVsTwiml}× the bare TwiML baseline's cost: ${times(voiceCost)}`),
    verdict(cross !== null && cross.p99 < TARGET.crossInstanceP99Ms, `cross-instance delivery on PostgreSQL under ${TARGET.crossInstanceP99Ms} ms at p99: ${cross ? ms(cross.p99) : 'not measured'}`),
    verdict(rssRatio <= TARGET.rssVsEcho, `assistant RSS at most ${TARGET.rssVsEcho}× the echo bot's: ${times(rssRatio)}`),
  ];
  console.log(`\ntargets (2-core machine, SQLite):\n  ${verdicts.join('\n  ')}`);
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error('benchmark failed:', error instanceof Error ? error.stack : error);
    process.exit(1);
  });
