import { engineWorld, Talk, accountId, type EngineWorld } from '../support/engine-harness';

/**
 * Customers give the SSN/Tax ID and the VIN or account number in whichever
 * order comes to them: the SSN first at the reference question, typed alone
 * before any request, or inside the request itself. The SSN waits sealed
 * (its keyed hashes only) until the reference arrives, is used once, and a
 * wrong one is asked for again. Both languages, chat and phone, through the
 * engine with no channel involved.
 */

const CIVIC_VIN = '2HGFE2F5XMH512345';
const JORDAN_SSN = '401227788';

let world: EngineWorld;
beforeEach(async () => {
  world = await engineWorld();
});

/** Every session row as stored, for looking at what is kept between turns. */
async function storedSession(talk: Talk): Promise<string> {
  return JSON.stringify(await world.repos.sessions.load(talk.sessionId));
}

describe('the SSN given where the VIN is asked', () => {
  it.each([
    ['en', 'I want to make a payment', 'my ssn is 401 22 7788', 'Thanks, I have your Social Security number or Tax ID', 'Thank you, Jordan'],
    ['es', 'quiero hacer un pago', 'mi seguro social es 401-22-7788', 'ya tengo su número de Seguro Social', 'Gracias, Jordan'],
  ] as const)('(%s chat) is held, the VIN is asked for, and the VIN then verifies at once', async (locale, request, ssn, held, thanks) => {
    const talk = new Talk(world, 'chat', locale);
    await talk.start();
    await talk.say(request);
    const asked = await talk.say(ssn);
    expect(asked.text).toContain(held);
    expect(asked.output.prompt).toBe('verify.reference');
    expect(asked.text).not.toMatch(/7788|401/);
    // Between the two turns the session holds no SSN digits, only keyed hashes.
    const stored = await storedSession(talk);
    expect(stored).not.toMatch(/401\D?22\D?7788/);
    expect(stored).toMatch(/[0-9a-f]{64}/);
    const reply = await talk.say(CIVIC_VIN);
    expect(reply.text).toContain(thanks);
    expect(reply.output.prompt).not.toBe('verify.taxId');
    // Used once: nothing of it is left in the session.
    expect(await storedSession(talk)).not.toMatch(/[0-9a-f]{64}/);
  });

  it.each([
    ['en', 'make a payment', 'Thank you, Jordan'],
    ['es', 'hacer un pago', 'Gracias, Jordan'],
  ] as const)('(%s voice) keyed before the account number, then the account number keyed', async (locale, request, thanks) => {
    const talk = new Talk(world, 'voice', locale);
    await talk.start();
    if (locale === 'es') await talk.press('2');
    await talk.say(request);
    const asked = await talk.press(JORDAN_SSN);
    expect(asked.output.prompt).toBe('verify.reference');
    const reply = await talk.press('4100020005');
    expect(reply.text).toContain(thanks);
  });

  it.each([
    ['en', 'ssn 40122778', 'exactly 9 digits'],
    ['es', 'mi seguro social es 40122778', 'exactamente 9 dígitos'],
  ] as const)('(%s) with 8 digits is refused plainly and nothing is held', async (locale, ssn, refusal) => {
    const talk = new Talk(world, 'chat', locale);
    await talk.start();
    await talk.say(locale === 'en' ? 'make a payment' : 'hacer un pago');
    const reply = await talk.say(ssn);
    expect(reply.text).toContain(refusal);
    expect(reply.output.prompt).toBe('verify.reference');
    expect(await storedSession(talk)).not.toMatch(/[0-9a-f]{64}/);
  });

  it.each([
    ['en', 'my ssn is 401-22-7789', 'Thank you, Jordan'],
    ['es', 'mi seguro social es 401-22-7789', 'Gracias, Jordan'],
  ] as const)('(%s) a wrong one is asked for again, and the VIN is kept', async (locale, wrong, thanks) => {
    const talk = new Talk(world, 'chat', locale);
    await talk.start();
    await talk.say(locale === 'en' ? 'make a payment' : 'hacer un pago');
    await talk.say(wrong);
    const mismatch = await talk.say(CIVIC_VIN);
    expect(mismatch.output.prompt).toBe('verify.taxId');
    expect(await world.repos.verification.failuresSince('session', talk.sessionId, new Date(0))).toBe(1);
    const reply = await talk.say(JORDAN_SSN);
    expect(reply.text).toContain(thanks);
  });
});

