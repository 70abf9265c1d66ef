import { engineWorld, Talk, type EngineWorld } from '../support/engine-harness';

/**
 * The answers customers gave that used to be misread, each at the prompt
 * where it was given and in both languages, through the engine with no
 * channel involved: the question asked comes first, a word inside another
 * request is never an amount, a correction at the read-back edits that slot,
 * a request's own words fill its slots, profanity gets a person.
 */

const JORDAN_VIN = '2HGFE2F5XMH512345';
const JORDAN_SSN = '401227788';

let world: EngineWorld;
beforeEach(async () => {
  world = await engineWorld();
});

type Locale = 'en' | 'es';
const pick = (locale: Locale, en: string, es: string) => (locale === 'en' ? en : es);

async function verified(locale: Locale, request: string): Promise<{ talk: Talk; prompt: string | undefined; text: string }> {
  const talk = new Talk(world, 'chat', locale);
  await talk.start();
  await talk.say(request);
  await talk.say(JORDAN_VIN);
  const reply = await talk.say(JORDAN_SSN);
  return { talk, prompt: reply.output.prompt, text: reply.text };
}

async function atAmount(locale: Locale): Promise<Talk> {
  const { talk, prompt } = await verified(locale, pick(locale, 'make a payment on the civic', 'hacer un pago del civic'));
  expect(prompt).toBe('pay.amountChoice');
  return talk;
}

async function atDate(locale: Locale): Promise<Talk> {
  const talk = await atAmount(locale);
  expect((await talk.say('$60')).output.prompt).toBe('pay.dateChoice');
  return talk;
}

async function atReadBack(locale: Locale): Promise<Talk> {
  const talk = await atDate(locale);
  await talk.say(pick(locale, 'today', 'hoy'));
  expect((await talk.say(pick(locale, 'the one on file', 'la registrada'))).output.prompt).toBe('pay.confirm');
  return talk;
}

describe('at "When should the payment be made?"', () => {
  it.each([
    ['en', 'today'],
    ['es', 'hoy'],
    ['en', 'end of the month'],
    ['es', 'fin de mes'],
  ] as const)('(%s) "%s" is a day: the bank is asked next, nothing ends or switches', async (locale, answer) => {
    const talk = await atDate(locale);
    const reply = await talk.say(answer);
    expect(reply.output.end).toBe(false);
    expect(reply.output.prompt).toBe('bank.funding');
  });
});

describe('at "How much would you like to pay?"', () => {
  it.each([
    ['en', 'two fifty', '$250.00'],
    ['es', 'doscientos cincuenta', '$250.00'],
    ['en', 'a thousand dollars', '$1,000.00'],
    ['es', 'mil dólares', '$1,000.00'],
  ] as const)('(%s) "%s" is %s', async (locale, answer, amount) => {
    const talk = await atAmount(locale);
    await talk.say(answer);
    await talk.say(pick(locale, 'today', 'hoy'));
    const readBack = await talk.say(pick(locale, 'the one on file', 'la registrada'));
    expect(readBack.output.prompt).toBe('pay.confirm');
    expect(readBack.text).toContain(amount);
  });

  it.each([
    ['en', 'I want to talk to a person'],
    ['es', 'quiero hablar con una persona'],
  ] as const)('(%s) "%s" is a request for a person, never a $1.00 payment', async (locale, answer) => {
    const talk = await atAmount(locale);
    const reply = await talk.say(answer);
    expect(reply.text).not.toContain('$1.00');
    expect(reply.output.prompt).not.toBe('pay.dateChoice');
    expect(reply.output.handoff ?? reply.text).toBeTruthy();
    expect(reply.text).toMatch(/person|representative|agent|persona|representante|agente/i);
  });
});

describe('at the read-back', () => {
  it.each([
    ['en', 'no wait, make it $150', '$150.00'],
    ['es', 'no, espera, mejor 150', '$150.00'],
    ['es', 'cambia la cantidad a quinientos cincuenta', '$550.00'],
  ] as const)('(%s) "%s" edits the amount and reads back %s', async (locale, answer, amount) => {
    const talk = await atReadBack(locale);
    const reply = await talk.say(answer);
    expect(reply.output.prompt).toBe('pay.confirm');
    expect(reply.text).toContain(amount);
    expect(reply.output.locale).toBe(locale);
  });

  it.each([
    ['en', 'change the amount'],
    ['es', 'cambia la cantidad'],
  ] as const)('(%s) "%s" asks for the amount again, in the same language', async (locale, answer) => {
    const talk = await atReadBack(locale);
    const reply = await talk.say(answer);
    expect(reply.output.prompt).toBe('pay.amount');
    expect(reply.output.locale).toBe(locale);
  });
});

describe('what the request already says', () => {
  it.each([
    ['en', 'I want to pay $50 on the civic'],
    ['es', 'quiero pagar 50 dólares del civic'],
  ] as const)('(%s) "%s" does not ask how much', async (locale, request) => {
    const { prompt } = await verified(locale, request);
    expect(prompt).toBe('pay.dateChoice');
  });

  it.each([
    ['en', 'pay the full amount on the civic'],
    ['es', 'quiero pagar la cantidad completa del civic'],
  ] as const)('(%s) "%s" goes on to pay, not only a figure', async (locale, request) => {
    const { prompt, text } = await verified(locale, request);
    // Read as the amount due or as the whole balance, the next question is when to pay it.
    expect(prompt).toBe('pay.dateChoice');
    expect(text).toMatch(/\$412\.36|\$14,289\.92/);
  });

  it.each([
    ['en', 'pay it off, the civic'],
    ['es', 'quiero liquidar el civic'],
  ] as const)('(%s) "%s" quotes the payoff and goes on to pay it', async (locale, request) => {
    const { prompt, text } = await verified(locale, request);
    expect(text).toMatch(/payoff|liquidaci/i);
    expect(prompt).toBe('pay.dateChoice');
  });

  it.each([
    ['en', 'cancel Auto Pay on the civic'],
    ['es', 'cancelar Auto Pay del civic'],
  ] as const)('(%s) "%s", the words the assistant itself suggests, are understood', async (locale, request) => {
    const { text } = await verified(locale, request);
    expect(text).toMatch(/Auto Pay/);
    expect(text).not.toMatch(/didn't understand|no entendí|only help with|solo puedo ayudar/i);
  });
});

describe('profanity and frustration', () => {
  it.each([
    ['en', 'this damn bot is useless'],
    ['es', 'este pinche bot no sirve para nada'],
  ] as const)('(%s) "%s" gets a calm acknowledgement and a person, not "do you mean saying hello?"', async (locale, words) => {
    const talk = new Talk(world, 'chat', locale);
    await talk.start();
    const reply = await talk.say(words);
    expect(reply.text).toContain('1-888-925-2559');
    expect(reply.text).not.toMatch(/saying hello|saludar/i);
  });
});
