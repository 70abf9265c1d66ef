import { engineWorld, Talk, type EngineWorld } from '../support/engine-harness';

let world: EngineWorld;
beforeAll(async () => {
  world = await engineWorld();
});

describe('asking the last question again', () => {
  it('when a channel asks the engine to repeat, then the caller hears the last question again and nothing moves on', async () => {
    const talk = new Talk(world, 'voice', null, '+17045550101');
    await talk.start();
    const asked = await talk.say('I want to make a payment');
    expect(asked.output.prompt).toBe('verify.reference');
    const again = await talk.send({ kind: 'repeat' });
    // The question itself, without the introduction that came before it the first time.
    expect(again.text.length).toBeGreaterThan(10);
    expect(asked.text.endsWith(again.text)).toBe(true);
    expect(again.text).not.toBe(asked.text);
    expect(again.output.prompt).toBe('verify.reference');
    expect(again.output.expect).toEqual(asked.output.expect);
  });

  it('when the repeat comes before any question, then the menu is offered', async () => {
    const talk = new Talk(world, 'chat', 'es');
    const reply = await talk.send({ kind: 'repeat' });
    expect(reply.output.expect.kind).toBe('choice');
    expect(reply.output.locale).toBe('es');
  });
});
