import { createEngine } from '../../core/conversation';
import type { SessionStore } from '../../core/store/ports';
import { demoWorld } from '../domain/helpers';
import { testNlu } from '../support/engine-harness';

/**
 * An engine that is its sessions' only writer (one server on SQLite) knows
 * what each turn left expected, so the web chat's check before storing what a
 * visitor typed ("was a sensitive number asked for?") needs no session read,
 * and gives the same answer a read would.
 */
async function engines() {
  const world = await demoWorld();
  let loads = 0;
  const sessions: SessionStore<unknown> = {
    ...world.repos.sessions,
    load: (id) => {
      loads += 1;
      return world.repos.sessions.load(id);
    },
  };
  const deps = {
    services: { ...world.services, cardPayments: { phone: false, pageUrl: null } },
    nlu: await testNlu(),
    sessions,
    clock: () => world.clock.now().getTime(),
  };
  return { soleWriter: createEngine({ ...deps, soleWriter: true }), reader: createEngine(deps), loads: () => loads };
}

describe('an engine that is the sessions’ only writer', () => {
  it('answers what the last turn left expected without reading the session, the same as a read does', async () => {
    const { soleWriter, reader, loads } = await engines();
    const turn = (n: number, event: Parameters<typeof soleWriter.handle>[0]['event']) =>
      soleWriter.handle({ sessionId: 'chat:local:c1', channel: 'chat', locale: 'en', event, turnKey: `t${n}`, callerId: null });
    await turn(1, { kind: 'start' });
    await turn(2, { kind: 'text', text: 'I want to make a payment' });
    await turn(3, { kind: 'text', text: '2HGFE2F5XMH512345' });

    const before = loads();
    const remembered = await soleWriter.pendingExpectation('chat:local:c1');
    expect(loads()).toBe(before);
    // The SSN question: a sensitive digits answer, which the web chat masks whole.
    expect(remembered).toMatchObject({ kind: 'digits', sensitive: true });
    expect(remembered).toEqual(await reader.pendingExpectation('chat:local:c1'));
    expect(loads()).toBe(before + 1);
  });

  it('reads the session it has not saved itself (taken over from before a restart)', async () => {
    const { soleWriter, reader, loads } = await engines();
    await reader.handle({ sessionId: 'chat:local:c2', channel: 'chat', locale: 'en', event: { kind: 'start' }, turnKey: 't1', callerId: null });
    const before = loads();
    expect(await soleWriter.pendingExpectation('chat:local:c2')).toEqual(await reader.pendingExpectation('chat:local:c2'));
    expect(loads()).toBe(before + 2);
  });
});
