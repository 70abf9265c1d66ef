/**
 * `npm run bench:ops`: the supervisor view's queries at a million turns. Seeds
 * 1,000,000 turn events (100,000 conversations over 30 days, three channels,
 * two languages) into a fresh SQLite file, and into PostgreSQL when it is
 * reachable, then times each of the page's grouped queries and the whole
 * page's figures for a day, a week and the month, all channels and one
 * channel. It prints figures and asserts nothing.
 */
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { opsFigures, type OpsFilter, type OpsQueries } from '../core/analytics';
import { openDatabase, type Db } from '../data/connect';
import { dayOf, prismaTurnEvents, statsOf } from '../data/analytics-store';
import type { TurnEventRecord } from '../core/analytics';
import { prepareDatabase } from '../data/prepare-database';

const TURNS = Number(process.env.BENCH_OPS_TURNS ?? 1_000_000);
const TURNS_PER_CONVERSATION = 10;
const DAYS = 30;
const DAY_MS = 24 * 3600_000;
const CHANNELS = ['chat', 'voice', 'sms'] as const;
const INTENTS = ['make_payment', 'balance_due', 'payoff', 'autopay_enroll', 'title_status', 'fico', 'mail_payment', 'agent', 'payment_history', 'none'];
const OUTCOMES = ['answered', 'answered', 'answered', 'answered', 'not-understood', 'verified', 'verify-failed', 'payment', 'handoff', 'ended'];
const REASONS = ['requested', 'retries', 'locked', 'hardship', 'spanish'];
const END = Date.UTC(2026, 11, 1);

/** A small deterministic generator, so every run seeds the same rows. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = TurnEventRecord;

function* rows(): Generator<Row> {
  const next = random(42);
  for (let c = 0; c < TURNS / TURNS_PER_CONVERSATION; c++) {
    const start = END - next() * DAYS * DAY_MS;
    const channel = CHANNELS[Math.floor(next() * 3)]!;
    const language = next() < 0.6 ? 'en' : 'es';
    for (let t = 0; t < TURNS_PER_CONVERSATION; t++) {
      const outcome = OUTCOMES[Math.floor(next() * OUTCOMES.length)]!;
      const intent = next() < 0.7 ? INTENTS[Math.floor(next() * INTENTS.length)]! : null;
      yield {
        prompt: null,
        at: new Date(start + t * 20_000),
        conversation: `c${c}`,
        channel: channel as TurnEventRecord['channel'],
        language: language as 'en' | 'es',
        intent,
        confidence: intent ? Math.round(next() * 1000) / 1000 : null,
        outcome: outcome as TurnEventRecord['outcome'],
        handoffReason: outcome === 'handoff' ? REASONS[Math.floor(next() * REASONS.length)]! : null,
        paymentCents: outcome === 'payment' ? 1000 + Math.floor(next() * 90_000) : null,
        latencyMs: Math.round(5 + -Math.log(1 - next()) * 40),
        unknownText: outcome === 'not-understood' ? `question ${Math.floor(next() * 500)}` : null,
      };
    }
  }
}

/** The daily totals and conversations the store keeps beside the events, added up as the server would. */
class Totals {
  readonly stats = new Map<string, { day: string; channel: string; language: string; kind: string; key: string; turns: number; amountCents: number }>();
  readonly conversations = new Map<string, { day: string; channel: string; language: string; handedOff: number }>();

  add(r: Row): void {
    const more = statsOf(r);
    let conversation = this.conversations.get(r.conversation);
    if (!conversation) {
      conversation = { day: dayOf(r.at), channel: r.channel, language: r.language, handedOff: 0 };
      this.conversations.set(r.conversation, conversation);
      more.push({ day: conversation.day, channel: r.channel, language: r.language, kind: 'conversation', key: '', turns: 1, amountCents: 0 });
    }
    if (r.outcome === 'handoff' && !conversation.handedOff) {
      conversation.handedOff = 1;
      more.push({ day: conversation.day, channel: conversation.channel, language: conversation.language, kind: 'handedOff', key: '', turns: 1, amountCents: 0 });
    }
    for (const s of more) {
      const key = [s.day, s.channel, s.language, s.kind, s.key].join('\u0000');
      const have = this.stats.get(key);
      if (have) {
        have.turns += s.turns;
        have.amountCents += s.amountCents;
      } else this.stats.set(key, { ...s });
    }
  }
}

function seedSqlite(file: string): void {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  const insert = sqlite.prepare(
    'INSERT INTO "TurnEvent" ("at","conversation","channel","language","intent","confidence","outcome","handoffReason","paymentCents","latencyMs","unknownText") VALUES (?,?,?,?,?,?,?,?,?,?,?)',
  );
  const batch = sqlite.transaction((list: Row[]) => {
    // Prisma's SQLite adapter stores DateTime as ISO text with an explicit offset.
    for (const r of list) insert.run(r.at.toISOString().replace('Z', '+00:00'), r.conversation, r.channel, r.language, r.intent, r.confidence, r.outcome, r.handoffReason, r.paymentCents, r.latencyMs, r.unknownText);
  });
  const totals = new Totals();
  let list: Row[] = [];
  for (const r of rows()) {
    list.push(r);
    totals.add(r);
    if (list.length === 50_000) {
      batch(list);
      list = [];
    }
  }
  if (list.length) batch(list);
  const stat = sqlite.prepare('INSERT INTO "TurnStat" ("day","channel","language","kind","key","turns","amountCents") VALUES (?,?,?,?,?,?,?)');
  const conv = sqlite.prepare('INSERT INTO "TurnConversation" ("conversation","day","channel","language","handedOff") VALUES (?,?,?,?,?)');
  sqlite.transaction(() => {
    for (const t of totals.stats.values()) stat.run(t.day, t.channel, t.language, t.kind, t.key, t.turns, t.amountCents);
    for (const [id, c] of totals.conversations) conv.run(id, c.day, c.channel, c.language, c.handedOff);
  })();
  console.log(`${totals.stats.size.toLocaleString('en-US')} daily totals, ${totals.conversations.size.toLocaleString('en-US')} conversations`);
  sqlite.exec('ANALYZE');
  sqlite.close();
}

