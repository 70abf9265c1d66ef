import { newSessionState, upgradeState, type SessionState } from '../../core/conversation/state';
import { engineWorld, Talk, type EngineWorld } from '../support/engine-harness';

/**
 * A session saved by an earlier version resumes where it was: flows stored
 * under the names they had before (`autopayChangeDay`, `chooseAccount`) are
 * found under their current ones, and a session that kept one flow gets a stack.
 */

let world: EngineWorld;
beforeEach(async () => {
  world = await engineWorld();
});

/** Rewrites the saved session as an earlier version would have stored it. */
async function storeAsBefore(sessionId: string, rewrite: (state: SessionState) => void): Promise<void> {
  const stored = await world.repos.sessions.load(sessionId);
  if (!stored) throw new Error(`no session ${sessionId}`);
  const state = structuredClone(stored.state) as SessionState;
  rewrite(state);
  const saved = await world.repos.sessions.save(sessionId, state, stored.version, world.clock.now());
  expect(saved).not.toBeNull();
}

describe('when a session saved with the old name of a flow comes back, then it resumes that flow', () => {
  it('a customer asked for a new Auto Pay day under the old flow name answers it and gets the read-back', async () => {
    const talk = new Talk(world, 'chat', 'en');
    await talk.start();
    await talk.say('I need to move my auto pay date');
    await talk.say('4100020004');
    const ask = await talk.say('561234567');
    expect(ask.output.prompt).toBe('autopay_change_day.day');
    await storeAsBefore(talk.sessionId, (state) => {
      for (const frame of state.stack) if (frame.name === 'autopay_change_day') frame.name = 'autopayChangeDay';
    });

    const confirm = await talk.say('the 20th');

    expect(confirm.output.prompt).toBe('autopay_change_day.confirm');
    expect(confirm.text).toMatch(/day 20\b/);
  });

  it('a customer asked which vehicle under the old flow name picks one and the request carries on', async () => {
    const talk = new Talk(world, 'chat', 'en');
    await talk.start();
    await talk.say("what's my balance");
    await talk.say('2HGFE2F5XMH512345');
    const pick = await talk.say('401227788');
    expect(pick.output.prompt).toBe('choose_account.pick');
    await storeAsBefore(talk.sessionId, (state) => {
      for (const frame of state.stack) if (frame.name === 'choose_account') frame.name = 'chooseAccount';
    });

    const answer = await talk.say('the Civic');

    expect(answer.output.prompt).toBeUndefined();
    expect(answer.text).toMatch(/Civic/);
    expect(answer.text).toMatch(/due/i);
  });
});

describe('upgrading a stored session', () => {
  const base = (): SessionState => ({ ...newSessionState('chat', 'en', 0), turns: 3 });

  it('renames every flow on the stack that has an old name, and leaves current names alone', () => {
    const state = base();
    state.stack = [
      { id: 'r', name: 'request', step: 'waiting', data: { intent: 'autopay_enroll' } },
      { id: 'c', name: 'chooseAccount', step: 'pick', data: { intent: 'autopay_enroll' } },
      { id: 'o', name: 'offerAgent', step: 'pick', data: {} },
    ];

    const upgraded = upgradeState(state);

    expect(upgraded.stack.map((f) => f.name)).toEqual(['request', 'choose_account', 'offer_agent']);
  });

  it('turns a single flow with the request to carry on with into a stack, under the current name', () => {
    const legacy = { ...base(), stack: undefined, flow: { id: 'f1', name: 'autopayEnroll', step: 'day', data: {}, then: 'make_payment' } };

    const upgraded = upgradeState(legacy as unknown as SessionState);

    expect(upgraded.stack).toEqual([
      { id: 'f1:request', name: 'request', step: 'waiting', data: { intent: 'make_payment' } },
      { id: 'f1', name: 'autopay_enroll', step: 'day', data: {} },
    ]);
    expect('flow' in upgraded).toBe(false);
  });
});
