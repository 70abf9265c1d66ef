import type { OpsFilter, OpsQueries, TurnEventStore } from '../core/analytics';
import { sql, join, raw, type Sql } from '../generated/sqlite/internal/prismaNamespace';
import type { Db } from './connect';

/** The events of the period and slice: `at` leads every index of the table, so this is always a range scan. */
function where(f: OpsFilter): Sql {
  const parts: Sql[] = [sql`"at" >= ${f.from}`, sql`"at" < ${f.to}`];
  if (f.channel) parts.push(sql`"channel" = ${f.channel}`);
  if (f.language) parts.push(sql`"language" = ${f.language}`);
  return sql`WHERE ${join(parts, ' AND ')}`;
}

/** The tenth of confidence a score falls in, as portable SQL (SQLite has no FLOOR, PostgreSQL's CAST rounds). */
const CONFIDENCE_BUCKET = raw(
  `CASE ${Array.from({ length: 9 }, (_, b) => `WHEN "confidence" < ${(b + 1) / 10} THEN ${b}`).join(' ')} ELSE 9 END`,
);

const n = (v: number | bigint | string | null): number => (v === null ? 0 : Number(v));

/** Turn events in the database: written one per turn, read only grouped. */
export function prismaTurnEvents(db: Db): TurnEventStore & OpsQueries {
  return {
    async record(e) {
      await db.turnEvent.create({ data: e });
    },
    async deleteBefore(cutoff) {
      const r = await db.turnEvent.deleteMany({ where: { at: { lt: cutoff } } });
      return r.count;
    },
    async conversations(f) {
      const rows = await db.$queryRaw<{ channel: string; language: string; conversations: bigint; handedOff: bigint | null }[]>`
        SELECT "channel", "language", COUNT(*) AS "conversations", SUM("handed") AS "handedOff" FROM (
          SELECT "conversation", MIN("channel") AS "channel", MIN("language") AS "language",
                 MAX(CASE WHEN "outcome" = 'handoff' THEN 1 ELSE 0 END) AS "handed"
          FROM "TurnEvent" ${where(f)} GROUP BY "conversation") AS "c"
        GROUP BY "channel", "language"`;
      return rows.map((r) => ({ channel: r.channel, language: r.language, conversations: n(r.conversations), handedOff: n(r.handedOff) }));
    },
    async outcomes(f) {
      const rows = await db.$queryRaw<{ outcome: string; handoffReason: string | null; turns: bigint; paymentCents: bigint | null }[]>`
        SELECT "outcome", "handoffReason", COUNT(*) AS "turns", SUM("paymentCents") AS "paymentCents"
        FROM "TurnEvent" ${where(f)} GROUP BY "outcome", "handoffReason"`;
      return rows.map((r) => ({ outcome: r.outcome, handoffReason: r.handoffReason, turns: n(r.turns), paymentCents: n(r.paymentCents) }));
    },
    async intents(f) {
      const rows = await db.$queryRaw<{ intent: string; turns: bigint }[]>`
        SELECT "intent", COUNT(*) AS "turns" FROM "TurnEvent" ${where(f)} AND "intent" IS NOT NULL GROUP BY "intent"`;
      return rows.map((r) => ({ intent: r.intent, turns: n(r.turns) }));
    },
    async confidence(f) {
      const rows = await db.$queryRaw<{ bucket: number | bigint; turns: bigint }[]>`
        SELECT ${CONFIDENCE_BUCKET} AS "bucket", COUNT(*) AS "turns" FROM "TurnEvent" ${where(f)} AND "confidence" IS NOT NULL
        GROUP BY ${CONFIDENCE_BUCKET}`;
      return rows.map((r) => ({ bucket: n(r.bucket), turns: n(r.turns) }));
    },
    async unknownQuestions(f, limit) {
      const rows = await db.$queryRaw<{ text: string; turns: bigint }[]>`
        SELECT "unknownText" AS "text", COUNT(*) AS "turns" FROM "TurnEvent" ${where(f)} AND "unknownText" IS NOT NULL
        GROUP BY "unknownText" ORDER BY COUNT(*) DESC, "unknownText" ASC LIMIT ${limit}`;
      return rows.map((r) => ({ text: r.text, turns: n(r.turns) }));
    },
    async latency(f) {
      const rows = await db.$queryRaw<{ latencyMs: number | bigint; turns: bigint }[]>`
        SELECT "latencyMs", COUNT(*) AS "turns" FROM "TurnEvent" ${where(f)} GROUP BY "latencyMs"`;
      return rows.map((r) => ({ latencyMs: n(r.latencyMs), turns: n(r.turns) }));
    },
  };
}
