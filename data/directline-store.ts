import type { ActivityPage, ConversationRecord, DirectLineStore } from '../bot/directline/direct-line-store';
import type { DirectLineActivity } from '../bot/directline/types';
import type { Db } from './connect';

/** Activities kept per conversation; older ones are trimmed as new ones arrive. */
const HISTORY = 500;

/**
 * The local Direct Line's conversations and activity history in the database,
 * so every server instance behind a load balancer serves the same
 * conversations. Sequence numbers come from a counter bumped in the same
 * transaction as the insert (a row lock on PostgreSQL, the single writer on
 * SQLite), so watermarks never repeat; joining is a conditional update, so
 * exactly one instance greets.
 */
export function prismaDirectLineStore(db: Db): DirectLineStore {
  const toRecord = (r: { id: string; createdAt: Date; lastActiveAt: Date; userId: string | null; locale: string | null; joined: boolean }): ConversationRecord => ({
    id: r.id,
    createdAt: r.createdAt.getTime(),
    lastActiveAt: r.lastActiveAt.getTime(),
    ...(r.userId ? { userId: r.userId } : {}),
    ...(r.locale ? { locale: r.locale } : {}),
    joined: r.joined,
  });

  return {
    async createConversation(record) {
      await db.directLineConversation.create({
        data: {
          id: record.id,
          createdAt: new Date(record.createdAt),
          lastActiveAt: new Date(record.lastActiveAt),
          userId: record.userId ?? null,
          locale: record.locale ?? null,
          joined: record.joined,
        },
      });
    },
    async getConversation(id) {
      const r = await db.directLineConversation.findUnique({ where: { id } });
      return r ? toRecord(r) : undefined;
    },
    countConversations: () => db.directLineConversation.count(),
    async touch(id, at) {
      await db.directLineConversation.updateMany({ where: { id }, data: { lastActiveAt: new Date(at) } });
    },
    async markJoined(id) {
      const r = await db.directLineConversation.updateMany({ where: { id, joined: false }, data: { joined: true } });
      return r.count === 1;
    },
    async appendActivity(conversationId, activity, makeId, activeAt) {
      return db.$transaction(async (tx) => {
        // One statement bumps the counter (and the activity time) and returns it; none when the conversation is gone.
        const [conv] = await tx.directLineConversation.updateManyAndReturn({
          where: { id: conversationId },
          data: { nextSeq: { increment: 1 }, ...(activeAt !== undefined ? { lastActiveAt: new Date(activeAt) } : {}) },
          select: { nextSeq: true },
        });
        if (!conv) return undefined;
        const seq = conv.nextSeq - 1;
        const stored: DirectLineActivity = { ...activity, id: makeId(seq) };
        await tx.directLineActivity.create({ data: { conversationId, seq, activityId: String(stored.id), body: JSON.stringify(stored) } });
        if (seq > HISTORY) await tx.directLineActivity.deleteMany({ where: { conversationId, seq: { lte: seq - HISTORY } } });
        return { activity: stored, seq };
      });
    },
    async listActivities(conversationId, afterWatermark, limit): Promise<ActivityPage> {
      const rows = await db.directLineActivity.findMany({
        where: { conversationId, seq: { gt: afterWatermark } },
        orderBy: { seq: 'asc' },
        take: limit,
      });
      if (rows.length) return { activities: rows.map((r) => JSON.parse(r.body) as DirectLineActivity), watermark: rows[rows.length - 1]!.seq };
      const conv = await db.directLineConversation.findUnique({ where: { id: conversationId }, select: { nextSeq: true } });
      return { activities: [], watermark: conv ? conv.nextSeq - 1 : afterWatermark };
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
    async deleteIdleConversations(idleSince, keep) {
      const idle = await db.directLineConversation.findMany({
        where: { lastActiveAt: { lt: new Date(idleSince) }, id: { notIn: [...keep] } },
        select: { id: true },
        take: 1000,
      });
      if (idle.length) await db.directLineConversation.deleteMany({ where: { id: { in: idle.map((c) => c.id) } } });
      return idle.map((c) => c.id);
    },
  };
}
