import { manualClock } from '../../core/shared/clock';
import { startTestServer, type TestServer } from '../support/server';
import { AGENT, DeskClient, SUPERVISOR, Visitor } from './desk-client';

/*
 * Signing in to the agent desk: per-agent credentials checked against scrypt
 * hashes, sessions that expire, CSRF tokens on every change, a supervisor
 * role for /ops, sign-in limits, and no way in with a visitor's token.
 */

const clock = manualClock(new Date());
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ AGENT_SIGNIN_ATTEMPTS: '3', AGENT_SESSION_MINUTES: '30' }, { clock });
});
afterAll(async () => {
  await server?.close();
});

describe('signing in to the agent desk', () => {
  it('when an agent gives a wrong password, then the desk says so, sets no cookie and opens nothing', async () => {
    const desk = new DeskClient(server.base);
    const res = await desk.signIn(AGENT.username, 'not-the-password');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'WrongCredentials', message: 'The user name or password is not right.' } });
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await desk.get('/agent/api/queue')).status).toBe(401);
  });

  it('when an agent signs in, then the session cookie is HttpOnly and SameSite=Strict and the queue opens', async () => {
    const desk = new DeskClient(server.base);
    const res = await desk.signIn(AGENT.username, AGENT.password);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^desk_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(await res.json()).toMatchObject({ agent: { id: 'alex', name: 'Alex', role: 'agent' } });
    const queue = await desk.get('/agent/api/queue');
    expect(queue.status).toBe(200);
    expect(await queue.json()).toMatchObject({ waiting: expect.any(Array), mine: [], phone: expect.any(Array) });
  });

  it('when a session is older than AGENT_SESSION_MINUTES, then the desk asks to sign in again', async () => {
    const desk = new DeskClient(server.base);
    await desk.signIn(AGENT.username, AGENT.password);
    expect((await desk.get('/agent/api/me')).status).toBe(200);
    clock.advanceMinutes(31);
    const expired = await desk.get('/agent/api/me');
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ error: { code: 'SessionExpired' } });
  });

  it('when a web chat visitor uses their Direct Line token on the agent API, then it is refused with 403', async () => {
    const visitor = new Visitor(server.base);
    await visitor.start();
    for (const [method, path] of [
      ['GET', '/agent/api/queue'],
      ['GET', '/agent/api/me'],
      ['POST', '/agent/api/handoffs/00000000-0000-4000-8000-000000000000/accept'],
      ['GET', '/ops'],
    ] as const) {
      const res = await fetch(`${server.base}${path}`, { method, headers: { Authorization: `Bearer ${visitor.token}`, 'Content-Type': 'application/json' }, ...(method === 'POST' ? { body: '{}' } : {}) });
      expect([path, res.status]).toEqual([path, 403]);
    }
  });

  it('when a change comes without the CSRF token, then it is refused and changes nothing', async () => {
    const desk = new DeskClient(server.base);
    await desk.signIn(AGENT.username, AGENT.password);
    const res = await desk.post('/agent/api/sign-out', {}, { csrf: false });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'CsrfTokenMissing' } });
    expect((await desk.get('/agent/api/me')).status).toBe(200);
    expect((await desk.post('/agent/api/sign-out')).status).toBe(204);
    expect((await desk.get('/agent/api/me')).status).toBe(401);
  });

  it('when sign-in is posted as a form (what a cross-site page could send), then it is refused', async () => {
    const res = await fetch(`${server.base}/agent/api/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(AGENT).toString(),
    });
    expect(res.status).toBe(415);
  });

  it('when sign-in misses its fields, then the desk names what is missing', async () => {
    const res = await fetch(`${server.base}/agent/api/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'alex' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'BadArgument', message: 'Enter your password.' } });
  });

  it('when an agent opens /ops, then only supervisors are let in', async () => {
    const agent = new DeskClient(server.base);
    await agent.signIn(AGENT.username, AGENT.password);
    expect((await agent.get('/ops')).status).toBe(403);
    expect((await agent.get('/ops/figures')).status).toBe(403);
    const supervisor = new DeskClient(server.base);
    await supervisor.signIn(SUPERVISOR.username, SUPERVISOR.password);
    expect((await supervisor.get('/ops')).status).toBe(200);
    const bad = await supervisor.get('/ops/figures?from=yesterday');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: 'BadArgument', message: 'from must be a date like 2026-12-01.' } });
  });

  it('when a password is guessed wrong AGENT_SIGNIN_ATTEMPTS times, then further tries, even the right one, wait (429 with Retry-After)', async () => {
    const desk = new DeskClient(server.base);
    for (let i = 0; i < 3; i++) expect((await desk.signIn(SUPERVISOR.username, `guess-${i}`)).status).toBe(401);
    const blocked = await desk.signIn(SUPERVISOR.username, SUPERVISOR.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.json()).toMatchObject({ error: { code: 'TooManyAttempts' } });
    // Another account from the same address is not locked by these failures.
    expect((await new DeskClient(server.base).signIn(AGENT.username, AGENT.password)).status).toBe(200);
  });
});
