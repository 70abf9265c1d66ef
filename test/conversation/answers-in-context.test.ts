import { engineWorld, Talk, accountId, type EngineWorld } from '../support/engine-harness';

/**
 * Answers read as what the question asked for, on a stack of flows: the
 * vehicle by ordinal, name or last four; the vehicle named in the request;
 * a correction while a sub-flow (the bank) is asking; goodbye in the middle
 * of a payment; an SSN typo; speech the recognizer was unsure of. Each in
 * both languages, through the engine with no channel involved.
 */

const JORDAN_VIN = '2HGFE2F5XMH512345';
const JORDAN_SSN = '401227788';

let world: EngineWorld;
let civic: string;
let jeep: string;
beforeEach(async () => {
  world = await engineWorld();
  civic = await accountId(world, '4100020001');
  jeep = await accountId(world, '4100020005');
});

async function atVehicleQuestion(locale: 'en' | 'es', request: string): Promise<Talk> {
  const talk = new Talk(world, 'chat', locale);
  await talk.start();
  await talk.say(request);
  await talk.say(JORDAN_VIN);
  const pick = await talk.say(JORDAN_SSN);
  expect(pick.output.prompt).toBe('choose_account.pick');
  return talk;
}

describe('which vehicle, in the customer’s words', () => {
  it.each([
    ['en', 'the second one', 'Jeep'],
    ['en', 'the last one', 'Jeep'],
    ['en', 'the Jeep', 'Jeep'],
    ['en', 'the one ending 0005', 'Jeep'],
    ['en', 'the 2021', 'Civic'],
    ['es', 'el primero', 'Civic'],
    ['es', 'el que termina en 0005', 'Jeep'],
    ['es', 'la Jeep', 'Jeep'],
    ['es', 'el último', 'Jeep'],
  ] as const)('(%s) "%s" picks the %s', async (locale, answer, vehicle) => {
    const talk = await atVehicleQuestion(locale, locale === 'en' ? 'what is my balance' : 'cuánto debo');
    const reply = await talk.say(answer);
    expect(reply.text).toContain(vehicle);
    expect(reply.text).not.toContain(vehicle === 'Jeep' ? 'Civic' : 'Jeep');
  });

  it.each([
    ['en', 'the Honda or the Jeep, either', /more than one that fits/],
    ['es', 'cualquiera de los dos', /más de uno que coincide/],
  ] as const)('(%s) an answer that fits both vehicles names them and asks again', async (locale, answer, reason) => {
    const talk = await atVehicleQuestion(locale, locale === 'en' ? 'what is my balance' : 'cuánto debo');
    const reply = await talk.say(answer);
    expect(reply.text).toMatch(reason);
    expect(reply.output.prompt).toBe('choose_account.pick');
    expect(reply.choices).toEqual([civic, jeep]);
  });
});

describe('what the request already said fills the payment', () => {
  it.each([
    ['en', `I want to pay $200 on my Civic tomorrow, VIN ${JORDAN_VIN}`, /\$200\.00/],
    ['es', `quiero pagar 200 dólares mañana, VIN ${JORDAN_VIN}`, /200\.00/],
  ] as const)('(%s) a VIN in the request verifies, names the vehicle, and only the bank is asked', async (locale, request, amount) => {
    const talk = new Talk(world, 'chat', locale);
    await talk.start();
    const askSsn = await talk.say(request);
    expect(askSsn.output.prompt).toBe('verify.taxId');
    const bank = await talk.say(JORDAN_SSN);
    expect(bank.output.prompt).toBe('bank.funding');
    const readBack = await talk.click('onfile');
    expect(readBack.output.prompt).toBe('pay.confirm');
    expect(readBack.text).toMatch(amount);
    expect(readBack.text).toContain('Civic');
  });

  it.each([
    ['en', 'I want to pay my Jeep', 'Jeep'],
    ['es', 'quiero hacer un pago de la Jeep', 'Jeep'],
  ] as const)('(%s) a request naming one vehicle by make or model does not ask which vehicle', async (locale, request, vehicle) => {
    const talk = new Talk(world, 'chat', locale);
    await talk.start();
    await talk.say(request);
    await talk.say(JORDAN_VIN);
    const next = await talk.say(JORDAN_SSN);
    expect(next.output.prompt).not.toBe('choose_account.pick');
    expect(next.text).toContain(vehicle);
  });
});

