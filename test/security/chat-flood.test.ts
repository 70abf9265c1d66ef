import { startTestServer, type TestServer } from '../support/server';

/**
 * One client must not be able to close the web chat for everyone by opening
 * conversations (or posting) as fast as it can: its own address runs out of
 * budget long before the service's global cap, and other visitors get in.
 */
let server: TestServer;

beforeAll(async () => {
  // The deployment's defaults, behind one trusted proxy so the test can speak from several addresses.
  server = await startTestServer({ CHAT_STARTS_PER_MINUTE: '20', CHAT_POSTS_PER_MINUTE: '120', TRUSTED_PROXY_HOPS: '1' });
});

afterAll(async () => {
  await server.close();
});

const from = (address: string) => ({ 'X-Forwarded-For': address });

describe('a client that opens conversations as fast as it can', () => {
  it('is refused with 429 after its own budget, and a real visitor from another address still starts a chat', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      const res = await fetch(`${server.base}/v3/directline/conversations`, { method: 'POST', headers: from('198.51.100.66') });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    const tokens = await fetch(`${server.base}/v3/directline/tokens/generate`, { method: 'POST', headers: from('198.51.100.66') });
    expect(tokens.status).toBe(429);

    const visitor = await fetch(`${server.base}/v3/directline/conversations`, { method: 'POST', headers: from('203.0.113.20') });
    expect(visitor.status).toBe(201);
  });

  it('cannot flood one conversation with posts either', async () => {
    const start = (await (await fetch(`${server.base}/v3/directline/conversations`, { method: 'POST', headers: from('198.51.100.77') })).json()) as { conversationId: string; token: string };
    const statuses: number[] = [];
    for (let i = 0; i < 130; i++) {
      const res = await fetch(`${server.base}/v3/directline/conversations/${start.conversationId}/activities`, {
        method: 'POST',
        headers: { ...from('198.51.100.77'), Authorization: `Bearer ${start.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'typing', from: { id: 'flooder' } }),
      });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(120);
    expect(statuses.slice(120).every((s) => s === 429)).toBe(true);
  });
});
