import type { ActivityPage, ConversationRecord, DirectLineActivity, DirectLineStore } from '../core/store/direct-line-store';
import type { Db } from './connect';
import type { Sql } from './sql';

/** Activities kept per conversation; older ones are trimmed as new ones arrive. */
const HISTORY = 500;

interface ConversationRow {
  id: string;
  createdAt: Date;
  lastActiveAt: Date;
  userId: string | null;
  locale: string | null;
  /** 0/1 on SQLite, a boolean on PostgreSQL. */
  joined: boolean | number;
  tokenGeneration: number | bigint;
}

/**
 * The local Direct Line's conversations and activity history in the database,
 * so every server instance behind a load balancer serves the same
 * conversations. Sequence numbers come from a counter bumped in the same
 * transaction as the insert (a row lock on PostgreSQL, the single writer on
 * SQLite), so watermarks never repeat; joining is a conditional update, so
 * exactly one instance greets.
 *
 * The reads and writes of every turn (find a conversation, append, list,
 * touch, join) are plain SQL that both stores accept, on the Prisma client's
 * own connection (`sql.ts`): Prisma plans each query anew, which costs
 * several times the query itself on this path.
 *
 * With `notifyChannel` (PostgreSQL), every append also sends a notification
 * on that channel inside its transaction: PostgreSQL delivers it at commit,
 * so an instance woken by it finds the activity (see `directline-signals.ts`).
 */
export function prismaDirectLineStore(db: Db, sql: Sql, notifyChannel?: string): DirectLineStore {
  const toRecord = (r: ConversationRow): ConversationRecord => ({
    id: r.id,
    createdAt: r.createdAt.getTime(),
    lastActiveAt: r.lastActiveAt.getTime(),
    ...(r.userId ? { userId: r.userId } : {}),
    ...(r.locale ? { locale: r.locale } : {}),
    joined: Boolean(r.joined),
    tokenGeneration: Number(r.tokenGeneration),
  });

  return {
    async createConversation(record) {
      await sql.execute`
        INSERT INTO "DirectLineConversation" ("id", "createdAt", "lastActiveAt", "userId", "locale", "joined", "tokenGeneration", "nextSeq")
        VALUES (${record.id}, ${new Date(record.createdAt)}, ${new Date(record.lastActiveAt)}, ${record.userId ?? null}, ${record.locale ?? null},
          ${record.joined}, ${record.tokenGeneration}, 1)`;
    },
    async getConversation(id) {
      const [r] = await sql.query<ConversationRow>`
        SELECT "id", "createdAt", "lastActiveAt", "userId", "locale", "joined", "tokenGeneration" FROM "DirectLineConversation" WHERE "id" = ${id}`;
      return r ? toRecord(r) : undefined;
    },
    async countConversations() {
      const [r] = await sql.query<{ n: number }>`SELECT COUNT(*) AS "n" FROM "DirectLineConversation"`;
      return r?.n ?? 0;
    },
    async touch(id, at) {
      await sql.execute`UPDATE "DirectLineConversation" SET "lastActiveAt" = ${new Date(at)} WHERE "id" = ${id}`;
    },
    async markJoined(id) {
      return (await sql.execute`UPDATE "DirectLineConversation" SET "joined" = ${true} WHERE "id" = ${id} AND "joined" = ${false}`) === 1;
    },
    async advanceTokenGeneration(id, fromGeneration) {
      const [row] = await sql.query<{ tokenGeneration: number | bigint }>`
        UPDATE "DirectLineConversation" SET "tokenGeneration" = "tokenGeneration" + 1
        WHERE "id" = ${id} AND "tokenGeneration" = ${fromGeneration} RETURNING "tokenGeneration"`;
      return row ? Number(row.tokenGeneration) : undefined;
    },
    async appendActivity(conversationId, activity, makeId, activeAt) {
      return sql.transaction(async (tx) => {
        // One statement bumps the counter (and the activity time) and returns it; no row when the conversation is gone.
        // The row stays locked until the insert commits, so readers never see a later sequence number first.
        const [conv] =
          activeAt === undefined
            ? await tx.query<{ nextSeq: number }>`
                UPDATE "DirectLineConversation" SET "nextSeq" = "nextSeq" + 1 WHERE "id" = ${conversationId} RETURNING "nextSeq"`
            : await tx.query<{ nextSeq: number }>`
                UPDATE "DirectLineConversation" SET "nextSeq" = "nextSeq" + 1, "lastActiveAt" = ${new Date(activeAt)}
                WHERE "id" = ${conversationId} RETURNING "nextSeq"`;
        if (!conv) return undefined;
        const seq = Number(conv.nextSeq) - 1;
        const stored: DirectLineActivity = { ...activity, id: makeId(seq) };
        await tx.execute`
          INSERT INTO "DirectLineActivity" ("conversationId", "seq", "activityId", "body")
          VALUES (${conversationId}, ${seq}, ${String(stored.id)}, ${JSON.stringify(stored)})`;
        if (seq > HISTORY) await tx.execute`DELETE FROM "DirectLineActivity" WHERE "conversationId" = ${conversationId} AND "seq" <= ${seq - HISTORY}`;
        if (notifyChannel) await tx.query`SELECT pg_notify(${notifyChannel}, ${conversationId})::text AS "sent"`;
        return { activity: stored, seq };
      });
    },
    async listActivities(conversationId, afterWatermark, limit): Promise<ActivityPage> {
      const rows = await sql.query<{ seq: number; body: string }>`
        SELECT "seq", "body" FROM "DirectLineActivity"
        WHERE "conversationId" = ${conversationId} AND "seq" > ${afterWatermark}
        ORDER BY "seq" ASC LIMIT ${limit}`;
      if (rows.length) return { activities: rows.map((r) => JSON.parse(r.body) as DirectLineActivity), watermark: Number(rows[rows.length - 1]!.seq) };
      const [conv] = await sql.query<{ nextSeq: number }>`SELECT "nextSeq" FROM "DirectLineConversation" WHERE "id" = ${conversationId}`;
      return { activities: [], watermark: conv ? Number(conv.nextSeq) - 1 : afterWatermark };
    },
    async replaceActivity(conversationId, activityId, activity) {
      const row = await db.directLineActivity.findUnique({ where: { conversationId_activityId: { conversationId, activityId } } });
      if (!row) return undefined;
      const stored: DirectLineActivity = { ...activity, id: activityId };
      await db.directLineActivity.update({ where: { conversationId_seq: { conversationId, seq: row.seq } }, data: { body: JSON.stringify(stored) } });
      return stored;
    },
    async deleteActivity(conversationId, activityId) {
      const r = await db.directLineActivity.deleteMany({ where: { conversationId, activityId } });
      return r.count > 0;
    },
    async deleteIdleConversations(idleSince, keep, unusedSince = idleSince) {
      const idle = await db.directLineConversation.findMany({
        where: {
          OR: [{ lastActiveAt: { lt: new Date(idleSince) } }, { joined: false, lastActiveAt: { lt: new Date(Math.max(idleSince, unusedSince)) } }],
          id: { notIn: [...keep] },
        },
        select: { id: true },
        take: 1000,
      });
      if (idle.length) await db.directLineConversation.deleteMany({ where: { id: { in: idle.map((c) => c.id) } } });
      return idle.map((c) => c.id);
    },
  };
}
