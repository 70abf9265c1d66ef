import type { Channel, Locale } from '../shared/types';

/** One line of the conversation before the handoff, as the agent reads it (visitor text already masked). */
export interface TranscriptLine {
  from: 'customer' | 'assistant';
  text: string;
}

/**
 * What an agent sees before accepting: why the customer wants a person and
 * where they were, with nothing sensitive (the account by its last four
 * digits only, never an SSN/Tax ID or bank number).
 */
export interface HandoffSummary {
  reason: string;
  language: Locale;
  verified: boolean;
  customer: string | null;
  /** "…0001 (2021 Honda Civic)". */
  account: string | null;
  /** The flow and step in progress when the customer asked ("pay:amount"). */
  inProgress: string | null;
  topics: string[];
  lastTurns: TranscriptLine[];
}

/** `transferred`: a phone call put through to the contact centre (its summary is kept for the desk to look up). */
export type HandoffStatus = 'waiting' | 'accepted' | 'ended' | 'cancelled' | 'transferred';

export interface HandoffRecord {
  id: string;
  channel: Channel;
  /** The chat's conversation id, or the call's CallSid. */
  conversationId: string;
  sessionId: string;
  locale: Locale;
  reason: string;
  summary: HandoffSummary;
  /** An Azure channel's conversation reference (JSON), so the desk can reach the visitor there. */
  reference: string | null;
  callerNumber: string | null;
  status: HandoffStatus;
  agentId: string | null;
  agentName: string | null;
  createdAt: Date;
  acceptedAt: Date | null;
  endedAt: Date | null;
}

export interface HandoffMessage {
  id: number;
  handoffId: string;
  sender: 'visitor' | 'agent' | 'system';
  text: string;
  at: Date;
}

/** The desk's queue and the messages of live handoffs. */
export interface HandoffStore {
  open(record: HandoffRecord): Promise<void>;
  get(id: string): Promise<HandoffRecord | null>;
  /** The session's handoff still waiting or with an agent, if any. */
  activeForSession(sessionId: string): Promise<HandoffRecord | null>;
  /** Chat handoffs waiting for an agent, in arrival order. */
  waiting(): Promise<HandoffRecord[]>;
  /** Handoffs an agent has accepted and not yet ended. */
  acceptedBy(agentId: string): Promise<HandoffRecord[]>;
  /** Phone transfers, newest first; only those from `callerNumber` when given. */
  phone(callerNumber: string | null, limit: number): Promise<HandoffRecord[]>;
  /** Waiting → accepted by this agent; null when someone else was first or it is no longer waiting. */
  accept(id: string, agent: { id: string; name: string }, at: Date): Promise<HandoffRecord | null>;
  /** Moves a handoff in one of `from` to `to`; null when it was in none of them. */
  finish(id: string, from: HandoffStatus[], to: 'ended' | 'cancelled', at: Date): Promise<HandoffRecord | null>;
  addMessage(message: Omit<HandoffMessage, 'id'>): Promise<HandoffMessage>;
  messagesAfter(handoffId: string, afterId: number): Promise<HandoffMessage[]>;
  /** The newest message id of any handoff: a desk stream pulls when it grows (several instances). */
  latestMessageId(): Promise<number>;
}

/**
 * Reads the engine's handoff summary ("channel=chat; language=en;
 * reason=requested; verified=yes; customer=Jordan; account=…0001 (2021 Honda
 * Civic); inProgress=pay:amount; topics=balance,pay") into its parts.
 */
export function parseEngineSummary(summary: string, lastTurns: TranscriptLine[]): HandoffSummary {
  const fields = new Map<string, string>();
  for (const part of summary.split('; ')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at), part.slice(at + 1));
  }
  const language = fields.get('language') === 'es' ? 'es' : 'en';
  return {
    reason: fields.get('reason') ?? 'requested',
    language,
    verified: fields.get('verified') === 'yes',
    customer: fields.get('customer') ?? null,
    account: fields.get('account') ?? null,
    inProgress: fields.get('inProgress') ?? null,
    topics: (fields.get('topics') ?? '').split(',').filter(Boolean),
    lastTurns,
  };
}

/** When the desk takes chats: ISO weekday → [open, close) minutes after midnight, in the desk's time zone. */
export type OpeningHours = Partial<Record<number, [number, number]>>;

/** Whether the desk is open at `at` in `timeZone`. */
export function deskOpen(hours: OpeningHours, at: Date, timeZone: string): boolean {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  const minutes = Number(get('hour')) * 60 + Number(get('minute'));
  const today = hours[day];
  return today !== undefined && minutes >= today[0] && minutes < today[1];
}

/** A signed-in desk user's session; the cookie's token is known only by its hash. */
export interface AgentSessionRow {
  tokenHash: string;
  agentId: string;
  role: string;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface AgentSessionStore {
  create(row: AgentSessionRow): Promise<void>;
  find(tokenHash: string): Promise<AgentSessionRow | null>;
  delete(tokenHash: string): Promise<void>;
  /** Distinct people with a session still valid at `at`. */
  signedIn(at: Date): Promise<number>;
  deleteExpired(at: Date): Promise<number>;
}
