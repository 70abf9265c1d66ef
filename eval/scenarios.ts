import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { createServer, type App } from '../app/server';
import { loadConfig } from '../core/config/config';
import { addDays, businessDate } from '../core/shared/dates';
import { DEMO_ACCOUNTS } from '../prisma/seed-data';
import { driverFor, type Action, type BotReply } from '../transcripts/drivers';

/**
 * Messy multi-turn scenarios written apart from the product (see
 * eval/independent/README.md), each with a goal a reader can judge and a
 * machine check of the end state. Each scenario plays against a fresh server
 * (a fresh database with the demo customers), through the real endpoints.
 */

const turn = z.union([
  z.object({ say: z.string(), confidence: z.number().min(0).max(1).optional() }).strict(),
  z.object({ press: z.string() }).strict(),
]);

const success = z
  .object({
    payment: z.object({ account_last4: z.string(), amount: z.union([z.string(), z.number()]), date: z.union([z.string(), z.number()]).optional() }).optional(),
    no_payment: z.boolean().optional(),
    payoff_paid: z.object({ account_last4: z.string() }).optional(),
    autopay: z.object({ account_last4: z.string(), enrolled: z.boolean(), day: z.number().int().optional() }).optional(),
    handoff: z.boolean().optional(),
    reply_contains: z.array(z.string()).optional(),
    reply_contains_any: z.array(z.string()).optional(),
    reply_not_contains: z.array(z.string()).optional(),
    verified: z.boolean().optional(),
  })
  .strict();

const scenario = z.object({
  id: z.string(),
  channel: z.enum(['chat', 'voice', 'sms']),
  language: z.enum(['en', 'es']),
  from: z.string().optional(),
  goal: z.string(),
  turns: z.array(turn).min(1),
  success,
});

export type Scenario = z.infer<typeof scenario>;

export function loadScenarios(file: string): Scenario[] {
  const data = parse(readFileSync(file, 'utf8')) as unknown;
  const list = z.array(scenario).safeParse(data);
  if (!list.success) {
    const issue = list.error.issues[0]!;
    throw new Error(`${file}: scenario ${issue.path.join('.')}: ${issue.message}`);
  }
  return list.data;
}

