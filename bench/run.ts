/**
 * `npm run bench`: throughput and latency of the assistant, measured against a
 * bare botbuilder echo bot in the same run on the same machine. It prints
 * figures; it asserts nothing. Each server runs in a child process of its own
 * and this process is the load generator, as a real deployment is measured.
 */
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { App } from '../app/server';
import { PhoneCall, type IvrWorld } from '../test/ivr/harness';
import { actionValue, DirectLineConversation } from '../transcripts/direct-line-client';

const LEVELS = [1, 10, 100];
const VOICE_CALLS = 10;
/** Calls each concurrent line places one after another, so the figure covers seconds of load rather than a burst. */
const CALLS_PER_LINE = 5;

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

const peaks = { product: { rss: 0, heap: 0 }, echo: { rss: 0, heap: 0 } };

/** Starts a benchmark server (the assistant or the echo baseline) in a child process. */
function startServer(which: 'product' | 'echo'): Promise<Started> {
  const child = fork(path.join(__dirname, 'server-process.ts'), [which], { execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROFILE_DIR && which === 'product' ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [])], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${which} server exited with ${code}`)));
    child.once('message', (m: Omit<Started, 'child'>) => resolve({ child, ...m }));
  });
}

/** Records the child's peak memory, then stops it. */
async function stopServer(which: 'product' | 'echo', s: Started): Promise<void> {
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

/** One visitor's full verify-and-pay conversation ($1.00 toward the Civic from the bank on file). */
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
    const when = await step({ type: 'message', text: '$1.00' });
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

/** A full phone payment: incoming call through the confirmation, every webhook signed. */
async function phonePayment(world: IvrWorld, latencies: number[]): Promise<number> {
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
  for (const digits of ['1', '4100020001', '401227788', '1', '2', '1*00', '1', '1']) await timed(() => call.press(digits));
  const done = await timed(() => call.press('1'));
  if (!/confirmation number is/.test(done.text)) throw new Error(`no confirmation on the phone: ${done.text.slice(0, 200)}`);
  await timed(() => call.hangUp().then((p) => ({ status: p.status, text: '' })));
  return requests;
}

function ms(n: number): string {
  return `${n.toFixed(1)} ms`;
}

async function main(): Promise<void> {
  console.log(`Benchmark on ${os.cpus().length} cores, Node ${process.version}, SQLite; each server in its own process, this one generating the load\n`);
  const echo = await startServer('echo');
  await echoConversation(echo.directLineUrl, [], 10); // warm-up, not measured
  const rows: string[][] = [];
  const verdicts: string[] = [];
  let p99At10 = NaN;
  let worstRatio = 0;
  for (const level of LEVELS) {
    // A fresh database per level: every conversation pays $1 from the same demo account.
    const product = await startServer('product');
    await verifyAndPay(product.directLineUrl, []); // warm-up, not measured
    const full = summary(await measure(level, (l) => verifyAndPay(product.directLineUrl, l)));
    await stopServer('product', product);
    const base = summary(await measure(level, (l) => echoConversation(echo.directLineUrl, l, 10)));
    rows.push(['echo bot (baseline)', String(level), base.tps.toFixed(0), ms(base.p50), ms(base.p99), '1.0×', '1.0×']);
    const r50 = full.p50 / base.p50;
    const r99 = full.p99 / base.p99;
    rows.push(['verify and pay', String(level), full.tps.toFixed(0), ms(full.p50), ms(full.p99), `${r50.toFixed(1)}×`, `${r99.toFixed(1)}×`]);
    if (level === 10) {
      p99At10 = full.p99;
      worstRatio = r50;
    }
  }
  await stopServer('echo', echo);

  const header = ['web chat (Direct Line)', 'concurrent', 'turns/s', 'p50', 'p99', 'p50 vs echo', 'p99 vs echo'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));

  const product = await startServer('product');
  const world = { app: null as unknown as App, base: product.base!, authToken: product.authToken!, close: async () => undefined } satisfies IvrWorld;
  await phonePayment(world, []); // warm-up, not measured
  const voice = summary(
    await measure(VOICE_CALLS, async (l) => {
      let requests = 0;
      for (let i = 0; i < CALLS_PER_LINE; i++) requests += await phonePayment(world, l);
      return requests;
    }),
  );
  await stopServer('product', product);
  console.log(`\nphone line: ${VOICE_CALLS} concurrent lines, ${CALLS_PER_LINE} calls each, every call a full verify-and-pay (11 signed webhooks)`);
  console.log(`  ${voice.tps.toFixed(0)} webhooks/s, p50 ${ms(voice.p50)}, p99 ${ms(voice.p99)}`);

  const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
  console.log(`\npeak memory: assistant server RSS ${mib(peaks.product.rss)} (heap ${mib(peaks.product.heap)}); echo baseline RSS ${mib(peaks.echo.rss)} (heap ${mib(peaks.echo.heap)})`);

  verdicts.push(`${p99At10 < 50 ? 'PASS' : 'MISS'}  p99 at 10 concurrent conversations under 50 ms: ${ms(p99At10)}`);
  verdicts.push(`${worstRatio <= 3 ? 'PASS' : 'MISS'}  a full-flow turn at most 3× the echo bot's (p50, 10 concurrent): ${worstRatio.toFixed(1)}×`);
  verdicts.push(`${voice.tps >= 300 ? 'PASS' : 'MISS'}  at least 300 voice webhooks per second: ${voice.tps.toFixed(0)}/s`);
  console.log(`\ntargets (2-core machine, SQLite):\n  ${verdicts.join('\n  ')}`);
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error('benchmark failed:', error instanceof Error ? error.stack : error);
    process.exit(1);
  });
