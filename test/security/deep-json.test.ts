import { startTestServer, type TestServer } from '../support/server';

/**
 * A body nested thousands of levels deep is refused as a bad request before
 * anything walks it: no stack overflow, no 5xx, nothing stored.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const deepArray = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('JSON nested 20,000 deep', () => {
  it('is a 400 on a Direct Line post, in the value, in channelData or as the whole body, and the history is untouched', async () => {
    const start = (await (await fetch(`${server.base}/v3/directline/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string };
    const url = `${server.base}/v3/directline/conversations/${start.conversationId}/activities`;
    const headers = { Authorization: `Bearer ${start.token}`, 'Content-Type': 'application/json' };
    for (const body of [
      `{"type":"message","from":{"id":"u"},"text":"hi","value":${deepArray(20_000)}}`,
      `{"type":"message","from":{"id":"u"},"text":"hi","value":{"x":${deepArray(20_000)}}}`,
      `{"type":"message","from":{"id":"u"},"text":"hi","channelData":{"x":${deepArray(20_000)}}}`,
      deepArray(20_000),
    ]) {
      const res = await fetch(url, { method: 'POST', headers, body });
      expect(res.status).toBe(400);
      expect(await res.text()).not.toMatch(/RangeError|stack|at .*\.(ts|js):\d+/);
    }
    const history = (await (await fetch(url, { headers })).json()) as { activities: unknown[] };
    expect(history.activities).toEqual([]);
  });

  it('is a 400 on the other JSON routes (conversation start, Bot Framework endpoint)', async () => {
    for (const path of ['/v3/directline/conversations', '/v3/directline/tokens/generate', '/api/messages']) {
      const res = await fetch(`${server.base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: deepArray(20_000) });
      expect([400, 401]).toContain(res.status);
      expect(await res.text()).not.toMatch(/RangeError|stack/);
    }
  });

  it('a reasonably nested card submit (depth 12) still goes through', async () => {
    const start = (await (await fetch(`${server.base}/v3/directline/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string };
    const res = await fetch(`${server.base}/v3/directline/conversations/${start.conversationId}/activities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${start.token}`, 'Content-Type': 'application/json' },
      body: `{"type":"message","from":{"id":"u"},"text":"hi","value":${deep(12)}}`,
    });
    expect(res.status).toBe(200);
  });
});