export interface ScenarioResult {
  scenario: Scenario;
  ok: boolean;
  failures: string[];
  transcript: string[];
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

function accountId(last4: string): string | null {
  return DEMO_ACCOUNTS.find((a) => a.accountNumber.endsWith(last4) || a.vin.endsWith(last4))?.id ?? null;
}

function cents(amount: string | number): number {
  return Math.round(Number(String(amount).replace(/[$,\s]/g, '')) * 100);
}

async function freshServer(): Promise<{ app: App; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'scenario-'));
  const app = await createServer(
    loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATABASE_URL: `file:${path.join(dir, 'scenario.db')}`,
      CHAT_STARTS_PER_MINUTE: '100000',
      CHAT_POSTS_PER_MINUTE: '1000000',
      // As the demo runs it (LOCAL_DEMO): the phone line takes cards through Twilio's default connector.
      TWILIO_PAY_CONNECTOR: 'Default',
    }),
  );
  await app.listen();
  return {
    app,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function actionOf(t: Scenario['turns'][number], channel: Scenario['channel']): Action {
  if ('press' in t) return { kind: 'press', digits: t.press };
  if (channel === 'voice') return { kind: 'say', text: t.say, confidence: t.confidence ?? 0.9 };
  return { kind: 'text', text: t.say };
}

/** Plays one scenario on a fresh server and judges its end state. */
export async function playScenario(s: Scenario): Promise<ScenarioResult> {
  const server = await freshServer();
  const replies: BotReply[] = [];
  const transcript: string[] = [];
  const failures: string[] = [];
  const before = new Map<string, number>();
  for (const a of DEMO_ACCOUNTS) before.set(a.id, (await server.app.repos.payments.history(a.id, 1000)).length);
  const driver = driverFor(s.channel, { base: server.app.url(), twilioAuthToken: server.app.config.twilio.authToken }, s.language, s.from ?? '+15555550000');
  let verified = false;
  try {
    const first = await driver.start();
    if (first) {
      replies.push(first);
      transcript.push(`bot: ${first.text}`);
    }
    for (const t of s.turns) {
      const action = actionOf(t, s.channel);
      transcript.push(`user: ${'press' in t ? `[keys ${t.press}]` : t.say}`);
      const reply = await driver.act(action);
      replies.push(reply);
      transcript.push(`bot: ${reply.text}`);
      if (/verified|verificad|thank you, \w+\.|gracias, \w+\./i.test(reply.text)) verified = true;
      if (reply.end) break;
    }
  } catch (e) {
    failures.push(`the conversation broke: ${(e as Error).message}`);
  } finally {
    driver.close();
  }

  const said = replies.map((r) => fold(r.text));
  const today = businessDate(new Date(), server.app.config.timeZone);
  const newPayments = async (last4: string) => {
    const id = accountId(last4);
    if (!id) return null;
    const all = await server.app.repos.payments.history(id, 1000);
    return all.slice(0, all.length - (before.get(id) ?? 0));
  };
  const want = s.success;
  try {
    if (want.payment) {
      const made = await newPayments(want.payment.account_last4);
      const date = want.payment.date === undefined || want.payment.date === 'today' ? today : /^[+-]?\d+$/.test(String(want.payment.date)) ? addDays(today, Number(want.payment.date)) : String(want.payment.date);
      const match = made?.filter((p) => p.amountCents === cents(want.payment!.amount) && (want.payment!.date === undefined || p.scheduledFor === date));
      if (!match || match.length !== 1) failures.push(`expected one payment of ${want.payment.amount} on ${date} to …${want.payment.account_last4}; made: ${JSON.stringify(made?.map((p) => [p.amountCents, p.scheduledFor]))}`);
    }
    if (want.no_payment) {
      for (const a of DEMO_ACCOUNTS) {
        const made = await newPayments(a.accountNumber.slice(-4));
        if (made && made.length) failures.push(`expected no payment, but …${a.accountNumber.slice(-4)} got ${made.length}`);
      }
    }
    if (want.payoff_paid) {
      const id = accountId(want.payoff_paid.account_last4);
      const account = id ? await server.app.repos.accounts.byId(id) : null;
      const made = await newPayments(want.payoff_paid.account_last4);
      if (!account || !made?.length || (account.payoffCents > 0 && account.status !== 'paid_off' && !made.some((p) => p.status === 'scheduled'))) {
        failures.push(`expected the payoff of …${want.payoff_paid.account_last4} paid`);
      }
    }
    if (want.autopay) {
      const id = accountId(want.autopay.account_last4);
      const e = id ? await server.app.repos.autopay.forAccount(id) : null;
      const enrolled = Boolean(e?.active);
      if (enrolled !== want.autopay.enrolled || (want.autopay.day !== undefined && e?.dayOfMonth !== want.autopay.day)) {
        failures.push(`expected Auto Pay ${want.autopay.enrolled ? `on day ${want.autopay.day ?? 'any'}` : 'off'} for …${want.autopay.account_last4}; is ${enrolled ? `on day ${e?.dayOfMonth}` : 'off'}`);
      }
    }
    if (want.handoff !== undefined) {
      const handedOff = replies.some((r) => r.handoff) || said.some((t) => /1-?888-?925-?2559|1 8 8 8 9 2 5 2 5 5 9/.test(t));
      if (handedOff !== want.handoff) failures.push(`expected ${want.handoff ? 'a handoff to a person' : 'no handoff'}`);
    }
    for (const text of want.reply_contains ?? []) if (!said.some((t) => t.includes(fold(text)))) failures.push(`no reply contains "${text}"`);
    if (want.reply_contains_any && !want.reply_contains_any.some((text) => said.some((t) => t.includes(fold(text))))) {
      failures.push(`no reply contains any of ${JSON.stringify(want.reply_contains_any)}`);
    }
    for (const text of want.reply_not_contains ?? []) if (said.some((t) => t.includes(fold(text)))) failures.push(`a reply contains "${text}"`);
    if (want.verified !== undefined && verified !== want.verified) failures.push(`expected verified: ${want.verified}`);
  } finally {
    await server.close();
  }
  return { scenario: s, ok: failures.length === 0, failures, transcript };
}
