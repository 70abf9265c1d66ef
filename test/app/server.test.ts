import { startIvrWorld, type IvrWorld } from '../ivr/harness';

let world: IvrWorld;
beforeAll(async () => {
  world = await startIvrWorld();
});
afterAll(async () => {
  await world.close();
});

describe('the server', () => {
  it('reports health and readiness', async () => {
    expect((await fetch(`${world.base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${world.base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('answers an unknown path or a wrong method with a JSON 4xx and keeps running', async () => {
    const unknown = await fetch(`${world.base}/nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    const wrongMethod = await fetch(`${world.base}/healthz`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    const head = await fetch(`${world.base}/nope`, { method: 'HEAD' });
    expect(head.status).toBe(404);
    expect((await fetch(`${world.base}/healthz`)).status).toBe(200);
  });

  it('refuses a malformed JSON body with 400, not a stack trace', async () => {
    const res = await fetch(`${world.base}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type":' });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});
