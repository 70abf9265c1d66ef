import { engineWorld, Talk, accountId, talkThrough, type EngineWorld, type Reply } from '../support/engine-harness';

/**
 * Paying toward principal asked for in the request ("I want to pay extra on
 * the civic, put it towards principal", "quiero abonar 300 a capital de la
 * jeep") starts a payment toward principal; asking whether one can ("can I
 * pay extra toward principal?") still gets the answer, and a lease, with no
 * principal to pay down, gets a plain payment. Through the engine, with no
 * channel involved.
 */

let world: EngineWorld;
beforeEach(async () => {
  world = await engineWorld();
});

const CIVIC = '4100020001';
const JEEP = '4100020005';
const TACOMA_LEASE = '4100020004';
const JORDAN_SSN = '401227788';
const BLUE_RIDGE_EIN = '561234567';

function talkIn(channel: 'chat' | 'voice', locale: 'en' | 'es', ...lines: string[]): Promise<{ talk: Talk; reply: Reply }> {
  return talkThrough(world, new Talk(world, channel, locale, channel === 'voice' ? '+17045550101' : null), ...lines);
}

async function paymentsOn(accountNumber: string) {
  return world.repos.payments.history(await accountId(world, accountNumber), 50);
}

describe('paying toward principal, asked for in the request', () => {
  it('(en chat) "put it towards principal" asks how much toward principal, reads it back as such and pays it as principal', async () => {
    const { talk, reply: amount } = await talkIn('chat', 'en', 'I want to pay extra on the civic, put it towards principal', JORDAN_SSN, CIVIC);
    expect(amount.output.prompt).toBe('pay.amount');
    expect(amount.text).toMatch(/toward principal\?/);
    expect(amount.text).not.toMatch(/extra amount in your payment/);
    await talk.say('$250');
    await talk.say('today');
    const readBack = await talk.say('the one on file');
    expect(readBack.output.prompt).toBe('pay.confirm');
    expect(readBack.text).toMatch(/pay \$250\.00 toward the principal of your 2021 Honda Civic/);
    const done = await talk.say('yes');
    expect(done.text).toMatch(/confirmation number/);
    const [made] = await paymentsOn(CIVIC);
    expect(made).toMatchObject({ amountCents: 25_000, kind: 'principal' });
  });

  it('(es chat) "quiero abonar 300 a capital de la jeep" keeps the amount and reads back an abono a capital', async () => {
    const { talk, reply: when } = await talkIn('chat', 'es', 'quiero abonar 300 a capital de la jeep', JORDAN_SSN, JEEP);
    expect(when.output.prompt).toBe('pay.dateChoice');
    await talk.say('hoy');
    const readBack = await talk.say('la registrada');
    expect(readBack.output.prompt).toBe('pay.confirm');
    expect(readBack.text).toMatch(/abono de \$300\.00 al capital de su 2019 Jeep Grand Cherokee/);
    await talk.say('sí');
    const [made] = await paymentsOn(JEEP);
    expect(made).toMatchObject({ amountCents: 30_000, kind: 'principal' });
  });

  it('(en voice) "pay 500 toward principal on the civic tomorrow" asks only for the bank, then reads back a principal payment', async () => {
    const { talk, reply: bank } = await talkIn('voice', 'en', 'pay 500 toward principal on the civic tomorrow');
    expect(bank.output.prompt).toBe('verify.reference');
    await talk.press(`${JORDAN_SSN}#`);
    const funding = await talk.press(`${CIVIC}#`);
    expect(funding.output.prompt).toBe('bank.funding');
    const readBack = await talk.press('1');
    expect(readBack.output.prompt).toBe('pay.confirm');
    expect(readBack.text).toMatch(/500 dollars toward principal on your 2021 Honda Civic/);
  });

  it('(es voice) "quiero pagar extra a capital" asks how much toward principal', async () => {
    const talk = new Talk(world, 'voice', 'es', '+13055550122');
    await talk.start();
    const ask = await talk.say('quiero pagar extra a capital');
    expect(ask.output.prompt).toBe('verify.reference');
    await talk.press('533182046#');
    const amount = await talk.press('4100020002#');
    expect(amount.output.prompt).toBe('pay.amount');
    expect(amount.text).toMatch(/abonar a capital/);
  });
});

describe('asking about principal, and where there is none', () => {
  it.each([
    ['en', 'can I pay extra toward principal?', /include the extra amount/],
    ['es', '¿puedo abonar a capital?', /monto adicional|cantidad adicional|extra/i],
  ] as const)('(%s chat) a question, "%s", gets the answer and starts no payment', async (locale, question, answer) => {
    const { reply } = await talkIn('chat', locale, question);
    expect(reply.text).toMatch(answer);
    expect(reply.output.prompt ?? '').not.toMatch(/^(pay|verify)\./);
  });

  it('(en chat) paying the principal balance off is a payoff, not an extra payment', async () => {
    const { talk } = await talkIn('chat', 'en', 'I want to pay off the principal balance on my civic');
    await talk.say(JORDAN_SSN);
    const reply = await talk.say(CIVIC);
    expect(reply.text).not.toMatch(/toward principal\?/);
    expect(reply.text).toMatch(/payoff/i);
  });

  it('(en chat) a lease asked to take money toward principal gets a plain payment, never a principal one', async () => {
    const { talk, reply: when } = await talkIn('chat', 'en', 'I want to put $100 toward principal on my lease', BLUE_RIDGE_EIN, TACOMA_LEASE);
    expect(when.text).not.toMatch(/principal/i);
    expect(when.output.prompt).toBe('pay.dateChoice');
    await talk.say('today');
    const readBack = await talk.say('the one on file');
    expect(readBack.text).not.toMatch(/principal/i);
  });
});
