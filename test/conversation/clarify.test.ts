import { engineWorld, Talk, type EngineWorld } from '../support/engine-harness';

let world: EngineWorld;
beforeAll(async () => {
  world = await engineWorld();
});

describe('when the assistant is not sure what was meant', () => {
  it('it asks which of the two likeliest topics, and carries on with the one picked', async () => {
    const talk = new Talk(world, 'chat', 'en');
    await talk.start();
    // Two topics in one breath: the classifier's best guess is below the threshold.
    const ask = await talk.say('fico title');
    expect(ask.text).toMatch(/^Just to be sure: do you mean .+ or .+\?$/);
    expect(ask.choices).toHaveLength(3);
    expect(ask.choices).toContain('other');
    expect(ask.choices).toContain('title_status');
    const picked = await talk.click('title_status');
    expect(picked.text).toMatch(/verify your identity/);
  });

  it('"something else" asks again in a few words', async () => {
    const talk = new Talk(world, 'chat', 'en');
    await talk.start();
    await talk.say('fico title');
    const reply = await talk.click('other');
    expect(reply.text).toMatch(/Tell me in a few words/);
  });
});
