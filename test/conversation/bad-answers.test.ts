import { engineWorld, Talk, accountId, type EngineWorld } from '../support/engine-harness';

const JORDAN_VIN = '2HGFE2F5XMH512345';
const HOSTILE = [
  '',
  '   ',
  "'; DROP TABLE \"Payment\"; --",
  '<script>alert(1)</script>',
  '😀😀😀💸',
  '\u0000\u0007\u001b[31m',
  'x'.repeat(100_000),
];

let world: EngineWorld;
beforeEach(async () => {
  world = await engineWorld();
});

/** A chat verified as Jordan, with the Civic chosen and the payment flow at its first prompt. */
async function atAmountChoice(locale: 'en' | 'es' = 'en'): Promise<Talk> {
  const talk = new Talk(world, 'chat', locale);
  await talk.start();
  await talk.say(locale === 'es' ? 'quiero pagar' : 'make a payment');
  await talk.say(JORDAN_VIN);
  await talk.say('401227788');
  await talk.click(await accountId(world, '4100020001'));
  return talk;
}

describe('wrong answers while verifying', () => {
  it.each([
    ['en', '2HGFE2F5XMH512346', /doesn't look right/],
    ['es', '2HGFE2F5XMH512346', /no parece correcto|no es correcto|error/i],
    ['en', '2HGFE2F5XMH5123', /17 letters and numbers/],
    ['en', '2HGFE2F5XMH51234O', /I, O or Q|doesn't look right|17 letters/],
  ])('(%s) a VIN %s is refused with its reason and nothing is counted as an attempt', async (locale, vin, reason) => {
    const talk = new Talk(world, 'chat', locale as 'en' | 'es');
    await talk.start();
    await talk.say(locale === 'es' ? 'quiero hacer un pago' : 'I want to make a payment');
    const reply = await talk.say(vin);
    expect(reply.text).toMatch(reason);
    expect(reply.output.expect.kind).toBe('digits');
    expect(await world.repos.verification.failuresSince('session', talk.sessionId, new Date(0))).toBe(0);
  });

  it.each([
    ['en', '40122778', /exactly 9 digits/],
    ['en', '000-22-7788', /isn't a valid Social Security number/],
    ['es', '40122778', /9 dígitos/],
  ])('(%s) an SSN %s is refused before any lookup', async (locale, ssn, reason) => {
    const talk = new Talk(world, 'chat', locale as 'en' | 'es');
    await talk.start();
    await talk.say(locale === 'es' ? 'quiero hacer un pago' : 'I want to make a payment');
    await talk.say(JORDAN_VIN);
    const reply = await talk.say(ssn);
    expect(reply.text).toMatch(reason);
    expect(reply.text).not.toContain(ssn);
    expect(reply.output.expect).toMatchObject({ kind: 'digits', sensitive: true });
  });

  it('when the SSN does not match three times, then the session must wait 5 minutes and a person is offered', async () => {
    const talk = new Talk(world, 'chat', 'en');
    await talk.start();
    await talk.say('I want to make a payment');
    await talk.say(JORDAN_VIN);
    // A mismatch asks for the SSN again first (the likelier typo), keeping the VIN.
    const miss = await talk.say('533182046');
    expect(miss.text).toMatch(/doesn't match/);
    expect(miss.text).toMatch(/Social Security number or Tax ID once more/);
    expect(miss.output.expect).toMatchObject({ kind: 'digits', sensitive: true });
    // The second asks for both again.
    const missAgain = await talk.say('533182046');
    expect(missAgain.text).toMatch(/doesn't match/);
    expect(missAgain.text).toMatch(/VIN/);
    await talk.say(JORDAN_VIN);
    const slowed = await talk.say('533182046');
    expect(slowed.text).toMatch(/please wait 5 minutes before trying to verify again/);
    expect(slowed.choices).toEqual(['agent', 'restart']);

    // Even the right SSN is not checked during the wait, from the same session.
    await talk.click('restart');
    const again = await talk.say('make a payment');
    expect(again.text).toMatch(/please wait 5 minutes/);

    world.clock.advanceMinutes(5);
    const later = await talk.say('make a payment');
    expect(later.text).toMatch(/VIN/);
  });

  it.each([
    ['chat', 'en', /extra verification step that I can't complete right now. A representative can help at 1-888-925-2559/],
    ['voice', 'es', /paso adicional de verificación que no puedo completar/],
  ] as const)('(%s, %s) when the account has recent failures and no code can be texted, then a person takes over', async (channel, locale, reason) => {
    for (const s of ['a', 'b', 'c']) {
      await world.services.identity.verify({ sessionId: s, channel: 'chat', callerId: `ip:198.51.100.${s.charCodeAt(0)}`, taxId: '533182046', accountReference: '4100020001' });
    }
    const talk = new Talk(world, channel, locale);
    await talk.start();
    if (channel === 'voice') await talk.press('2');
    const answer = (v: string) => (channel === 'voice' ? talk.press(v) : talk.say(v));
    await answer(channel === 'voice' ? '1' : 'I want to make a payment');
    await answer('4100020001');
    const reply = await answer('401227788');
    expect(reply.text).toMatch(reason);
    if (channel === 'voice') expect(reply.output.handoff).toBeDefined();
    else expect(reply.choices).toEqual(['agent', 'restart']);
  });

  it('when hostile text arrives at the VIN prompt, then nothing breaks and the prompt is repeated', async () => {
    const talk = new Talk(world, 'chat', 'en');
    await talk.start();
    await talk.say('I want to make a payment');
    for (const junk of HOSTILE.slice(0, 2)) {
      const reply = await talk.say(junk);
      expect(reply.output.expect.kind).not.toBe('none');
    }
  });
});

describe('wrong answers while paying', () => {
  it('an amount above the payoff is refused with the payoff amount, and the amount is asked again', async () => {
    const talk = await atAmountChoice();
    await talk.click('other');
    const reply = await talk.say('$50,000');
    expect(reply.text).toMatch(/more than your payoff amount of \$\d/);
    expect(reply.output.expect.kind).toBe('amount');
  });

  it.each([
    ['$0', /more than \$0\.00/],
    ['$10.555', /two decimal places/],
    ['lots of money', null],
  ])('an amount of %s is refused with a clear reason', async (amount, reason) => {
    const talk = await atAmountChoice();
    await talk.click('other');
    const reply = await talk.say(amount);
    if (reason) expect(reply.text).toMatch(reason);
    expect(reply.output.expect.kind).toBe('amount');
    expect(reply.output.receipt).toBeUndefined();
  });

  it('a date in the past or more than 30 days ahead is refused and says which dates work', async () => {
    const talk = await atAmountChoice();
    await talk.click('due');
    await talk.click('later');
    const past = await talk.say('March 1');
    expect(past.text).toMatch(/in the past/);
    const far = await talk.say('June 30');
    expect(far.text).toMatch(/up to 30 days ahead.*Wednesday, April 9/);
    expect(far.output.expect.kind).toBe('date');
  });

  it('en español, una fecha pasada se rechaza con la razón', async () => {
    const talk = await atAmountChoice('es');
    await talk.click('due');
    await talk.click('later');
    const past = await talk.say('el 1 de marzo');
    expect(past.output.locale).toBe('es');
    expect(past.text).toMatch(/pasad/);
  });

  it('an invalid routing number and a too-short account number are refused', async () => {
    const talk = await atAmountChoice();
    await talk.click('due');
    await talk.click('today');
    await talk.click('new');
    const badRouting = await talk.say('123456789');
    expect(badRouting.text).toMatch(/routing number isn't valid/);
    await talk.say('021000021');
    const shortAccount = await talk.say('12');
    expect(shortAccount.text).toMatch(/4 to 17 digits/);
    expect(shortAccount.output.expect).toMatchObject({ kind: 'digits', sensitive: true });
  });

  it('hostile input at every payment prompt changes nothing and keeps the flow', async () => {
    const talk = await atAmountChoice();
    const civic = await accountId(world, '4100020001');
    const before = await world.repos.accounts.byId(civic);
    for (const junk of HOSTILE) {
      const reply = await talk.say(junk);
      expect(reply.text.length).toBeGreaterThan(0);
      expect(reply.text).not.toContain('<script>');
    }
    const after = await world.repos.accounts.byId(civic);
    expect(after).toEqual(before);
  });

  it('after three invalid answers to one prompt, a person is offered (chat)', async () => {
    const talk = await atAmountChoice();
    await talk.click('other');
    await talk.say('1.999');
    await talk.say('1.999');
    const third = await talk.say('1.999');
    expect(third.text).toMatch(/talk to a person, or start over/);
    expect(third.choices).toEqual(['agent', 'restart']);
    const handoff = await talk.click('agent');
    expect(handoff.output.handoff?.summary).toMatch(/verified=yes/);
    expect(handoff.output.handoff?.summary).not.toMatch(/401|7788/);
  });

  it('after three silences on the phone, the caller is transferred', async () => {
    const talk = new Talk(world, 'voice', null, '+17045550101');
    await talk.start();
    await talk.press('1');
    await talk.silence();
    await talk.silence();
    const third = await talk.silence();
    expect(third.output.handoff).toBeDefined();
    expect(third.output.end).toBe(true);
  });
});
