import type { OpsFilter, OpsQueries, TurnEventRecord, TurnEventStore } from '../core/analytics';
import { sql, join, type Sql } from '../generated/sqlite/internal/prismaNamespace';
import type { Db } from './connect';

/** One daily total a turn event adds to. */
export interface Stat {
  day: string;
  channel: string;
  language: string;
  /** conversation, handedOff, outcome, intent, confidence, latency or unknown. */
  kind: string;
  key: string;
  turns: number;
  amountCents: number;
}

export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

/** The tenth of confidence a score falls in (0 … 9; a perfect 1 counts with the top tenth). */
export const confidenceTenth = (score: number): number => Math.min(9, Math.max(0, Math.floor(score * 10)));

/** The daily totals one event adds to (besides its conversation's, which depend on what came before). */
export function statsOf(e: TurnEventRecord): Stat[] {
  const base = { day: dayOf(e.at), channel: e.channel, language: e.language, turns: 1, amountCents: 0 };
  const stats: Stat[] = [
    { ...base, kind: 'outcome', key: `${e.outcome}|${e.handoffReason ?? ''}`, amountCents: e.paymentCents ?? 0 },
    { ...base, kind: 'latency', key: String(e.latencyMs) },
  ];
  if (e.intent) stats.push({ ...base, kind: 'intent', key: e.intent });
  if (e.confidence !== null) stats.push({ ...base, kind: 'confidence', key: String(confidenceTenth(e.confidence)) });
  if (e.unknownText) stats.push({ ...base, kind: 'unknown', key: e.unknownText });
  return stats;
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

function upsert(stats: Stat[]): Sql {
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
    async recordMany(events) {
      if (!events.length) return;
      await db.$transaction(async (tx) => {
        await tx.turnEvent.createMany({ data: events });
        const totals = new Map<string, Stat>();
        const add = (stat: Stat) => {
          const key = [stat.day, stat.channel, stat.language, stat.kind, stat.key].join('\u0000');
          const have = totals.get(key);
          if (have) {
            have.turns += stat.turns;
            have.amountCents += stat.amountCents;
          } else totals.set(key, { ...stat });
        };
        for (const e of events) for (const stat of statsOf(e)) add(stat);
        // A conversation counts once, on the day of its first turn, in the channel and language it began in.
        const firsts = new Map<string, TurnEventRecord>();
        for (const e of events) if (!firsts.has(e.conversation)) firsts.set(e.conversation, e);
        const fresh = await tx.$queryRaw<{ conversation: string }[]>`
          INSERT INTO "TurnConversation" ("conversation", "day", "channel", "language", "handedOff")
          VALUES ${join([...firsts.values()].sort((a, b) => (a.conversation < b.conversation ? -1 : 1)).map((e) => sql`(${e.conversation}, ${dayOf(e.at)}, ${e.channel}, ${e.language}, 0)`))}
          ON CONFLICT ("conversation") DO NOTHING RETURNING "conversation"`;
        for (const { conversation } of fresh) {
          const e = firsts.get(conversation)!;
          add({ day: dayOf(e.at), channel: e.channel, language: e.language, kind: 'conversation', key: '', turns: 1, amountCents: 0 });
        }
        const handedOff = [...new Set(events.filter((e) => e.outcome === 'handoff').map((e) => e.conversation))];
        if (handedOff.length) {
          const reached = await tx.$queryRaw<{ day: string; channel: string; language: string }[]>`
            UPDATE "TurnConversation" SET "handedOff" = 1 WHERE "conversation" IN (${join(handedOff)}) AND "handedOff" = 0
            RETURNING "day", "channel", "language"`;
          for (const r of reached) add({ ...r, kind: 'handedOff', key: '', turns: 1, amountCents: 0 });
        }
        // One order for every writer, so concurrent upserts on PostgreSQL never wait on each other in a cycle.
        const sorted = [...totals].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, stat]) => stat);
        for (let i = 0; i < sorted.length; i += 500) await tx.$executeRaw(upsert(sorted.slice(i, i + 500)));
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
