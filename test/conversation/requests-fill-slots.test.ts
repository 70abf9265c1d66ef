import { addDays } from '../../core/shared/dates';
import { engineWorld, Talk, accountId, type EngineWorld } from '../support/engine-harness';

/**
 * What a request already says is not asked again: a sum after the verb of
 * paying, the bank ("from my bank on file", "de otra cuenta", "the one ending
 * 4321"), the day, a day of the month said in words; a day kept while a
 * refused amount is asked again; a new bank account taken as checking unless
 * the customer says savings at the read-back; a caller who skips the language
 * menu. Each in both languages, through the engine with no channel involved.
 */

const JORDAN_VIN = '2HGFE2F5XMH512345';
const JEEP_VIN = '1C4RJFBG1KC716554';
const JORDAN_SSN = '401227788';

let world: EngineWorld;
let civic: string;
let jeep: string;
let seeded: Set<string>;
beforeEach(async () => {
  world = await engineWorld();
  civic = await accountId(world, '4100020001');
  jeep = await accountId(world, '4100020005');
  seeded = new Set([...(await world.repos.payments.history(civic, 50)), ...(await world.repos.payments.history(jeep, 50))].map((p) => p.id));
});

const today = () => world.clock.now().toISOString().slice(0, 10);

async function verified(locale: 'en' | 'es', request: string, vin = JORDAN_VIN, channel: 'chat' | 'voice' = 'chat') {
  const talk = new Talk(world, channel, locale);
  await talk.start();
  if (channel === 'voice' && locale === 'es') await talk.press('2');
  await talk.say(request);
  await talk.say(vin);
  const reply = await talk.say(JORDAN_SSN);
  return { talk, reply };
}

/** Jordan, verified on chat (VIN typed) or by phone (account number keyed), pays a sum on the Civic today: at the bank question. */
async function payingToday(locale: 'en' | 'es', channel: 'chat' | 'voice', dollars: number) {
  const talk = new Talk(world, channel, locale);
  await talk.start();
  if (channel === 'voice' && locale === 'es') await talk.press('2');
  await talk.say(locale === 'en' ? 'make a payment on the civic' : 'hacer un pago del civic');
  if (channel === 'voice') await talk.press('4100020001');
  else await talk.say(JORDAN_VIN);
  await (channel === 'voice' ? talk.press(JORDAN_SSN) : talk.say(JORDAN_SSN));
  await talk.say(locale === 'en' ? `$${dollars}` : `${dollars} dólares`);
  return { talk, bank: await talk.say(locale === 'en' ? 'today' : 'hoy') };
}

/** Payments the conversation made on an account (the demo data's own are left out). */
async function madeOn(account: string) {
  return (await world.repos.payments.history(account, 50)).filter((p) => !seeded.has(p.id));
}

describe('a sum, a day and a bank in the request go straight to the read-back', () => {
  it.each([
    ['en', 'pay 155 on my civic today from the account on file', 'yes'],
    ['es', 'quiero pagar 155 del civic hoy de la cuenta registrada', 'sí'],
  ] as const)('(%s) "%s"', async (locale, request, yes) => {
    const { talk, reply } = await verified(locale, request);
    expect(reply.output.prompt).toBe('pay.confirm');
    expect(reply.text).toMatch(/155\.00/);
    expect(reply.text).toContain('4321');
    await talk.say(yes);
    const made = await madeOn(civic);
    expect(made.map((p) => [p.amountCents, p.scheduledFor])).toEqual([[15500, today()]]);
  });

  it.each([
    ['en', 'pay $180 on my civic tomorrow from my bank on file'],
    ['es', 'pagar $180 del civic mañana de la cuenta registrada'],
  ] as const)('(%s) a named sum makes it a payment, not bill pay or a payoff to ask about: "%s"', async (locale, request) => {
    const talk = new Talk(world, 'chat', locale);
    await talk.start();
    const asked = await talk.say(request);
    expect(asked.output.prompt).toBe('verify.reference');
  });
});