describe('the SSN typed before anything else', () => {
  it.each([
    ['en', '401-22-7788', 'Thank you, Jordan'],
    ['es', 'mi ssn es 401227788', 'Gracias, Jordan'],
  ] as const)('(%s) "%s" starts verification and the VIN finishes it', async (locale, first, thanks) => {
    const talk = new Talk(world, 'chat', locale);
    await talk.start();
    const asked = await talk.say(first);
    expect(asked.output.prompt).toBe('verify.reference');
    const reply = await talk.say(CIVIC_VIN);
    expect(reply.text).toContain(thanks);
  });
});

describe('the SSN inside the request', () => {
  it.each([
    ['en', 'I need to make a payment, ssn 401-22-7788', 'Thank you, Jordan'],
    ['es', 'necesito pagar el carro, mi seguro social es 401 22 7788', 'Gracias, Jordan'],
  ] as const)('(%s) is held and the request goes on once the VIN comes', async (locale, request, thanks) => {
    const talk = new Talk(world, 'chat', locale);
    await talk.start();
    const asked = await talk.say(request);
    expect(asked.output.prompt).toBe('verify.reference');
    const reply = await talk.say(CIVIC_VIN);
    expect(reply.text).toContain(thanks);
    // The payment goes on: Jordan has two vehicles, so which one is asked next.
    expect(reply.output.prompt).toBe('choose_account.pick');
  });

  it.each([
    ['en', `pay $150 on my civic tomorrow, vin ${CIVIC_VIN} ssn 401-22-7788`, 'Thank you, Jordan'],
    ['es', `pagar $150 del civic mañana, vin ${CIVIC_VIN} seguro social 401-22-7788`, 'Gracias, Jordan'],
  ] as const)('(%s) with the VIN too, verifies in one turn', async (locale, request, thanks) => {
    const talk = new Talk(world, 'chat', locale);
    await talk.start();
    const reply = await talk.say(request);
    expect(reply.text).toContain(thanks);
    // The amount, the day and the vehicle came with the request: only the bank is left to ask.
    expect(reply.output.prompt).toBe('bank.funding');
    const readBack = await talk.say(locale === 'en' ? 'the one on file' : 'la cuenta registrada');
    expect(readBack.text).toContain('150.00');
    await talk.say(locale === 'en' ? 'yes' : 'sí');
    const civic = await accountId(world, '4100020001');
    const tomorrow = new Date(world.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10);
    const made = (await world.repos.payments.history(civic, 50)).filter((p) => p.amountCents === 15000);
    expect(made.map((p) => p.scheduledFor)).toEqual([tomorrow]);
  });
});

describe('a reference given where the SSN is asked', () => {
  it.each([
    ['en', 'make a payment', 'oops, use account 4100020005', 'Thank you, Jordan'],
    ['es', 'hacer un pago', 'mejor la cuenta 4100020005', 'Gracias, Jordan'],
  ] as const)('(%s) in words that name it replaces the first one', async (locale, request, instead, thanks) => {
    const talk = new Talk(world, 'chat', locale);
    await talk.start();
    await talk.say(request);
    await talk.say('4100020001');
    const taken = await talk.say(instead);
    expect(taken.output.prompt).toBe('verify.taxId');
    const reply = await talk.say(JORDAN_SSN);
    expect(reply.text).toContain(thanks);
  });

  it('ten digits alone are an SSN with a digit too many, not an account number', async () => {
    const talk = new Talk(world, 'chat', 'en');
    await talk.start();
    await talk.say('make a payment');
    await talk.say('4100020001');
    const reply = await talk.say('4012277881');
    expect(reply.text).toContain('exactly 9 digits');
    expect(reply.output.prompt).toBe('verify.taxId');
  });
});
