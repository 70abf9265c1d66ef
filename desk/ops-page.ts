import type { OpsFigures, OpsFilter } from '../core/analytics';

const DAY_MS = 24 * 3600 * 1000;
const MAX_DAYS = 366;

/** The period and slice from the query: `from` and `to` are whole UTC days (to inclusive), the last 7 days by default. */
export function opsFilterOf(query: Record<string, unknown> | undefined, now: Date): OpsFilter | { error: string } {
  const q = query ?? {};
  const day = (v: unknown, name: string): Date | null | { error: string } => {
    if (v === undefined || v === '') return null;
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) return { error: `${name} must be a date like 2026-12-01.` };
    return new Date(`${v}T00:00:00Z`);
  };
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const from = day(q.from, 'from');
  const to = day(q.to, 'to');
  if (from && 'error' in from) return from;
  if (to && 'error' in to) return to;
  const end = new Date((to ?? today).getTime() + DAY_MS);
  const start = from ?? new Date(end.getTime() - 7 * DAY_MS);
  if (start >= end) return { error: 'from must be on or before to.' };
  if (end.getTime() - start.getTime() > MAX_DAYS * DAY_MS) return { error: `Choose a period of at most ${MAX_DAYS} days.` };
  const channel = q.channel === undefined || q.channel === '' ? undefined : q.channel;
  if (channel !== undefined && channel !== 'chat' && channel !== 'voice' && channel !== 'sms') return { error: 'channel must be chat, voice or sms.' };
  const language = q.language === undefined || q.language === '' ? undefined : q.language;
  if (language !== undefined && language !== 'en' && language !== 'es') return { error: 'language must be en or es.' };
  return { from: start, to: end, ...(channel ? { channel } : {}), ...(language ? { language } : {}) };
}

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const money = (cents: number): string => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const percent = (r: number | null): string => (r === null ? '–' : `${(r * 100).toFixed(1)}%`);

interface Bar {
  label: string;
  value: number;
  /** Shown at the bar's end; the value by default. */
  shown?: string;
}

/**
 * A horizontal bar chart as inline SVG, drawn on the server: no script, no
 * CDN, and every bar carries its figure in `data-value` for anyone (or any
 * test) reading the page.
 */
export function barChart(id: string, title: string, bars: Bar[]): string {
  const rowHeight = 22;
  const labelWidth = 190;
  const barWidth = 360;
  const height = Math.max(1, bars.length) * rowHeight + 8;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rows = bars.length
    ? bars
        .map((b, i) => {
          const y = 4 + i * rowHeight;
          const w = Math.round((b.value / max) * barWidth);
          return (
            `<g data-label="${escape(b.label)}" data-value="${b.value}">` +
            `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${escape(b.label)}</text>` +
            `<rect x="${labelWidth}" y="${y + 3}" width="${Math.max(w, 1)}" height="${rowHeight - 6}" rx="2"></rect>` +
            `<text x="${labelWidth + Math.max(w, 1) + 6}" y="${y + 15}">${escape(b.shown ?? String(b.value))}</text></g>`
          );
        })
        .join('')
    : `<text x="8" y="18">No data in this period.</text>`;
  return (
    `<figure class="chart" data-chart="${id}"><figcaption>${escape(title)}</figcaption>` +
    `<svg role="img" aria-label="${escape(title)}" width="${labelWidth + barWidth + 80}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 80} ${height}">${rows}</svg></figure>`
  );
}

function figure(id: string, label: string, value: string, raw: number | null): string {
  return `<div class="figure" data-figure="${id}" data-value="${raw ?? ''}"><span class="value">${escape(value)}</span><span class="label">${escape(label)}</span></div>`;
}

function option(value: string, current: string | null, label: string): string {
  return `<option value="${value}"${current === value ? ' selected' : ''}>${label}</option>`;
}

/** The supervisor's page: a period and slice form, headline figures and charts. */
export function renderOpsPage(f: OpsFigures): string {
  const from = f.filter.from.slice(0, 10);
  const to = new Date(Date.parse(f.filter.to) - DAY_MS).toISOString().slice(0, 10);
  const c = f.conversations;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Supervisor view</title><link rel="stylesheet" href="/agent/assets/desk.css"></head>
<body class="ops"><header><h1>How the assistant is doing</h1><a href="/agent">Agent desk</a></header>
<form method="get" action="/ops" class="filter">
<label>From <input type="date" name="from" value="${from}"></label>
<label>To <input type="date" name="to" value="${to}"></label>
<label>Channel <select name="channel">${option('', f.filter.channel, 'All')}${option('chat', f.filter.channel, 'Web chat')}${option('voice', f.filter.channel, 'Phone')}${option('sms', f.filter.channel, 'Text')}</select></label>
<label>Language <select name="language">${option('', f.filter.language, 'All')}${option('en', f.filter.language, 'English')}${option('es', f.filter.language, 'Spanish')}</select></label>
<button type="submit">Show</button></form>
<section class="figures">
${figure('conversations', 'conversations', String(c.total), c.total)}
${figure('containment', 'contained (no person needed)', percent(c.containmentRate), c.containmentRate)}
${figure('payments-count', 'payments taken', String(f.payments.count), f.payments.count)}
${figure('payments-amount', 'paid', money(f.payments.amountCents), f.payments.amountCents)}
${figure('verification-rate', 'verifications succeeded', percent(f.verification.successRate), f.verification.successRate)}
${figure('latency-median', 'median turn', f.latency.medianMs === null ? '–' : `${f.latency.medianMs} ms`, f.latency.medianMs)}
${figure('latency-p95', '95th percentile turn', f.latency.p95Ms === null ? '–' : `${f.latency.p95Ms} ms`, f.latency.p95Ms)}
</section>
<section class="charts">
${barChart('conversations', 'Conversations by channel and language', c.byChannelLanguage.map((r) => ({ label: `${r.channel} · ${r.language}`, value: r.conversations })))}
${barChart('containment', 'Contained conversations by channel and language', c.byChannelLanguage.map((r) => ({ label: `${r.channel} · ${r.language}`, value: r.contained, shown: `${r.contained} of ${r.conversations}` })))}
${barChart('handoffs', 'Handoffs to a person by reason', f.handoffsByReason.map((r) => ({ label: r.reason, value: r.count })))}
${barChart('payments', 'Payments taken', [{ label: 'payments', value: f.payments.count, shown: `${f.payments.count} (${money(f.payments.amountCents)})` }])}
${barChart('verification', 'Identity verification', [
    { label: 'verified', value: f.verification.verified },
    { label: 'not matched', value: f.verification.failed },
    { label: 'locked out (waits)', value: f.verification.lockouts },
  ])}
${barChart('intents', 'What customers asked for', f.intents.slice(0, 25).map((i) => ({ label: i.intent, value: i.count })))}
${barChart('confidence', 'Understanding confidence (turns per score)', f.confidence.map((b) => ({ label: b.bucket, value: b.count })))}
</section>
<section><h2>Questions the assistant did not understand</h2>
<table class="unknown" data-table="unknown"><thead><tr><th>Question (sensitive values masked)</th><th>Times</th></tr></thead><tbody>
${f.unknownQuestions.map((u) => `<tr><td>${escape(u.text)}</td><td data-value="${u.count}">${u.count}</td></tr>`).join('\n') || '<tr><td colspan="2">None in this period.</td></tr>'}
</tbody></table></section>
<p class="note">${f.latency.turns} turns from ${from} to ${to} (UTC days)${f.filter.channel ? `, ${f.filter.channel}` : ''}${f.filter.language ? `, ${f.filter.language}` : ''}.</p>
</body></html>`;
}
