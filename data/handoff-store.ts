import type { AgentSessionStore, HandoffMessage, HandoffRecord, HandoffStatus, HandoffStore, HandoffSummary } from '../core/handoff';
import type { Channel, Locale } from '../core/shared/types';
import type { Db } from './connect';

interface HandoffRow {
  id: string;
  channel: string;
  conversationId: string;
  sessionId: string;
  locale: string;
  reason: string;
  summary: string;
  reference: string | null;
  callerNumber: string | null;
  status: string;
  agentId: string | null;
  agentName: string | null;
  createdAt: Date;
  acceptedAt: Date | null;
  endedAt: Date | null;
}

function toRecord(r: HandoffRow): HandoffRecord {
  return {
    ...r,
    channel: r.channel as Channel,
    locale: r.locale as Locale,
    status: r.status as HandoffStatus,
    summary: JSON.parse(r.summary) as HandoffSummary,
  };
}

function toMessage(m: { id: number; handoffId: string; sender: string; text: string; at: Date }): HandoffMessage {
  return { ...m, sender: m.sender as HandoffMessage['sender'] };
}

/** The agent desk's queue, handoff messages and sign-in sessions in the database. */
export function prismaHandoffs(db: Db): HandoffStore & { sessions: AgentSessionStore } {
  return {
    async open(r) {
      await db.handoff.create({ data: { ...r, summary: JSON.stringify(r.summary) } });
    },
    async get(id) {
      const r = await db.handoff.findUnique({ where: { id } });
      return r ? toRecord(r) : null;
    },
    async activeForSession(sessionId) {
      const r = await db.handoff.findFirst({ where: { sessionId, status: { in: ['waiting', 'accepted'] } }, orderBy: { createdAt: 'desc' } });
      return r ? toRecord(r) : null;
    },
    async waiting() {
      const rows = await db.handoff.findMany({ where: { status: 'waiting' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 200 });
      return rows.map(toRecord);
    },
    async acceptedBy(agentId) {
      const rows = await db.handoff.findMany({ where: { status: 'accepted', agentId }, orderBy: { createdAt: 'asc' } });
      return rows.map(toRecord);
    },
    async phone(callerNumber, limit) {
      const rows = await db.handoff.findMany({
        where: { channel: 'voice', ...(callerNumber ? { callerNumber } : {}) },
        orderBy: { createdAt: 'desc' },
        take: limit,
      });
      return rows.map(toRecord);
    },
    async accept(id, agent, at) {
      // Compare-and-set: of two agents accepting at once, one changes the row.
      const r = await db.handoff.updateMany({ where: { id, status: 'waiting' }, data: { status: 'accepted', agentId: agent.id, agentName: agent.name, acceptedAt: at } });
      if (r.count !== 1) return null;
      const row = await db.handoff.findUnique({ where: { id } });
      return row ? toRecord(row) : null;
    },
    async finish(id, from, to, at) {
      const r = await db.handoff.updateMany({ where: { id, status: { in: from } }, data: { status: to, endedAt: at } });
      if (r.count !== 1) return null;
      const row = await db.handoff.findUnique({ where: { id } });
      return row ? toRecord(row) : null;
    },
    async addMessage(m) {
      return toMessage(await db.handoffMessage.create({ data: m }));
    },
    async messagesAfter(handoffId, afterId) {
      const rows = await db.handoffMessage.findMany({ where: { handoffId, id: { gt: afterId } }, orderBy: { id: 'asc' }, take: 500 });
      return rows.map(toMessage);
    },
    async latestMessageId() {
      const r = await db.handoffMessage.aggregate({ _max: { id: true } });
      return r._max.id ?? 0;
    },
    sessions: {
      async create(row) {
        await db.agentSession.create({ data: row });
      },
      find: (tokenHash) => db.agentSession.findUnique({ where: { tokenHash } }),
      async delete(tokenHash) {
        await db.agentSession.deleteMany({ where: { tokenHash } });
      },
      async signedIn(at) {
        const rows = await db.agentSession.findMany({ where: { expiresAt: { gt: at } }, select: { agentId: true }, distinct: ['agentId'] });
        return rows.length;
      },
      async deleteExpired(at) {
        return (await db.agentSession.deleteMany({ where: { expiresAt: { lte: at } } })).count;
      },
    },
  };
}
