import type { Channel, Locale } from '../shared/types';

/** The period and slice of traffic a supervisor asked for. */
export interface OpsFilter {
  from: Date;
  /** Exclusive. */
  to: Date;
  channel?: Channel;
  language?: Locale;
}

/**
 * The grouped counts the supervisor's view is drawn from. Each is one grouped
 * query over the turn events of the period (indexed by time first), so the
 * page costs a handful of range scans whatever the traffic.
 */
export interface OpsQueries {
  /** Conversations per channel and language, and how many of them reached a person. */
  conversations(filter: OpsFilter): Promise<{ channel: string; language: string; conversations: number; handedOff: number }[]>;
  /** Turns per outcome and handoff reason, with the payment amounts summed. */
  outcomes(filter: OpsFilter): Promise<{ outcome: string; handoffReason: string | null; turns: number; paymentCents: number }[]>;
  /** Turns per recognised intent. */
  intents(filter: OpsFilter): Promise<{ intent: string; turns: number }[]>;
  /** Classified turns per tenth of confidence (0 for 0–0.1 … 9 for 0.9–1). */
  confidence(filter: OpsFilter): Promise<{ bucket: number; turns: number }[]>;
  /** The most frequent questions not understood (already masked), most frequent first. */
  unknownQuestions(filter: OpsFilter, limit: number): Promise<{ text: string; turns: number }[]>;
  /** Turns per latency in whole milliseconds: percentiles are read off this histogram exactly. */
  latency(filter: OpsFilter): Promise<{ latencyMs: number; turns: number }[]>;
}

export interface OpsFigures {
  filter: { from: string; to: string; channel: Channel | null; language: Locale | null };
  conversations: { total: number; contained: number; containmentRate: number | null; byChannelLanguage: { channel: string; language: string; conversations: number; contained: number }[] };
  handoffsByReason: { reason: string; count: number }[];
  payments: { count: number; amountCents: number };
  verification: { verified: number; failed: number; lockouts: number; successRate: number | null };
  intents: { intent: string; count: number }[];
  confidence: { bucket: string; count: number }[];
  unknownQuestions: { text: string; count: number }[];
  latency: { turns: number; medianMs: number | null; p95Ms: number | null };
}

/** The smallest latency at or below which `share` of the turns answered (nearest-rank percentile). */
export function percentileOf(histogram: { latencyMs: number; turns: number }[], share: number): number | null {
  const sorted = [...histogram].sort((a, b) => a.latencyMs - b.latencyMs);
  const total = sorted.reduce((n, r) => n + r.turns, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(share * total));
  let seen = 0;
  for (const row of sorted) {
    seen += row.turns;
    if (seen >= rank) return row.latencyMs;
  }
  return sorted[sorted.length - 1]!.latencyMs;
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

/** Everything the supervisor's charts show for one period and slice. */
export async function opsFigures(queries: OpsQueries, filter: OpsFilter): Promise<OpsFigures> {
  const [conversations, outcomes, intents, confidence, unknown, latency] = await Promise.all([
    queries.conversations(filter),
    queries.outcomes(filter),
    queries.intents(filter),
    queries.confidence(filter),
    queries.unknownQuestions(filter, 15),
    queries.latency(filter),
  ]);
  const total = conversations.reduce((n, r) => n + r.conversations, 0);
  const contained = conversations.reduce((n, r) => n + r.conversations - r.handedOff, 0);
  const count = (outcome: string) => outcomes.filter((o) => o.outcome === outcome).reduce((n, o) => n + o.turns, 0);
  const reasons = new Map<string, number>();
  for (const o of outcomes) if (o.outcome === 'handoff') reasons.set(o.handoffReason ?? 'unknown', (reasons.get(o.handoffReason ?? 'unknown') ?? 0) + o.turns);
  const verified = count('verified');
  const failed = count('verify-failed');
  const lockouts = count('locked');
  const buckets = new Map(confidence.map((c) => [Math.min(9, c.bucket), c.turns]));
  return {
    filter: { from: filter.from.toISOString(), to: filter.to.toISOString(), channel: filter.channel ?? null, language: filter.language ?? null },
    conversations: {
      total,
      contained,
      containmentRate: ratio(contained, total),
      byChannelLanguage: conversations
        .map((r) => ({ channel: r.channel, language: r.language, conversations: r.conversations, contained: r.conversations - r.handedOff }))
        .sort((a, b) => a.channel.localeCompare(b.channel) || a.language.localeCompare(b.language)),
    },
    handoffsByReason: [...reasons].map(([reason, n]) => ({ reason, count: n })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    payments: {
      count: count('payment'),
      amountCents: outcomes.filter((o) => o.outcome === 'payment').reduce((n, o) => n + o.paymentCents, 0),
    },
    verification: { verified, failed, lockouts, successRate: ratio(verified, verified + failed + lockouts) },
    intents: intents.map((i) => ({ intent: i.intent, count: i.turns })).sort((a, b) => b.count - a.count || a.intent.localeCompare(b.intent)),
    confidence: Array.from({ length: 10 }, (_, b) => ({ bucket: `${(b / 10).toFixed(1)}–${((b + 1) / 10).toFixed(1)}`, count: buckets.get(b) ?? 0 })),
    unknownQuestions: unknown.map((u) => ({ text: u.text, count: u.turns })),
    latency: {
      turns: latency.reduce((n, r) => n + r.turns, 0),
      medianMs: percentileOf(latency, 0.5),
      p95Ms: percentileOf(latency, 0.95),
    },
  };
}
