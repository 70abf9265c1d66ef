import type { OpsFilter, OpsQueries, TurnEventRecord, TurnEventStore } from '../core/analytics';
import { sql, join, type Sql } from '../generated/sqlite/internal/prismaNamespace';
import type { Db } from './connect';

/** One daily total a turn event adds to. */
export interface StatIncrement {
  day: string;
  channel: string;
  language: string;
  kind: 'outcome' | 'intent' | 'confidence' | 'latency' | 'unknown';
  key: string;
  turns: number;
  amountCents: number;
}

export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

/** The tenth of confidence a score falls in (0 … 9; a perfect 1 counts with the top tenth). */
export const confidenceTenth = (score: number): number => Math.min(9, Math.max(0, Math.floor(score * 10)));

/** The daily totals one event adds to (besides its conversation's, which depend on what came before). */
export function statsOf(e: TurnEventRecord): StatIncrement[] {
  const base = { day: dayOf(e.at), channel: e.channel, language: e.language, turns: 1, amountCents: 0 };
  const stats: StatIncrement[] = [
    { ...base, kind: 'outcome', key: `${e.outcome}|${e.handoffReason ?? ''}`, amountCents: e.paymentCents ?? 0 },
    { ...base, kind: 'latency', key: String(e.latencyMs) },
  ];
  if (e.intent) stats.push({ ...base, kind: 'intent', key: e.intent });
  if (e.confidence !== null) stats.push({ ...base, kind: 'confidence', key: String(confidenceTenth(e.confidence)) });
  if (e.unknownText) stats.push({ ...base, kind: 'unknown', key: e.unknownText });
  // One order for every writer, so concurrent upserts on PostgreSQL never wait on each other in a cycle.
  return stats.sort((a, b) => (a.kind + a.key < b.kind + b.key ? -1 : 1));
}

/** The days of the period and slice: every query is a range on the (kind, day) index of a few thousand rows a day at most. */
function where(kind: string | string[], f: OpsFilter): Sql {
  const kinds = Array.isArray(kind) ? kind : [kind];
  const parts: Sql[] = [sql`"kind" IN (${join(kinds)})`, sql`"day" >= ${dayOf(f.from)}`, sql`"day" < ${dayOf(f.to)}`];
  if (f.channel) parts.push(sql`"channel" = ${f.channel}`);
  if (f.language) parts.push(sql`"language" = ${f.language}`);
  return sql`WHERE ${join(parts, ' AND ')}`;
}

const n = (v: number | bigint | string | null): number => (v === null ? 0 : Number(v));

function upsert(stats: { day: string; channel: string; language: string; kind: string; key: string; turns: number; amountCents: number }[]): Sql {
  const values = stats.map((s) => sql`(${s.day}, ${s.channel}, ${s.language}, ${s.kind}, ${s.key}, ${s.turns}, ${s.amountCents})`);
  return sql`
    INSERT INTO "TurnStat" ("day", "channel", "language", "kind", "key", "turns", "amountCents") VALUES ${join(values)}
    ON CONFLICT ("day", "channel", "language", "kind", "key")
    DO UPDATE SET "turns" = "TurnStat"."turns" + excluded."turns", "amountCents" = "TurnStat"."amountCents" + excluded."amountCents"`;
}

/**
 * Turn events in the database. Each event is written with the daily totals
 * it adds to, in one transaction; the supervisor's queries read only the
 * totals, grouped over the days asked for.
 */
