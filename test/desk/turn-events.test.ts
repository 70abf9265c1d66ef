import { maskedQuestion, outcomeOf, TurnEventWriter } from '../../core/analytics';
import { manualClock } from '../../core/shared/clock';
import { PhoneCall, text, type IvrWorld } from '../ivr/harness';
import { startTestServer, type TestServer } from '../support/server';
import { openDatabase, type Db } from '../../data/connect';

/*
 * One analytics event per turn, on every channel, with no personal data, and
 * old events (with their daily totals) deleted after the retention period.
 */

describe('what a turn comes to', () => {
  it('reads the outcome from the reply plan, the strongest first', () => {
    const base = { locale: 'en' as const, expect: { kind: 'none' as const }, end: false };
    expect(outcomeOf({ ...base, messages: [{ key: 'identity.verified' }] })).toBe('verified');
    expect(outcomeOf({ ...base, messages: [{ key: 'identity.noMatch' }] })).toBe('verify-failed');
    expect(outcomeOf({ ...base, messages: [{ key: 'identity.locked' }] })).toBe('locked');
    expect(outcomeOf({ ...base, messages: [{ key: 'agent.transferring' }], handoff: { reason: 'requested', summary: '' } })).toBe('handoff');
    expect(outcomeOf({ ...base, messages: [{ key: 'common.notUnderstood' }], intent: 'none' })).toBe('not-understood');
    expect(outcomeOf({ ...base, messages: [{ key: 'session.goodbye' }], end: true })).toBe('ended');
  });

  it('keeps a question nobody understood without its numbers', () => {
    expect(maskedQuestion('my ssn 401-22-7788 and card 4111 1111 1111 1111 blorp')).not.toMatch(/7788|4111|401/);
    expect(maskedQuestion('account 12345 is weird')).toBe('account •••• is weird');
    expect(maskedQuestion('x'.repeat(500))).toHaveLength(200);
  });
});

describe('turn events on the running server', () => {
  const clock = manualClock(new Date());
  let server: TestServer;
  let db: Db;
  beforeAll(async () => {
    server = await startTestServer({ EVENTS_RETENTION_DAYS: '30' }, { clock });
    db = openDatabase(server.app.config).db;
  });
  afterAll(async () => {
    await db?.$disconnect();
    await server?.close();
  });

  it('when a caller verifies by phone and a text arrives, then each turn leaves one event naming no one', async () => {
    const world: IvrWorld = { app: server.app, base: server.base, authToken: server.app.config.twilio.authToken, close: server.close };
    const call = new PhoneCall(world, '+17045550101');
    await call.dial();
    await call.press('1');
    await call.press('4100020001');
    await call.press('401227788');
    await text(world, '+17045550101', 'HELP');
    await server.app.flushTurnEvents();
    const events = await db.turnEvent.findMany({ orderBy: { id: 'asc' } });
    expect(events.filter((e) => e.channel === 'voice')).toHaveLength(4);
    expect(events.filter((e) => e.channel === 'sms')).toEqual([expect.objectContaining({ intent: 'sms_help', outcome: 'answered', language: 'en' })]);
    expect(events.map((e) => e.outcome)).toContain('verified');
    const stored = JSON.stringify(events);
    for (const secret of ['401227788', '4100020001', '+17045550101', call.callSid]) expect(stored).not.toContain(secret);
    expect(new Set(events.filter((e) => e.channel === 'voice').map((e) => e.conversation)).size).toBe(1);
  });

  it('when events are older than EVENTS_RETENTION_DAYS, then they and their daily totals are deleted', async () => {
    const before = await db.turnEvent.count();
    expect(before).toBeGreaterThan(0);
    clock.advanceMinutes(31 * 24 * 60);
    const removed = await server.app.repos.turnEvents.deleteBefore(new Date(clock.now().getTime() - 30 * 24 * 3600_000));
    expect(removed).toBe(before);
    expect(await db.turnEvent.count()).toBe(0);
    expect(await db.turnStat.count()).toBe(0);
    expect(await db.turnConversation.count()).toBe(0);
  });
});

describe('the turn event writer', () => {
  const event = (i: number) => ({
    at: new Date(),
    conversation: `c${i}`,
    channel: 'chat' as const,
    language: 'en' as const,
    intent: null,
    confidence: null,
    prompt: null,
    outcome: 'answered' as const,
    handoffReason: null,
    paymentCents: null,
    latencyMs: i,
    unknownText: null,
  });

  it('when events arrive while a batch is being written, then every one is written, in batches, and flush waits for them', async () => {
    const batches: number[][] = [];
    const writer = new TurnEventWriter(
      {
        recordMany: async (events) => {
          batches.push(events.map((e) => e.latencyMs));
          await new Promise((r) => setTimeout(r, 5));
        },
        deleteBefore: async () => 0,
      },
      () => undefined,
    );
    for (let i = 0; i < 3; i++) writer.add(event(i));
    await new Promise((r) => setImmediate(r));
    for (let i = 3; i < 8; i++) writer.add(event(i));
    await writer.flush();
    expect(batches.flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(batches.length).toBeLessThan(8);
  });

  it('when the store fails, then the loss is reported and later events are still written', async () => {
    const lost: number[] = [];
    let calls = 0;
    const written: number[] = [];
    const writer = new TurnEventWriter(
      {
        recordMany: async (events) => {
          if (calls++ === 0) throw new Error('database unavailable');
          written.push(...events.map((e) => e.latencyMs));
        },
        deleteBefore: async () => 0,
      },
      (_error, count) => lost.push(count),
    );
    writer.add(event(1));
    await writer.flush();
    writer.add(event(2));
    await writer.flush();
    expect(lost).toEqual([1]);
    expect(written).toEqual([2]);
  });
});
