import type { AddressInfo } from 'node:net';
import restify, { type Server } from 'restify';
import twilio from 'twilio';
import { z } from 'zod';
import { createLogger } from '../../core/logging/logger';
import { createTwilioRoute } from '../../ivr';

/** The one wrapper every Twilio webhook goes through, on a bare restify server with one route. */
const AUTH_TOKEN = 'twilio-route-test-token';
let server: Server;
let base: string;
const handled: Record<string, string>[] = [];

beforeAll(async () => {
  server = restify.createServer();
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  const logs: string[] = [];
  const twilioRoute = createTwilioRoute({ authToken: AUTH_TOKEN, publicUrl: () => base, logger: createLogger('warn', { write: (l: string) => void logs.push(l) }) });
  const schema = z.object({ From: z.string().regex(/^\+\d{8,15}$/), Body: z.string().default('') });
  server.post(
    '/hook',
    twilioRoute(schema, async (params) => {
      handled.push(params);
      return params.Body === 'refuse' ? null : `<Response><Message>${params.Body.length}</Message></Response>`;
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function post(params: Record<string, string>, signature: string | null = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${base}/hook`, params)) {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (signature !== null) headers['X-Twilio-Signature'] = signature;
  const res = await fetch(`${base}/hook`, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') };
}

describe('twilioRoute(schema, handler)', () => {
  it('when the request is signed and its parameters parse, then the handler gets them parsed and its TwiML goes back as XML', async () => {
    const r = await post({ From: '+17045550101', Body: 'hello' });
    expect(r).toMatchObject({ status: 200, body: '<Response><Message>5</Message></Response>' });
    expect(r.type).toMatch(/^text\/xml/);
    expect(handled.at(-1)).toEqual({ From: '+17045550101', Body: 'hello' });
  });

  it('when the signature is missing or made with another token, then 403 and the handler never runs', async () => {
    const before = handled.length;
    const params = { From: '+17045550101', Body: 'STOP' };
    expect((await post(params, null)).status).toBe(403);
    expect((await post(params, twilio.getExpectedTwilioSignature('another-token', `${base}/hook`, params))).status).toBe(403);
    // Signed, then one parameter changed on the way.
    expect((await post({ ...params, Body: 'START' }, twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${base}/hook`, params))).status).toBe(403);
    expect(handled.length).toBe(before);
  });

  it('when a signed request does not fit the schema, then 400 and the handler never runs', async () => {
    const before = handled.length;
    const r = await post({ From: 'not a number', Body: 'hello' });
    expect(r.status).toBe(400);
    expect(r.body).not.toMatch(/From|regex|not a number/);
    expect(handled.length).toBe(before);
  });

  it('when the handler finds the request malformed (null), then 400', async () => {
    expect((await post({ From: '+17045550101', Body: 'refuse' })).status).toBe(400);
  });
});
