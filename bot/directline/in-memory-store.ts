import type { ActivityPage, ConversationRecord, DirectLineStore } from './direct-line-store';
import type { DirectLineActivity } from './types';

/** Settings of {@link InMemoryDirectLineStore}. */
export interface InMemoryDirectLineStoreOptions {
  /** Older activities beyond this many are dropped per conversation. Default 500. */
  maxActivitiesPerConversation?: number;
}

interface Entry {
  record: ConversationRecord;
  activities: { seq: number; activity: DirectLineActivity }[];
  lastSeq: number;
}

/**
 * The in-memory twin of {@link DirectLineStore}: one process, nothing
 * survives a restart. Returned objects are copies so callers cannot mutate
 * the history behind the store's back (a database would not let them either).
 */
export class InMemoryDirectLineStore implements DirectLineStore {
  private readonly conversations = new Map<string, Entry>();
  private readonly maxActivities: number;

  constructor(options: InMemoryDirectLineStoreOptions = {}) {
    this.maxActivities = options.maxActivitiesPerConversation ?? 500;
    if (!Number.isInteger(this.maxActivities) || this.maxActivities < 1) {
      throw new Error('maxActivitiesPerConversation must be a positive integer');
    }
  }

  async createConversation(record: ConversationRecord): Promise<void> {
    if (this.conversations.has(record.id)) throw new Error(`conversation ${record.id} already exists`);
    this.conversations.set(record.id, { record: { ...record }, activities: [], lastSeq: 0 });
  }

  async getConversation(id: string): Promise<ConversationRecord | undefined> {
    const entry = this.conversations.get(id);
    return entry ? { ...entry.record } : undefined;
  }

  async countConversations(): Promise<number> {
    return this.conversations.size;
  }

  async touch(id: string, at: number): Promise<void> {
    const entry = this.conversations.get(id);
    if (entry && at > entry.record.lastActiveAt) entry.record.lastActiveAt = at;
  }

  async advanceTokenGeneration(id: string, fromGeneration: number): Promise<number | undefined> {
    const entry = this.conversations.get(id);
    if (!entry || entry.record.tokenGeneration !== fromGeneration) return undefined;
    entry.record.tokenGeneration += 1;
    return entry.record.tokenGeneration;
  }

  async markJoined(id: string): Promise<boolean> {
    const entry = this.conversations.get(id);
    if (!entry || entry.record.joined) return false;
    entry.record.joined = true;
    return true;
  }

  async appendActivity(
    conversationId: string,
    activity: DirectLineActivity,
    makeId: (seq: number) => string,
    activeAt?: number,
  ): Promise<{ activity: DirectLineActivity; seq: number } | undefined> {
    const entry = this.conversations.get(conversationId);
    if (!entry) return undefined;
    if (activeAt !== undefined) await this.touch(conversationId, activeAt);
    const seq = entry.lastSeq + 1;
    entry.lastSeq = seq;
    const stored = { ...structuredClone(activity), id: makeId(seq) };
    entry.activities.push({ seq, activity: stored });
    if (entry.activities.length > this.maxActivities) {
      entry.activities.splice(0, entry.activities.length - this.maxActivities);
    }
    return { activity: structuredClone(stored), seq };
  }

  async listActivities(conversationId: string, afterWatermark: number, limit: number): Promise<ActivityPage> {
    const entry = this.conversations.get(conversationId);
    if (!entry) return { activities: [], watermark: afterWatermark };
    const newer = entry.activities.filter((a) => a.seq > afterWatermark).slice(0, limit);
    const last = newer[newer.length - 1];
    return {
      activities: newer.map((a) => structuredClone(a.activity)),
      watermark: last ? last.seq : entry.lastSeq,
    };
  }

  async replaceActivity(
    conversationId: string,
    activityId: string,
    activity: DirectLineActivity,
  ): Promise<DirectLineActivity | undefined> {
    const slot = this.conversations.get(conversationId)?.activities.find((a) => a.activity.id === activityId);
    if (!slot) return undefined;
    slot.activity = { ...structuredClone(activity), id: activityId };
    return structuredClone(slot.activity);
  }

  async deleteActivity(conversationId: string, activityId: string): Promise<boolean> {
    const entry = this.conversations.get(conversationId);
    if (!entry) return false;
    const index = entry.activities.findIndex((a) => a.activity.id === activityId);
    if (index < 0) return false;
    entry.activities.splice(index, 1);
    return true;
  }

  async deleteIdleConversations(idleSince: number, keep: ReadonlySet<string>, unusedSince = idleSince): Promise<string[]> {
    const removed: string[] = [];
    for (const [id, entry] of this.conversations) {
      const cutoff = entry.record.joined ? idleSince : Math.max(idleSince, unusedSince);
      if (entry.record.lastActiveAt < cutoff && !keep.has(id)) {
        this.conversations.delete(id);
        removed.push(id);
      }
    }
    return removed;
  }
}
