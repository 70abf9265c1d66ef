import type { HandoffMessage, HandoffRecord } from '../core/handoff';

/** A handoff as the agent's console shows it: the summary, nothing sensitive. */
export interface HandoffView {
  id: string;
  channel: string;
  language: string;
  status: string;
  reason: string;
  verified: boolean;
  customer: string | null;
  account: string | null;
  inProgress: string | null;
  topics: string[];
  lastTurns: { from: string; text: string }[];
  createdAt: string;
  callerNumber: string | null;
  agentName: string | null;
}

export function handoffView(h: HandoffRecord): HandoffView {
  return {
    id: h.id,
    channel: h.channel,
    language: h.locale,
    status: h.status,
    reason: h.reason,
    verified: h.summary.verified,
    customer: h.summary.customer,
    account: h.summary.account,
    inProgress: h.summary.inProgress,
    topics: h.summary.topics,
    lastTurns: h.summary.lastTurns,
    createdAt: h.createdAt.toISOString(),
    callerNumber: h.callerNumber,
    agentName: h.agentName,
  };
}

export function messageView(m: HandoffMessage): { id: number; sender: string; text: string; at: string } {
  return { id: m.id, sender: m.sender, text: m.text, at: m.at.toISOString() };
}