export function prismaTurnEvents(db: Db): TurnEventStore & OpsQueries {
  return {
    async record(e) {
      await db.$transaction(async (tx) => {
        await tx.turnEvent.create({ data: e });
        const stats: { day: string; channel: string; language: string; kind: string; key: string; turns: number; amountCents: number }[] = statsOf(e);
        // The conversation counts on the day of its first turn, in the channel and language it began in.
        const [fresh] = await tx.$queryRaw<{ conversation: string }[]>`
          INSERT INTO "TurnConversation" ("conversation", "day", "channel", "language", "handedOff")
          VALUES (${e.conversation}, ${dayOf(e.at)}, ${e.channel}, ${e.language}, 0)
          ON CONFLICT ("conversation") DO NOTHING RETURNING "conversation"`;
        if (fresh) stats.push({ day: dayOf(e.at), channel: e.channel, language: e.language, kind: 'conversation', key: '', turns: 1, amountCents: 0 });
        if (e.outcome === 'handoff') {
          const [first] = await tx.$queryRaw<{ day: string; channel: string; language: string }[]>`
            UPDATE "TurnConversation" SET "handedOff" = 1 WHERE "conversation" = ${e.conversation} AND "handedOff" = 0
            RETURNING "day", "channel", "language"`;
          if (first) stats.push({ ...first, kind: 'handedOff', key: '', turns: 1, amountCents: 0 });
        }
        await tx.$executeRaw(upsert(stats.sort((a, b) => (a.day + a.channel + a.language + a.kind + a.key < b.day + b.channel + b.language + b.kind + b.key ? -1 : 1))));
      });
    },
    async deleteBefore(cutoff) {
      const day = dayOf(cutoff);
      await db.turnStat.deleteMany({ where: { day: { lt: day } } });
      await db.turnConversation.deleteMany({ where: { day: { lt: day } } });
      const r = await db.turnEvent.deleteMany({ where: { at: { lt: cutoff } } });
      return r.count;
    },
    async conversations(f) {
      const rows = await db.$queryRaw<{ channel: string; language: string; kind: string; turns: bigint | number }[]>`
        SELECT "channel", "language", "kind", SUM("turns") AS "turns" FROM "TurnStat" ${where(['conversation', 'handedOff'], f)}
        GROUP BY "channel", "language", "kind"`;
      const out = new Map<string, { channel: string; language: string; conversations: number; handedOff: number }>();
      for (const r of rows) {
        const key = `${r.channel}|${r.language}`;
        const row = out.get(key) ?? { channel: r.channel, language: r.language, conversations: 0, handedOff: 0 };
        if (r.kind === 'conversation') row.conversations += n(r.turns);
        else row.handedOff += n(r.turns);
        out.set(key, row);
      }
      return [...out.values()];
    },
    async outcomes(f) {
      const rows = await db.$queryRaw<{ key: string; turns: bigint | number; amountCents: bigint | number | null }[]>`
        SELECT "key", SUM("turns") AS "turns", SUM("amountCents") AS "amountCents" FROM "TurnStat" ${where('outcome', f)} GROUP BY "key"`;
      return rows.map((r) => {
        const [outcome, reason] = r.key.split('|');
        return { outcome: outcome ?? '', handoffReason: reason ? reason : null, turns: n(r.turns), paymentCents: n(r.amountCents) };
      });
    },
    async intents(f) {
      const rows = await db.$queryRaw<{ key: string; turns: bigint | number }[]>`
        SELECT "key", SUM("turns") AS "turns" FROM "TurnStat" ${where('intent', f)} GROUP BY "key"`;
      return rows.map((r) => ({ intent: r.key, turns: n(r.turns) }));
    },
    async confidence(f) {
      const rows = await db.$queryRaw<{ key: string; turns: bigint | number }[]>`
        SELECT "key", SUM("turns") AS "turns" FROM "TurnStat" ${where('confidence', f)} GROUP BY "key"`;
      return rows.map((r) => ({ bucket: Number(r.key), turns: n(r.turns) }));
    },
    async unknownQuestions(f, limit) {
      const rows = await db.$queryRaw<{ key: string; turns: bigint | number }[]>`
        SELECT "key", SUM("turns") AS "turns" FROM "TurnStat" ${where('unknown', f)}
        GROUP BY "key" ORDER BY SUM("turns") DESC, "key" ASC LIMIT ${limit}`;
      return rows.map((r) => ({ text: r.key, turns: n(r.turns) }));
    },
    async latency(f) {
      const rows = await db.$queryRaw<{ key: string; turns: bigint | number }[]>`
        SELECT "key", SUM("turns") AS "turns" FROM "TurnStat" ${where('latency', f)} GROUP BY "key"`;
      return rows.map((r) => ({ latencyMs: Number(r.key), turns: n(r.turns) }));
    },
  };
}