async function seedPostgres(url: string): Promise<void> {
  const pg = new Client({ connectionString: url.replace(/\?schema=.*$/, ''), options: '-c search_path=bench_ops' });
  await pg.connect();
  const columns = ['at', 'conversation', 'channel', 'language', 'intent', 'confidence', 'outcome', 'handoffReason', 'paymentCents', 'latencyMs', 'unknownText'];
  let list: Row[] = [];
  const flush = async () => {
    const values: unknown[] = [];
    const tuples = list.map((r, i) => {
      values.push(r.at, r.conversation, r.channel, r.language, r.intent, r.confidence, r.outcome, r.handoffReason, r.paymentCents, r.latencyMs, r.unknownText);
      return `(${columns.map((_, j) => `$${i * columns.length + j + 1}`).join(',')})`;
    });
    await pg.query(`INSERT INTO "TurnEvent" (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${tuples.join(',')}`, values);
    list = [];
  };
  const totals = new Totals();
  for (const r of rows()) {
    list.push(r);
    totals.add(r);
    if (list.length === 5000) await flush();
  }
  if (list.length) await flush();
  const insertMany = async (table: string, cols: string[], all: unknown[][]) => {
    for (let i = 0; i < all.length; i += 5000) {
      const chunk = all.slice(i, i + 5000);
      const tuples = chunk.map((_, k) => `(${cols.map((__, j) => `$${k * cols.length + j + 1}`).join(',')})`);
      await pg.query(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(',')}) VALUES ${tuples.join(',')}`, chunk.flat());
    }
  };
  await insertMany('TurnStat', ['day', 'channel', 'language', 'kind', 'key', 'turns', 'amountCents'], [...totals.stats.values()].map((t) => [t.day, t.channel, t.language, t.kind, t.key, t.turns, t.amountCents]));
  await insertMany('TurnConversation', ['conversation', 'day', 'channel', 'language', 'handedOff'], [...totals.conversations].map(([id, c]) => [id, c.day, c.channel, c.language, c.handedOff]));
  await pg.query('ANALYZE');
  await pg.end();
}

async function time<T>(work: () => Promise<T>): Promise<number> {
  await work(); // warm
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = process.hrtime.bigint();
    await work();
    runs.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return runs.sort((a, b) => a - b)[1]!;
}

async function measure(label: string, db: Db): Promise<void> {
  const q: OpsQueries = prismaTurnEvents(db);
  const periods: [string, OpsFilter][] = [
    ['last day, all', { from: new Date(END - DAY_MS), to: new Date(END) }],
    ['last week, all', { from: new Date(END - 7 * DAY_MS), to: new Date(END) }],
    ['month, all', { from: new Date(END - DAYS * DAY_MS), to: new Date(END) }],
    ['week, voice es', { from: new Date(END - 7 * DAY_MS), to: new Date(END), channel: 'voice', language: 'es' }],
  ];
  console.log(`\n${label}: ${TURNS.toLocaleString('en-US')} turn events`);
  console.log('period          conversations  outcomes  intents  confidence  unknown  latency  whole page');
  for (const [name, f] of periods) {
    const ms = [
      await time(() => q.conversations(f)),
      await time(() => q.outcomes(f)),
      await time(() => q.intents(f)),
      await time(() => q.confidence(f)),
      await time(() => q.unknownQuestions(f, 15)),
      await time(() => q.latency(f)),
      await time(() => opsFigures(q, f)),
    ];
    console.log(`${name.padEnd(16)}${ms.map((m, i) => `${m.toFixed(0)} ms`.padStart(i === 0 ? 13 : i === 6 ? 12 : 10)).join('')}`);
  }
}

async function main(): Promise<void> {
  const file = 'var/bench-ops.db';
  rmSync(file, { force: true });
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  const settings = { databaseUrl: `file:./${file}`, databaseKind: 'sqlite' as const, seedDemoData: false, identityHashKey: '', vaultKey: Buffer.alloc(32), timeZone: 'UTC' };
  await prepareDatabase(settings);
  let started = Date.now();
  seedSqlite(file);
  console.log(`seeded SQLite in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const sqlite = openDatabase(settings).db;
  await measure('SQLite', sqlite);
  await sqlite.$disconnect();

  const pgUrl = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
  try {
    const admin = new Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query('DROP SCHEMA IF EXISTS bench_ops CASCADE');
    await admin.query('CREATE SCHEMA bench_ops');
    await admin.end();
  } catch (error) {
    console.log(`\n!!! PostgreSQL at ${pgUrl} unreachable (${(error as Error).message}): its figures are skipped`);
    return;
  }
  const pgSettings = { ...settings, databaseUrl: `${pgUrl}?schema=bench_ops`, databaseKind: 'postgres' as const };
  await prepareDatabase(pgSettings);
  started = Date.now();
  await seedPostgres(pgUrl);
  console.log(`\nseeded PostgreSQL in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const pg = openDatabase(pgSettings).db;
  await measure('PostgreSQL', pg);
  await pg.$disconnect();
  const admin = new Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query('DROP SCHEMA IF EXISTS bench_ops CASCADE');
  await admin.end();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