describe('the bank named at the bank question', () => {
  it.each([
    ['en', 'chat', 'the one ending 4321'],
    ['es', 'chat', 'la que termina en 4321'],
    ['en', 'voice', 'four three two one'],
    ['es', 'voice', 'cuatro tres dos uno'],
  ] as const)('(%s, %s) "%s" is the bank on file', async (locale, channel, answer) => {
    const { talk, bank } = await payingToday(locale, channel, 75);
    expect(bank.output.prompt).toBe('bank.funding');
    const readBack = await talk.say(answer);
    expect(readBack.output.prompt).toBe('pay.confirm');
  });
});

describe('a day said at the today-or-later question', () => {
  it.each([
    ['en', 'a week from today'],
    ['es', 'de hoy en ocho'],
  ] as const)('(%s) "%s" is that day, not today', async (locale, when) => {
    const { talk } = await verified(locale, locale === 'en' ? 'make a payment on the civic' : 'hacer un pago del civic');
    const date = await talk.say('$60');
    expect(date.output.prompt).toBe('pay.dateChoice');
    await talk.say(when);
    const readBack = await talk.say(locale === 'en' ? 'on file' : 'la registrada');
    expect(readBack.output.prompt).toBe('pay.confirm');
    await talk.say(locale === 'en' ? 'yes' : 'sí');
    const made = await madeOn(civic);
    expect(made.map((p) => p.scheduledFor)).toEqual([addDays(today(), 7)]);
  });
});

describe('a refused amount keeps the day of the request', () => {
  it.each([
    ['en', 'pay 95000 on the civic today', 'lol oops i meant 95.00'],
    ['es', 'quiero pagar 95000 del civic hoy', 'perdón, quise decir 95.00'],
  ] as const)('(%s) "%s" is refused, then "%s" goes on to the bank', async (locale, request, fixed) => {
    const { talk, reply } = await verified(locale, request);
    expect(reply.text).toMatch(/payoff|liquidación/i);
    expect(reply.output.prompt).toBe('pay.amountChoice');
    const bank = await talk.say(fixed);
    expect(bank.output.prompt).toBe('bank.funding');
  });
});

describe('paying off with the day and the bank in the request', () => {
  it.each([
    ['en', 'pay off my jeep today from the account ending 4321', 'yes'],
    ['es', 'quiero liquidar la jeep hoy con la cuenta que termina en 4321', 'sí'],
  ] as const)('(%s) "%s" reads back the payoff at once', async (locale, request, yes) => {
    const { talk, reply } = await verified(locale, request, JEEP_VIN);
    expect(reply.output.prompt).toBe('pay.confirm');
    await talk.say(yes);
    const made = await madeOn(jeep);
    expect(made).toHaveLength(1);
    expect(made[0]!.scheduledFor).toBe(today());
    expect(made[0]!.amountCents).toBeGreaterThan(35690);
  });
});

describe('Auto Pay with the day in words and the bank in the request', () => {
  it.each([
    ['en', 'set up autopay for my civic on the fifth of every month from my bank on file', 'yes', 5],
    ['es', 'quiero pago automático para el civic el día diez de cada mes con la cuenta registrada', 'sí', 10],
  ] as const)('(%s) "%s"', async (locale, request, yes, day) => {
    const { talk, reply } = await verified(locale, request);
    expect(reply.output.prompt).toMatch(/\.confirm$/);
    await talk.say(yes);
    expect(await world.repos.autopay.forAccount(civic)).toMatchObject({ dayOfMonth: day });
  });
});