describe('a correction while the bank is being asked', () => {
  it.each([
    ['en', 'no wait, make it $150', /\$150\.00/],
    ['es', 'mejor que sea 150 dólares', /150\.00/],
  ] as const)('(%s) "%s" at the routing number changes the amount and asks how to pay again', async (locale, answer, amount) => {
    const talk = await atVehicleQuestion(locale, locale === 'en' ? 'make a payment' : 'hacer un pago');
    await talk.click(civic);
    await talk.click('due');
    await talk.click('today');
    const routing = await talk.click('new');
    expect(routing.output.prompt).toBe('bank.routing');
    const again = await talk.say(answer);
    // The half-given bank account is dropped and the question of how to pay comes again.
    expect(again.output.prompt).toBe('bank.funding');
    const readBack = await talk.click('onfile');
    expect(readBack.output.prompt).toBe('pay.confirm');
    expect(readBack.text).toMatch(amount);
  });

  it('a refused amount at the bank question is explained and the bank question asked again, nothing changed', async () => {
    const talk = await atVehicleQuestion('en', 'make a payment');
    await talk.click(civic);
    await talk.click('due');
    await talk.click('today');
    const refused = await talk.say('actually make it $90,000');
    expect(refused.output.prompt).toBe('bank.funding');
    const readBack = await talk.click('onfile');
    expect(readBack.text).toMatch(/\$412\.36/);
  });
});

describe('goodbye in the middle of a payment asks first', () => {
  it.each([
    ['en', 'bye', 'no', 'yes'],
    ['es', 'adiós', 'no', 'sí'],
  ] as const)('(%s) "%s" asks; no resumes the payment; asked again, yes ends the chat without paying', async (locale, bye, no, yes) => {
    const talk = await atVehicleQuestion(locale, locale === 'en' ? 'make a payment' : 'hacer un pago');
    await talk.click(civic);
    await talk.click('due');
    const asked = await talk.say(bye);
    expect(asked.output.prompt).toBe('leave.confirm');
    expect(asked.output.end).toBe(false);
    const resumed = await talk.say(no);
    expect(resumed.output.prompt).toBe('pay.dateChoice');
    await talk.say(bye);
    const ended = await talk.say(yes);
    expect(ended.output.end).toBe(true);
    expect(await world.repos.payments.history(civic, 10)).toHaveLength(6);
  });
});

describe('an SSN typo asks for the SSN again, not the VIN', () => {
  it.each([
    ['en', /Social Security number or Tax ID once more/],
    ['es', /una vez más con el número de Seguro Social/],
  ] as const)('(%s) the retyped SSN verifies', async (locale, retry) => {
    const talk = new Talk(world, 'chat', locale);
    await talk.start();
    await talk.say(locale === 'en' ? 'what is my balance' : 'cuánto debo');
    await talk.say(JORDAN_VIN);
    const miss = await talk.say('401227789');
    expect(miss.text).toMatch(retry);
    expect(miss.output.prompt).toBe('verify.taxId');
    const ok = await talk.say(JORDAN_SSN);
    expect(ok.output.prompt).toBe('choose_account.pick');
  });
});

describe('speech the recognizer was unsure of is read back first (phone)', () => {
  async function callAtVehicleQuestion(locale: 'en' | 'es'): Promise<Talk> {
    const talk = new Talk(world, 'voice', null, '+15555550199');
    await talk.start();
    await talk.press(locale === 'en' ? '1' : '2');
    await talk.press('2');
    await talk.press('4100020001');
    const pick = await talk.press(JORDAN_SSN);
    expect(pick.output.prompt).toBe('choose_account.pick');
    return talk;
  }

  it.each([
    ['en', 'the Jeep', /I heard: the Jeep\. Is that right\?/, 'yes', 'no'],
    ['es', 'la Jeep', /Entendí: la Jeep\. ¿Es correcto\?/, 'sí', 'no'],
  ] as const)('(%s) at 0.2 confidence "%s" is confirmed; yes acts on it, no asks the question again', async (locale, words, heard, yes, no) => {
    const talk = await callAtVehicleQuestion(locale);
    const check = await talk.send({ kind: 'speech', text: words, confidence: 0.2 });
    expect(check.text).toMatch(heard);
    expect(check.output.prompt).toBe('heard.confirm');
    const refused = await talk.send({ kind: 'speech', text: no, confidence: 0.9 });
    expect(refused.output.prompt).toBe('choose_account.pick');
    await talk.send({ kind: 'speech', text: words, confidence: 0.2 });
    const acted = await talk.send({ kind: 'speech', text: yes, confidence: 0.9 });
    expect(acted.text).toContain('Jeep');
    expect(acted.output.prompt).not.toBe('choose_account.pick');
  });

  it('an unsure answer to a sensitive question is never read back', async () => {
    const talk = new Talk(world, 'voice', null, '+15555550199');
    await talk.start();
    await talk.press('1');
    await talk.press('2');
    await talk.press('4100020001');
    const reply = await talk.send({ kind: 'speech', text: 'four oh one two two seven seven eight eight', confidence: 0.2 });
    expect(reply.output.prompt).not.toBe('heard.confirm');
    expect(reply.text).not.toMatch(/four oh one|401/);
  });
});

