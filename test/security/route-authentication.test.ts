import { startIvrWorld, type IvrWorld } from '../ivr/harness';

/**
 * Every route the server registers is either public on purpose or refuses an
 * unauthenticated request. A new route fails this test until it is classified.
 */
const PUBLIC = new Set([
  'GET /',
  'GET /healthz',
  'GET /readyz',
  'GET /favicon.ico',
  'GET /favicon.svg',
  // Starting a conversation is how an anonymous visitor gets a token (Web Chat without a secret).
  'POST /v3/directline/conversations',
  'POST /v3/directline/tokens/generate',
  // The Bot Framework endpoint is open only while no MicrosoftAppId is configured (local Direct Line, Emulator).
  'POST /api/messages',
  // The agent desk's page (it shows the sign-in form) and the sign-in itself.
  'GET /agent',
  'POST /agent/api/sign-in',
]);
const PUBLIC_PREFIXES = ['GET /webchat/', 'GET /assets/', 'GET /agent/assets/'];

let world: IvrWorld;
beforeAll(async () => {
  world = await startIvrWorld();
});
afterAll(async () => {
  await world.close();
});

function concrete(path: string): string {
  return path.replace(/:[A-Za-z]+/g, 'x').replace(/\*$/, 'x');
}

describe('route authentication', () => {
  it('every non-public route refuses a request with no credentials (401/403), and reveals nothing', async () => {
    const routes = world.app.server.getDebugInfo().routes.map((r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`);
    expect(routes.length).toBeGreaterThan(15);
    const unprotected: string[] = [];
    for (const route of routes) {
      const asGet = route.replace(/^HEAD /, 'GET ');
      if (PUBLIC.has(asGet) || PUBLIC_PREFIXES.some((p) => asGet.startsWith(p))) continue;
      const [method, path] = route.split(' ') as [string, string];
      const res = await fetch(`${world.base}${concrete(path)}`, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '198.51.100.7' },
        body: method === 'GET' || method === 'HEAD' ? undefined : '{"type":"message","text":"hi"}',
      });
      if (![401, 403].includes(res.status)) unprotected.push(`${route} → ${res.status}`);
    }
    expect(unprotected).toEqual([]);
  });

  it('with a MicrosoftAppId configured, /api/messages refuses an activity without a Bot Framework token or with a forged one, and prints no stack trace for it', async () => {
    const secured = await startIvrWorld({ MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001', MICROSOFT_APP_PASSWORD: 'not-used' });
    const consoleErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      for (const authorization of [undefined, 'Bearer not-a-token']) {
        const res = await fetch(`${secured.base}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
          body: JSON.stringify({ type: 'message', text: 'hi', serviceUrl: 'https://example.invalid', channelId: 'webchat', conversation: { id: 'c1' }, from: { id: 'u1' } }),
        });
        expect([authorization, res.status]).toEqual([authorization, 401]);
        expect(await res.json()).toEqual({ error: { code: 'Unauthorized', message: 'The request is not authorized.' } });
      }
      // A refusal is an expected answer: the SDK's console.error of the AuthenticationError stays out of the output.
      expect(consoleErrors).not.toHaveBeenCalled();
    } finally {
      consoleErrors.mockRestore();
      await secured.close();
    }
  });
});
