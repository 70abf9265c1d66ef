import { engineWorld, Talk, accountId, type EngineWorld } from '../support/engine-harness';

const JORDAN_VIN = '2HGFE2F5XMH512345';

let world: EngineWorld;
beforeEach(async () => {
  world = await engineWorld();
});

async function payingJordan(locale: 'en' | 'es' = 'en'): Promise<Talk> {
  const talk = new Talk(world, 'chat', locale);
  await talk.start();
  await talk.say(locale === 'es' ? 'quiero hacer un pago' : 'I want to make a payment');
  await talk.say(JORDAN_VIN);
  await talk.say('401227788');
  await talk.click(await accountId(world, '4100020001'));
  await talk.click('other');
  return talk;
}

describe('interruptions', () => {
  it('a question asked in the middle of a payment is answered, then the payment resumes where it was', async () => {
    const talk = await payingJordan();
    const aside = await talk.say('what is the address to mail a check?');
    expect(aside.text).toMatch(/P\.O\. Box 71119, Charlotte, NC 28272-1119/);
    expect(aside.text).toMatch(/back to where we were/);
    expect(aside.output.expect.kind).toBe('amount');
    const next = await talk.say('$25');
    expect(next.choices).toEqual(['today', 'later']);
  });

  it('en español, una pregunta a mitad del pago se contesta y el pago continúa', async () => {
    const talk = await payingJordan('es');
    const aside = await talk.say('¿puedo pagar con tarjeta de débito?');
    expect(aside.output.locale).toBe('es');
    expect(aside.text).toMatch(/CheckFreePay/);
    expect(aside.text).toMatch(/\$3\.75/);
    expect(aside.output.expect.kind).toBe('amount');
  });

  it('"cancel" abandons the payment and nothing is submitted', async () => {
    const talk = await payingJordan();
    const reply = await talk.say('cancel');
    expect(reply.text).toMatch(/stopped that/);
    expect(reply.output.expect.kind).toBe('choice');
    const civic = await accountId(world, '4100020001');
    expect((await world.repos.payments.history(civic, 20)).some((p) => p.idempotencyKey.startsWith('pay:'))).toBe(false);
  });

  it('changing the language mid-payment repeats the same question in Spanish', async () => {
    const talk = await payingJordan();
    const reply = await talk.say('en español por favor');
    expect(reply.output.locale).toBe('es');
    expect(reply.text).toMatch(/español/);
    expect(reply.output.expect.kind).toBe('amount');
  });

  it('a request that needs identity asks for verification first, then carries on with what was asked', async () => {
    const talk = new Talk(world, 'chat', 'en');
    await talk.start();
    const ask = await talk.say("what's my payoff amount?");
    expect(ask.text).toMatch(/payoff quote/);
    expect(ask.text).toMatch(/verify your identity/);
    await talk.say('4100020001');
    const pick = await talk.say('401227788');
    const answer = await talk.click(pick.choices[0]!);
    expect(answer.text).toMatch(/payoff amount is \$/);
  });

  it('after 15 idle minutes the verified session is forgotten and must be verified again', async () => {
    const talk = await payingJordan();
    world.clock.advanceMinutes(16);
    const reply = await talk.say('what is my balance');
    expect(reply.text).toMatch(/timed out/);
    expect(reply.text).toMatch(/verify your identity/);
    const state = (await world.repos.sessions.load(talk.sessionId))!.state as { verified: unknown };
    expect(state.verified).toBeNull();
  });
});

describe('one payment, however often it is confirmed', () => {
  async function atConfirm(): Promise<Talk> {
    const talk = await payingJordan();
    await talk.say('$20');
    await talk.click('today');
    await talk.click('onfile');
    return talk;
  }

  it('a retried request (same turn key) gets the same answer and pays once', async () => {
    const talk = await atConfirm();
    const first = await talk.send({ kind: 'button', value: 'yes' }, 'confirm-turn');
    const retry = await talk.send({ kind: 'button', value: 'yes' }, 'confirm-turn');
    expect(retry.output).toEqual(first.output);
    const civic = await accountId(world, '4100020001');
    expect((await world.repos.payments.history(civic, 20)).filter((p) => p.idempotencyKey.startsWith('pay:'))).toHaveLength(1);
  });

  it('two concurrent confirmations (a double click) make exactly one payment', async () => {
    const talk = await atConfirm();
    const [a, b] = await Promise.all([talk.click('yes'), talk.click('yes')]);
    const receipts = [a, b].filter((r) => r.output.receipt);
    expect(receipts).toHaveLength(1);
    const civic = await accountId(world, '4100020001');
    expect((await world.repos.payments.history(civic, 20)).filter((p) => p.idempotencyKey.startsWith('pay:'))).toHaveLength(1);
  });
});
