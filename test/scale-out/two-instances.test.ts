import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { WebSocket } from 'ws';
import { loadConfig } from '../../core/config/config';
import { readVoiceScreen } from '../../ivr/twiml-reader';
import { dropPostgresSchema, POSTGRES_URL, postgresReachableSync } from '../data/support';
import { newCallSid } from '../ivr/harness';
import { eventually } from '../support/directline-harness';
import { startServerProcess, type ServerProcess } from '../support/server-process';

/**
 * Two server processes on one PostgreSQL database, as behind a load balancer:
 * the turns of one web chat and of one phone call alternate between them, and
 * twenty concurrent confirmations of one payment, spread over both, pay once.
 */
const reachable = postgresReachableSync();
if (!reachable) console.warn(`!!! PostgreSQL is not reachable at ${POSTGRES_URL}: the scale-out tests are SKIPPED`);
const describeWithPostgres = reachable ? describe : describe.skip;
const AUTH_TOKEN = loadConfig({ NODE_ENV: 'test' }).twilio.authToken;

interface Reply {
  id: string;
  text?: string;
  from: { id: string };
  type: string;
  suggestedActions?: { actions: { title?: string; value?: unknown }[] };
}

describeWithPostgres('two instances on one PostgreSQL', () => {
  jest.setTimeout(120_000);
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    // Streams would look for another instance's replies only once an hour: only a signal can bring them sooner.
    const env = { DATABASE_URL: `${POSTGRES_URL}?schema=${schema}`, SHUTDOWN_GRACE_SECONDS: '0', DIRECTLINE_FALLBACK_POLL_MS: '3600000' };
    // The first prepares the database; the second finds it ready.
    a = await startServerProcess(env);
    b = await startServerProcess(env);
  });
  afterAll(async () => {
    for (const s of [a, b]) {
      if (s && s.child.exitCode === null) {
        s.child.kill('SIGTERM');
        await s.exited;
      }
    }
    await dropPostgresSchema(schema);
  });

  /** A web chat whose every request goes to the next instance in turn. */
  function chat() {
    const user = `dl_${randomBytes(4).toString('hex')}`;
    let turn = 0;
    let token = '';
    let conversationId = '';
    let read = 0;
    const instance = () => [a, b][turn++ % 2]!.base;
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${instance()}/v3/directline${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } });
    const all: Reply[] = [];
    return {
      all,
      async start() {
        const r = (await (await fetch(`${instance()}/v3/directline/conversations`, { method: 'POST' })).json()) as { token: string; conversationId: string };
        token = r.token;
        conversationId = r.conversationId;
      },
      async post(activity: Record<string, unknown>): Promise<Reply> {
        const res = await api(`/conversations/${conversationId}/activities`, { method: 'POST', body: JSON.stringify({ from: { id: user }, locale: 'en-US', ...activity }) });
        expect(res.status).toBe(200);
        for (let i = 0; i < 400; i++) {
          const page = (await (await api(`/conversations/${conversationId}/activities?watermark=${read}`)).json()) as { activities: Reply[]; watermark: string };
          read = Number(page.watermark);
          all.push(...page.activities);
          const replies = page.activities.filter((x) => x.from.id !== user && x.type === 'message' && x.text);
          if (replies.length) return replies[replies.length - 1]!;
          await new Promise((r) => setTimeout(r, 25));
        }
        throw new Error('no reply');
      },
      value(reply: Reply, title: RegExp): unknown {
        const action = reply.suggestedActions?.actions.find((x) => title.test(x.title ?? ''));
        if (!action) throw new Error(`no ${title} in ${reply.text}`);
        return action.value;
      },
      user,
    };
  }

  it('one web chat alternating between the instances verifies and pays: nothing lost, nothing repeated', async () => {
    const c = chat();
    await c.start();
    await c.post({ type: 'event', name: 'webchat/join', value: { locale: 'en-US' } });
    await c.post({ type: 'message', text: 'I want to make a payment' });
    await c.post({ type: 'message', text: '2HGFE2F5XMH512345' });
    const pick = await c.post({ type: 'message', text: '••••• 7788', value: { secret: '401227788' } });
    const amount = await c.post({ type: 'message', text: 'Civic', value: c.value(pick, /Honda Civic/) });
    await c.post({ type: 'message', text: 'Another amount', value: c.value(amount, /Another amount/) });
    const when = await c.post({ type: 'message', text: '$10' });
    const bank = await c.post({ type: 'message', text: 'Today', value: c.value(when, /Today/) });
    const confirm = await c.post({ type: 'message', text: 'ending 4321', value: c.value(bank, /4321/) });
    const done = await c.post({ type: 'message', text: 'Yes', value: c.value(confirm, /^Yes$/) });
    expect(done.text).toMatch(/confirmation number is \d{10}/);

    const ids = c.all.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    const botTexts = c.all.filter((x) => x.from.id !== c.user && x.text).map((x) => x.text!);
    expect(botTexts.filter((t) => /Which vehicle/.test(t))).toHaveLength(1);
    expect(botTexts.filter((t) => /confirmation number/.test(t))).toHaveLength(1);
  });

  it("a visitor's stream on one instance gets the other instance's replies at once, not at the next poll an hour away", async () => {
    const user = `dl_${randomBytes(4).toString('hex')}`;
    const started = (await (await fetch(`${a.base}/v3/directline/conversations`, { method: 'POST' })).json()) as { token: string; conversationId: string };
    const auth = { Authorization: `Bearer ${started.token}`, 'Content-Type': 'application/json' };
    const heardOnB: Reply[] = [];
    const socket = new WebSocket(`${b.base.replace(/^http/, 'ws')}/v3/directline/conversations/${started.conversationId}/stream?t=${encodeURIComponent(started.token)}`);
    socket.on('message', (data: Buffer) => heardOnB.push(...(JSON.parse(data.toString()) as { activities: Reply[] }).activities));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    try {
      // Every post goes to a, whose bot answers there; b learns of it only by a signal.
      const botTextsOnB = () => heardOnB.filter((x) => x.from.id !== user && x.type === 'message').map((x) => x.text);
      for (const [activity, expected] of [
        [{ type: 'event', name: 'webchat/join', value: { locale: 'en-US' } }, /servicing assistant/i],
        [{ type: 'message', text: 'I want to make a payment' }, /VIN|account number/i],
      ] as const) {
        const res = await fetch(`${a.base}/v3/directline/conversations/${started.conversationId}/activities`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ from: { id: user }, locale: 'en-US', ...activity }),
        });
        expect(res.status).toBe(200);
        await eventually(() => expect(botTextsOnB().some((t) => expected.test(t ?? ''))).toBe(true), 10_000);
      }
      const ids = heardOnB.map((x) => x.id);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      socket.close();
    }
  });

  it('one phone call alternating between the instances pays once and hears its confirmation', async () => {
    const callSid = newCallSid();
    let n = 0;
    let action = '';
    const post = async (path: string, extra: Record<string, string>) => {
      const base = [a, b][n++ % 2]!.base;
      const url = path.startsWith('http') ? path.replace(/^http:\/\/127\.0\.0\.1:\d+/, base) : base + path;
      const params = { CallSid: callSid, From: '+17045550101', To: '+18005550100', ...extra };
      // Each instance checks the signature against its own public URL, as behind a proxy each would.
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params) },
        body: new URLSearchParams(params).toString(),
      });
      expect(res.status).toBe(200);
      const screen = readVoiceScreen(await res.text());
      action = screen.gather?.action ?? screen.redirect ?? '';
      return screen.says.map((s) => s.text).join(' ');
    };
    await post('/voice/incoming', {});
    // $11, not the web chat's $10: a second payment of one amount to one account on one day is asked about first.
    for (const keys of ['1', '4100020001', '401227788', '1', '2', '11*00', '1', '1']) await post(action, { Digits: keys });
    const done = await post(action, { Digits: '1' });
    expect(done).toMatch(/confirmation number is [\d ]{19}\./);
  });

  it('twenty concurrent confirmations of one payment, spread over both instances, make exactly one payment', async () => {
    const c = chat();
    await c.start();
    await c.post({ type: 'event', name: 'webchat/join', value: { locale: 'en-US' } });
    await c.post({ type: 'message', text: 'make a payment' });
    await c.post({ type: 'message', text: '4100020005' });
    const pick = await c.post({ type: 'message', text: '••••• 7788', value: { secret: '401227788' } });
    const amount = await c.post({ type: 'message', text: 'Jeep', value: c.value(pick, /Jeep/) });
    await c.post({ type: 'message', text: 'Another amount', value: c.value(amount, /Another amount/) });
    const when = await c.post({ type: 'message', text: '$3.21' });
    const bank = await c.post({ type: 'message', text: 'Today', value: c.value(when, /Today/) });
    const confirm = await c.post({ type: 'message', text: 'ending 4321', value: c.value(bank, /4321/) });
    const yes = c.value(confirm, /^Yes$/);

    const before = await paymentsOf321();
    await Promise.all(Array.from({ length: 20 }, () => c.post({ type: 'message', text: 'Yes', value: yes }).catch(() => null)));
    expect((await paymentsOf321()) - before).toBe(1);
  });

  /** Payments of $3.21 on the Jeep, counted through the payment history the assistant reads. */
  async function paymentsOf321(): Promise<number> {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      const r = await client.query(`SELECT COUNT(*)::int AS n FROM "${schema}"."Payment" WHERE "accountId" = 'acc_4100020005' AND "amountCents" = 321`);
      return r.rows[0].n as number;
    } finally {
      await client.end();
    }
  }
});