describe('emailed title updates ask for the address and confirm it', () => {
  async function priyaAtOffer(locale: 'en' | 'es'): Promise<Talk> {
    const talk = new Talk(world, 'chat', locale);
    await talk.start();
    await talk.say(locale === 'en' ? 'where is my title' : 'dónde está mi título');
    await talk.say('4100020003');
    const offer = await talk.say('612093345');
    expect(offer.output.prompt).toBe('title_email.offer');
    return talk;
  }
  const priya = async () => (await world.repos.customers.byId('cus_priya_shah'))!;
  const titleOf = async () => (await world.repos.titles.forAccount('acc_4100020003'))!;

  it.each([
    ['en', /Should we send them to p•••h@example\.com\?/],
    ['es', /¿Se las enviamos a p•••h@example\.com\?/],
  ] as const)('(%s) yes reads back the address on file, masked, and only a second yes turns updates on', async (locale, readBack) => {
    const talk = await priyaAtOffer(locale);
    const asked = await talk.click('yes');
    expect(asked.text).toMatch(readBack);
    expect((await titleOf()).emailUpdates).toBe(false);
    await talk.click('yes');
    expect((await titleOf()).emailUpdates).toBe(true);
    expect((await priya()).email).toBe('priya.shah@example.com');
  });

  it.each([
    ['en', /doesn't look like an email address/, /Send updates on your title to priya@example\.org\?/],
    ['es', /no parece un correo electrónico/, /¿Le enviamos las novedades de su título a priya@example\.org\?/],
  ] as const)('(%s) another address is typed, checked, read back and kept once confirmed', async (locale, invalid, confirmNew) => {
    const talk = await priyaAtOffer(locale);
    await talk.click('yes');
    const ask = await talk.click('no');
    expect(ask.output.prompt).toBe('title_email.newAddress');
    const bad = await talk.say('priya@example');
    expect(bad.text).toMatch(invalid);
    expect(bad.output.prompt).toBe('title_email.newAddress');
    const check = await talk.say('priya@example.org');
    expect(check.text).toMatch(confirmNew);
    expect((await priya()).email).toBe('priya.shah@example.com');
    await talk.click('yes');
    expect((await priya()).email).toBe('priya@example.org');
    expect((await titleOf()).emailUpdates).toBe(true);
  });

  it('on the phone the address is never read out and another cannot be keyed in: the caller is told where to change it', async () => {
    const talk = new Talk(world, 'voice', null, '+13125550143');
    await talk.start();
    await talk.press('5');
    await talk.press('4100020003');
    await talk.press('612093345');
    const asked = await talk.press('1');
    expect(asked.text).toMatch(/email address we have on file/);
    expect(asked.text).not.toContain('@');
    const elsewhere = await talk.press('2');
    expect(elsewhere.text).toMatch(/chat with us on the website/);
    expect((await titleOf()).emailUpdates).toBe(false);
  });
});

describe('answers given ahead of their question are kept for it', () => {
  it.each([
    ['en', 'make a payment', 'two twenty five', /Got it, I'll keep that\./],
    ['es', 'quiero hacer un pago', 'doscientos veinticinco', /Entendido, lo tomo en cuenta\./],
  ] as const)('(%s) an amount at the vehicle question is kept, and the payment asks only when', async (locale, request, amount, kept) => {
    const talk = await atVehicleQuestion(locale, request);
    const again = await talk.say(amount);
    expect(again.text).toMatch(kept);
    expect(again.output.prompt).toBe('choose_account.pick');
    const when = await talk.click(civic);
    expect(when.output.prompt).toBe('pay.dateChoice');
  });

  it.each([
    ['en', 'change my autopay day to the 5th', /isn't on for your 2021 Honda Civic yet, so let's set it up/],
    ['es', 'cambiar el día de mi pago automático al 5', /todavía no está activo para su 2021 Honda Civic, así que vamos a activarlo/],
  ] as const)('(%s) moving an Auto Pay that is not on sets it up, on the day the request gave', async (locale, request, setUp) => {
    const talk = await atVehicleQuestion(locale, request);
    const next = await talk.click(civic);
    expect(next.text).toMatch(setUp);
    expect(next.output.prompt).toBe('bank.funding');
    await talk.click('onfile');
    await talk.click('yes');
    expect(await world.repos.autopay.forAccount(civic)).toMatchObject({ dayOfMonth: 5 });
  });

  it.each([
    ['en', 'the 20th'],
    ['en', 'the twenty eighth'],
    ['es', 'el veinte'],
  ] as const)('(%s) "%s" at the new Auto Pay day is that day of the month', async (locale, day) => {
    const talk = new Talk(world, 'chat', locale);
    await talk.start();
    await talk.say(locale === 'en' ? 'I need to move my auto pay date' : 'quiero cambiar la fecha del pago automático');
    await talk.say('4100020004');
    const ask = await talk.say('561234567');
    expect(ask.output.prompt).toBe('autopay_change_day.day');
    const confirm = await talk.say(day);
    expect(confirm.output.prompt).toBe('autopay_change_day.confirm');
    expect(confirm.text).toMatch(day === 'the twenty eighth' ? /day 28\b/ : /(day|día) 20\b/);
  });
});