describe('a new bank account is checking unless the customer says savings', () => {
  async function atReadBack(locale: 'en' | 'es', channel: 'chat' | 'voice') {
    const { talk } = await payingToday(locale, channel, 82);
    await talk.say(locale === 'en' ? 'a different account' : 'otra cuenta');
    await talk.press('021000021');
    return { talk, readBack: await talk.press('55512340') };
  }

  it.each([
    ['en', 'chat', /as a checking account/, 'it is a savings account', /as a savings account/, 'yes'],
    ['es', 'chat', /como cuenta de cheques/, 'es de ahorros', /como cuenta de ahorros/, 'sí'],
  ] as const)('(%s, %s) the read-back says checking; "%s" changes it', async (locale, channel, checking, savings, saysSavings, yes) => {
    const { talk, readBack } = await atReadBack(locale, channel);
    expect(readBack.output.prompt).toBe('pay.confirm');
    expect(readBack.text).toMatch(checking);
    const again = await talk.say(savings);
    expect(again.output.prompt).toBe('pay.confirm');
    expect(again.text).toMatch(saysSavings);
    expect(await madeOn(civic)).toHaveLength(0);
    await talk.say(yes);
    const made = await madeOn(civic);
    expect(made.map((p) => [p.amountCents, p.bankAccountType])).toEqual([[8200, 'savings']]);
  });

  it.each(['en', 'es'] as const)('(%s, voice) 3 on the keypad makes it savings; 1 then submits', async (locale) => {
    const { talk, readBack } = await atReadBack(locale, 'voice');
    expect(readBack.text).toMatch(locale === 'en' ? /press 3/ : /oprima 3/);
    const again = await talk.press('3');
    expect(again.output.prompt).toBe('pay.confirm');
    await talk.press('1');
    const made = await madeOn(civic);
    expect(made.map((p) => p.bankAccountType)).toEqual(['savings']);
  });

  it.each([
    ['en', 'yes'],
    ['es', 'sí'],
  ] as const)('(%s) a plain "%s" pays from checking', async (locale, yes) => {
    const { talk } = await atReadBack(locale, 'chat');
    await talk.say(yes);
    const made = await madeOn(civic);
    expect(made.map((p) => p.bankAccountType)).toEqual(['checking']);
  });
});

describe('a caller who skips the language menu', () => {
  it.each([
    ['yeah my truck got repossessed this morning and i need it back', 'en', /repossess/i],
    ['se llevaron mi troca esta mañana y la necesito para trabajar', 'es', /reposesi|persona/i],
  ] as const)('"%s" is answered in that language at once', async (words, locale, answer) => {
    const talk = new Talk(world, 'voice', null, '+15555550142');
    const menu = await talk.start();
    expect(menu.output.prompt).toBe('language.pick');
    const reply = await talk.say(words);
    expect(reply.output.locale).toBe(locale);
    expect(reply.text).toMatch(answer);
    expect(reply.text).not.toMatch(/\$|dollars|dólares/);
  });
});

describe('a request to switch language that names both languages', () => {
  it.each([
    ['es', 'se puede en inglés? mi hijo me está ayudando y no lee bien el español', 'en'],
    ['en', 'can we do this in spanish? my english is not very good', 'es'],
  ] as const)('(%s) "%s" switches to %s', async (locale, words, to) => {
    const talk = new Talk(world, 'chat', locale);
    await talk.start();
    const reply = await talk.say(words);
    expect(reply.output.locale).toBe(to);
  });
});

describe('the VIN or account number asked for, in the customer’s words', () => {
  it.each([
    ['en', 'vin 2hgfe2f5xmh512345'],
    ['en', 'my account number is 4100020001'],
    ['es', 'el VIN es 2HGFE2F5XMH512345'],
    ['es', 'número de cuenta 4100020001'],
  ] as const)('(%s) "%s" is taken, and the SSN is asked next', async (locale, words) => {
    const talk = new Talk(world, 'chat', locale);
    await talk.start();
    await talk.say(locale === 'en' ? 'make a payment' : 'hacer un pago');
    const reply = await talk.say(words);
    expect(reply.output.prompt).toBe('verify.taxId');
  });

  it.each([
    ['en', 'my ssn is 401 22 7788', /I have your Social Security number or Tax ID/],
    ['en', '401227788', /I have your Social Security number or Tax ID/],
    ['es', 'mi seguro social es 401-22-7788', /ya tengo su número de Seguro Social/],
  ] as const)('(%s) an SSN given first ("%s") is held sealed, never in clear, and the VIN then verifies', async (locale, words, said) => {
    const talk = new Talk(world, 'chat', locale);
    await talk.start();
    await talk.say(locale === 'en' ? 'make a payment' : 'hacer un pago');
    const reply = await talk.say(words);
    expect(reply.text).toMatch(said);
    expect(reply.output.prompt).toBe('verify.reference');
    const state = JSON.stringify((await world.repos.sessions.load(talk.sessionId))!.state);
    expect(state).not.toMatch(/401-?22-?7788|401 22 7788|401227788/);
    const next = await talk.say(JORDAN_VIN);
    expect(next.output.prompt).not.toBe('verify.taxId');
    expect(next.text).toMatch(/Jordan/);
  });
});
