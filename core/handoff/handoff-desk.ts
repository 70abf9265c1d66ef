import { randomUUID } from 'node:crypto';
import type { Message } from '../conversation';
import type { Channel, Locale } from '../shared/types';
import {
  deskOpen,
  parseEngineSummary,
  type AgentSessionStore,
  type HandoffMessage,
  type HandoffRecord,
  type HandoffStore,
  type OpeningHours,
  type TranscriptLine,
} from './handoff';

/** What the desk says to a visitor: the assistant's words (an i18n key) or an agent's own. */
export type VisitorMessage = { from: 'assistant'; message: Message; cancelButton?: boolean } | { from: 'agent'; name: string; text: string };

/**
 * How the desk reaches a visitor in their conversation (the local Direct
 * Line, or an Azure channel through the Bot Framework); the web chat front
 * end implements it.
 */
export interface VisitorLink {
  send(handoff: HandoffRecord, message: VisitorMessage): Promise<void>;
  typing(handoff: HandoffRecord, name: string): Promise<void>;
}

/** What changed, for the agents' open consoles. */
export type DeskChange =
  | { kind: 'queue' }
  | { kind: 'message'; handoffId: string }
  | { kind: 'typing'; handoffId: string; agentId: string | null };

export interface HandoffDeskDeps {
  store: HandoffStore;
  sessions: AgentSessionStore;
  hours: OpeningHours;
  timeZone: string;
  now?: () => Date;
}

/** A visitor's request for a person. */
export interface HandoffRequest {
  channel: Channel;
  conversationId: string;
  sessionId: string;
  locale: Locale;
  reason: string;
  /** The engine's summary (see `TurnContext.summary`). */
  engineSummary: string;
  lastTurns: TranscriptLine[];
  reference?: string | null;
  callerNumber?: string | null;
}

export type HandoffStart = { kind: 'queued'; handoff: HandoffRecord; position: number } | { kind: 'unavailable' };

/** Words with which a waiting visitor leaves the line. */
const CANCEL_WORDS = /^\s*(cancel|stop waiting|stop|never ?mind|cancelar|dejar de esperar|olv[ií]delo|salir)\s*[.!]?\s*$/i;

/** Whether a waiting visitor's message asks to stop waiting. */
export function isCancel(text: string): boolean {
  return CANCEL_WORDS.test(text);
}

/**
 * The live handoff between a visitor and an agent, the same for every chat
 * entry point: the queue in arrival order, who accepted what, the messages
 * both ways (stored, so an agent's console on any instance can pull them),
 * and the hand back to the assistant. Chat front ends call it instead of the
 * engine while a handoff is live; the agent desk calls it for the agent.
 */
export class HandoffDesk {
  private readonly listeners = new Set<(change: DeskChange) => void>();
  private link: VisitorLink | null = null;
  private readonly now: () => Date;

