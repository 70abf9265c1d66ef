import twilio from 'twilio';
import { newCallSid, startIvrWorld, type IvrWorld } from '../ivr/harness';
import { prng } from '../support/prng';

/**
 * Malformed and hostile requests at every endpoint of the real server: no
 * 5xx, the server keeps answering, and nothing sensitive comes back. Seeded.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 424242);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 600);

let world: IvrWorld;
let logs: string[];
beforeAll(async () => {
  logs = [];
  world = await startIvrWorld({ LOG_LEVEL: 'debug' }, { logDestination: { write: (line: string) => void logs.push(line) } });
});
afterAll(async () => {
  await world.close();
});

const BODIES = [
  '',
  '{',
  'null',
  '[]',
  '"text"',
  '{"type":7}',
  '{"type":"message","text":{"$gt":""}}',
  '{"type":"message","from":{"id":["x"]},"text":"hi"}',
  JSON.stringify({ type: 'message', text: 'x'.repeat(300_000) }),
  '{"__proto__":{"polluted":true},"type":"message"}',
  'CallSid=CA123&Digits=1',
  'Digits=%00%FF&SpeechResult=%3Cscript%3E',
  '\u0000\u0001\u0002',
];
const CONTENT_TYPES = ['application/json', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', ''];

describe('hostile requests at every endpoint', () => {
  it(`${REQUESTS} random malformed requests get 4xx or a polite 200, never a 5xx, and the server stays up`, async () => {
    const rand = prng(SEED);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
    const start = (await (await fetch(`${world.base}/v3/directline/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string };
    const paths = [
      '/api/messages',
      '/v3/directline/conversations',
      '/v3/directline/tokens/generate',
      '/v3/directline/tokens/refresh',
      `/v3/directline/conversations/${start.conversationId}/activities`,
      `/v3/directline/conversations/${start.conversationId}/activities?watermark=-1`,
      `/v3/directline/conversations/${start.conversationId}/upload`,
      `/v3/directline/conversations/${encodeURIComponent("'; DROP TABLE x")}/activities`,
      '/v3/conversations/x/activities',
      '/voice/incoming',
      '/voice/gather?s=-5&l=fr',
      '/voice/gather?s=99999999999999999999',
      '/voice/status',
      '/sms/incoming',
      '/healthz?x=%00',
    ];
    const failures: string[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const path = pick(paths);
      const method = pick(['POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE']);
      const body = method === 'GET' ? undefined : pick(BODIES);
      const headers: Record<string, string> = {};
      const type = pick(CONTENT_TYPES);
      if (type) headers['Content-Type'] = type;
      const auth = rand();
      if (auth < 0.4) headers.Authorization = `Bearer ${start.token}`;
      else if (auth < 0.6) headers.Authorization = `Bearer ${start.token.slice(0, -3)}abc`;
      else if (auth < 0.7) headers.Authorization = 'Basic ' + 'A'.repeat(5000);
      if (rand() < 0.3) headers['X-Twilio-Signature'] = pick(['', 'forged', 'x'.repeat(1000)]);
      const res = await fetch(`${world.base}${path}`, { method, headers, body });
      const text = await res.text();
      if (res.status >= 500) failures.push(`#${i} ${method} ${path} ${type} → ${res.status} ${text.slice(0, 120)}`);
      if (/at .+\.(ts|js):\d+:\d+/.test(text)) failures.push(`#${i} ${method} ${path} → a stack trace`);
    }
    expect(failures).toEqual([]);
    expect((await fetch(`${world.base}/healthz`)).status).toBe(200);
  });

  it('a correctly signed Twilio request with hostile parameters gets TwiML, not an error', async () => {
    const rand = prng(SEED + 1);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
    const callSid = newCallSid();
    for (let i = 0; i < 200; i++) {
      const url = `${world.base}${pick(['/voice/incoming', '/voice/gather?s=1', '/voice/gather?s=2&l=es', '/sms/incoming'])}`;
      const params: Record<string, string> = {
        CallSid: pick([callSid, 'CA' + 'z'.repeat(32), '']),
        From: pick(['+17045550101', '', '<script>', '+1'.repeat(40)]),
        Digits: pick(['', '1', '#*#*', '9'.repeat(200), '\u0000']),
        SpeechResult: pick(['', 'x'.repeat(20_000), "'; DROP TABLE x; --", '😀']),
        Confidence: pick(['0.9', 'NaN', '-1', '']),
        Body: pick(['PAY', 'STOP', '', 'x'.repeat(2000), '¿ñ?']),
        MessageSid: 'SM' + '0'.repeat(32),
      };
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(world.authToken, url, params) },
        body: new URLSearchParams(params).toString(),
      });
      expect(res.status).toBeLessThan(500);
      const text = await res.text();
      if (res.status === 200) expect(text).toMatch(/<Response/);
    }
  });

  it('no log line carries a full SSN or a credential', () => {
    const all = logs.join('\n');
    expect(all).not.toMatch(/401-?22-?7788|533-?18-?2046/);
    expect(all).not.toMatch(/Bearer [A-Za-z0-9_-]{20,}/);
  });
});