  constructor(private readonly deps: HandoffDeskDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Set once by the composition root: where agents' words go. */
  connect(link: VisitorLink): void {
    this.link = link;
  }

  onChange(listener: (change: DeskChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(change: DeskChange): void {
    for (const l of this.listeners) l(change);
  }

  /** Open, and someone signed in: only then is a visitor promised a person. */
  async available(): Promise<boolean> {
    const at = this.now();
    if (!deskOpen(this.deps.hours, at, this.deps.timeZone)) return false;
    return (await this.deps.sessions.signedIn(at)) > 0;
  }

  /** Queues a chat for an agent, or says why it cannot be (closed, nobody signed in). */
  async begin(request: HandoffRequest): Promise<HandoffStart> {
    if (!(await this.available())) return { kind: 'unavailable' };
    const existing = await this.deps.store.activeForSession(request.sessionId);
    if (existing) return { kind: 'queued', handoff: existing, position: await this.position(existing) };
    const handoff = this.record(request, 'waiting');
    await this.deps.store.open(handoff);
    this.changed({ kind: 'queue' });
    return { kind: 'queued', handoff, position: await this.position(handoff) };
  }

  /** Keeps a phone transfer's summary, for the desk to look up by the caller's number. */
  async recordTransfer(request: HandoffRequest): Promise<HandoffRecord> {
    // One record per call, however often Twilio retries the webhook that transferred it.
    const id = `transfer:${request.conversationId}`;
    const existing = await this.deps.store.get(id);
    if (existing) return existing;
    const handoff = { ...this.record(request, 'transferred'), id };
    await this.deps.store.open(handoff);
    this.changed({ kind: 'queue' });
    return handoff;
  }

  private record(request: HandoffRequest, status: 'waiting' | 'transferred'): HandoffRecord {
    return {
      id: randomUUID(),
      channel: request.channel,
      conversationId: request.conversationId,
      sessionId: request.sessionId,
      locale: request.locale,
      reason: request.reason,
      summary: parseEngineSummary(request.engineSummary, request.lastTurns),
      reference: request.reference ?? null,
      callerNumber: request.callerNumber ?? null,
      status,
      agentId: null,
      agentName: null,
      createdAt: this.now(),
      acceptedAt: null,
      endedAt: null,
    };
  }

  /** 1 for the first in line. */
  async position(handoff: HandoffRecord): Promise<number> {
    const waiting = await this.deps.store.waiting();
    const at = waiting.findIndex((h) => h.id === handoff.id);
    return at < 0 ? 1 : at + 1;
  }

  active(sessionId: string): Promise<HandoffRecord | null> {
    return this.deps.store.activeForSession(sessionId);
  }

  /**
   * A visitor's message while their handoff is live: to the agent once
   * accepted (the text is already masked by the caller); while waiting, a
   * cancel leaves the line and anything else gets their place in it.
   */
  async fromVisitor(handoff: HandoffRecord, maskedText: string): Promise<{ kind: 'to-agent' } | { kind: 'waiting'; position: number } | { kind: 'cancelled' }> {
    let live = handoff;
    if (live.status === 'waiting') {
      if (!isCancel(maskedText)) return { kind: 'waiting', position: await this.position(live) };
      if (await this.cancel(live)) return { kind: 'cancelled' };
      // An agent accepted just before the cancel arrived: the agent reads it and decides.
      const now = await this.deps.store.get(live.id);
      if (now?.status !== 'accepted') return { kind: 'cancelled' };
      live = now;
    }
    await this.deps.store.addMessage({ handoffId: live.id, sender: 'visitor', text: maskedText, at: this.now() });
    this.changed({ kind: 'message', handoffId: live.id });
    return { kind: 'to-agent' };
  }

  visitorTyping(handoff: HandoffRecord): void {
    if (handoff.status === 'accepted') this.changed({ kind: 'typing', handoffId: handoff.id, agentId: null });
  }

  /** The visitor stops waiting; false when an agent accepted first. */
  async cancel(handoff: HandoffRecord): Promise<boolean> {
    const done = await this.deps.store.finish(handoff.id, ['waiting'], 'cancelled', this.now());
    if (!done) return false;
    await this.deps.store.addMessage({ handoffId: handoff.id, sender: 'system', text: 'desk.visitorLeft', at: this.now() });
    this.changed({ kind: 'queue' });
    return true;
  }

  /** The visitor's chat ended (they closed it): nobody waits for them any more. */
  async visitorLeft(handoff: HandoffRecord): Promise<void> {
    const done = await this.deps.store.finish(handoff.id, ['waiting', 'accepted'], 'cancelled', this.now());
    if (!done) return;
    await this.deps.store.addMessage({ handoffId: handoff.id, sender: 'system', text: 'desk.visitorLeft', at: this.now() });
    this.changed({ kind: 'queue' });
  }

  /** An agent takes a waiting chat; null when it is no longer waiting (another agent, or the visitor left). */
  async accept(id: string, agent: { id: string; name: string }): Promise<HandoffRecord | null> {
    const handoff = await this.deps.store.accept(id, agent, this.now());
    if (!handoff) return null;
    this.changed({ kind: 'queue' });
    await this.tell(handoff, { from: 'assistant', message: { key: 'desk.agentJoined', params: { name: agent.name } } });
    return handoff;
  }

  /** An agent's reply, straight to the visitor's conversation. */
  async fromAgent(handoff: HandoffRecord, agent: { id: string; name: string }, text: string): Promise<HandoffMessage> {
    const message = await this.deps.store.addMessage({ handoffId: handoff.id, sender: 'agent', text, at: this.now() });
    this.changed({ kind: 'message', handoffId: handoff.id });
    await this.tell(handoff, { from: 'agent', name: agent.name, text });
    return message;
  }

  async agentTyping(handoff: HandoffRecord, agent: { id: string; name: string }): Promise<void> {
    await this.link?.typing(handoff, agent.name);
  }

  /** The agent gives the conversation back to the assistant, which says so to the visitor. */
  async end(handoff: HandoffRecord, agent: { id: string; name: string }): Promise<HandoffRecord | null> {
    const ended = await this.deps.store.finish(handoff.id, ['accepted'], 'ended', this.now());
    if (!ended) return null;
    this.changed({ kind: 'queue' });
    await this.tell(ended, { from: 'assistant', message: { key: 'desk.returned', params: { name: agent.name } } });
    return ended;
  }

  private async tell(handoff: HandoffRecord, message: VisitorMessage): Promise<void> {
    if (!this.link) throw new Error('the handoff desk has no way to reach visitors');
    await this.link.send(handoff, message);
  }
}
