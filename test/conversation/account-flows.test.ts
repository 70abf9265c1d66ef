import { engineWorld, Talk, accountId, type EngineWorld } from '../support/engine-harness';

let world: EngineWorld;
beforeEach(async () => {
  world = await engineWorld();
});

/** Starts a chat, asks for something that needs identity, and verifies with an account number and tax id. */
async function verified(locale: 'en' | 'es', request: string, accountNumber: string, taxId: string): Promise<{ talk: Talk; reply: Awaited<ReturnType<Talk['say']>> }> {
  const talk = new Talk(world, 'chat', locale);
  await talk.start();
  await talk.say(request);
  await talk.say(accountNumber);
  const reply = await talk.say(taxId);
  return { talk, reply };
}

describe('amount due', () => {
  it('María hears her amount due including what is past due', async () => {
    const { reply } = await verified('en', 'how much do I owe?', '4100020002', '533182046');
    expect(reply.text).toMatch(/\$1,178\.20 due/);
    expect(reply.text).toMatch(/\$589\.10 that is past due/);
  });
  it('María, en español, oye su saldo vencido', async () => {
    const { reply } = await verified('es', '¿cuánto debo?', '4100020002', '533182046');
    expect(reply.output.locale).toBe('es');
    expect(reply.text).toMatch(/\$1,178\.20/);
    expect(reply.text).toMatch(/\$589\.10/);
  });
});

describe('payment history', () => {
  it('Jordan sees his most recent payments', async () => {
    const { talk, reply } = await verified('en', 'show my payment history', '4100020001', '401227788');
    const answer = reply.choices.length && reply.output.expect.kind === 'choice' && reply.text.match(/Which vehicle/) ? await talk.click(reply.choices[0]!) : reply;
    expect(answer.text).toMatch(/most recent payments/);
    expect(answer.text).toMatch(/posted/);
  });
  it('en español, Jordan ve sus pagos recientes', async () => {
    const { talk, reply } = await verified('es', 'mis pagos anteriores', '4100020001', '401227788');
    const answer = reply.text.match(/vehículo/) ? await talk.click(reply.choices[0]!) : reply;
    expect(answer.output.locale).toBe('es');
    expect(answer.text).toMatch(/\$/);
  });
});

describe('Auto Pay', () => {
  it('Jordan enrolls his Jeep in Auto Pay on day 5 from the bank on file', async () => {
    const { talk, reply } = await verified('en', 'sign me up for autopay', '4100020005', '401227788');
    const jeep = await accountId(world, '4100020005');
    const askDay = reply.text.match(/Which vehicle/) ? await talk.click(jeep) : reply;
    expect(askDay.text).toMatch(/day of the month/);
    const bad = await talk.say('31');
    expect(bad.text).toMatch(/from 1 to 28/);
    await talk.say('5');
    const confirm = await talk.click('onfile');
    expect(confirm.text).toMatch(/day 5 of each month from the bank account ending 4321/);
    const done = await talk.click('yes');
    expect(done.text).toMatch(/enrolled in Auto Pay/);
    expect(await world.repos.autopay.forAccount(jeep)).toMatchObject({ active: true, dayOfMonth: 5 });
  });

  it('Blue Ridge cancels Auto Pay after confirming', async () => {
    const { talk, reply } = await verified('en', 'cancel my auto pay', '4100020004', '56-1234567');
    expect(reply.text).toMatch(/day 15/);
    const done = await talk.click('yes');
    expect(done.text).toMatch(/Auto Pay is cancelled/);
    expect((await world.repos.autopay.forAccount(await accountId(world, '4100020004')))!.active).toBe(false);
  });

  it('Blue Ridge, en español, conserva Auto Pay si dice que no', async () => {
    const { talk, reply } = await verified('es', 'cancelar el pago automático', '4100020004', '561234567');
    expect(reply.output.locale).toBe('es');
    const kept = await talk.say('no');
    expect(kept.output.locale).toBe('es');
    expect((await world.repos.autopay.forAccount(await accountId(world, '4100020004')))!.active).toBe(true);
  });
});

describe('title status', () => {
  it('Priya hears her title was mailed and opts in to email updates', async () => {
    const { talk, reply } = await verified('en', 'my car is paid off but I never got the title', '4100020003', '612093345');
    expect(reply.text).toMatch(/title was mailed/);
    expect(reply.text).toMatch(/expected by/);
    expect(reply.output.expect.kind).toBe('yes-no');
    const address = await talk.click('yes');
    expect(address.text).toMatch(/p•••h@example\.com/);
    const done = await talk.click('yes');
    expect(done.text).toMatch(/email you updates/);
    expect((await world.repos.titles.forAccount(await accountId(world, '4100020003')))!.emailUpdates).toBe(true);
  });
  it('Priya, en español, consulta su título', async () => {
    const { reply } = await verified('es', '¿dónde está mi título?', '4100020003', '612093345');
    expect(reply.output.locale).toBe('es');
    expect(reply.output.expect.kind).toBe('yes-no');
  });
  it('a customer with nothing paid off is told the title is held until payoff', async () => {
    const { reply } = await verified('en', 'where is my title', '4100020002', '533182046');
    expect(reply.text).toMatch(/held until your account is paid off/);
  });
  it('Priya cannot make a payment on a paid-off account', async () => {
    const { reply } = await verified('en', 'make a payment', '4100020003', '612093345');
    expect(reply.text).toMatch(/paid off/);
  });
});

describe('FICO® Score', () => {
  it('Jordan sees 742 with two key factors and a note that it has no impact', async () => {
    const { reply } = await verified('en', 'what is my fico score', '4100020001', '401227788');
    expect(reply.text).toMatch(/742/);
    expect(reply.text).toMatch(/Key factors/);
    expect(reply.text).toMatch(/no impact on your credit/);
  });
  it('María ve 688 en español', async () => {
    const { reply } = await verified('es', 'mi puntaje de crédito', '4100020002', '533182046');
    expect(reply.text).toMatch(/688/);
    expect(reply.output.locale).toBe('es');
  });
  it('a business account is told plainly there is no FICO® Score', async () => {
    const { reply } = await verified('en', 'show me my FICO score', '4100020004', '561234567');
    expect(reply.text).toMatch(/no FICO® Score for a business account/);
  });
});

describe('payoff and text alerts', () => {
  it('a payoff quote gives an amount and a good-through date', async () => {
    const { talk, reply } = await verified('en', 'payoff quote', '4100020002', '533182046');
    void talk;
    expect(reply.text).toMatch(/payoff amount is \$[\d,]+\.\d\d, good through \w+day, March 20/);
  });
  it('Priya turns on text alerts after hearing how pay by text works', async () => {
    const { talk } = await verified('en', 'what is my fico score', '4100020003', '612093345');
    const ask = await talk.say('can I pay by text message?');
    expect(ask.text).toMatch(/reply PAY/);
    if (ask.output.expect.kind === 'yes-no') {
      const done = await talk.click('yes');
      expect(done.text).toMatch(/Text alerts are on/);
      const priya = await world.repos.customers.byId('cus_priya_shah');
      expect(priya!.textAlerts).toBe(true);
    } else {
      expect(ask.text).toMatch(/already on/);
    }
  });
});

describe('text alerts without a mobile number', () => {
  it.each([
    ['en', 'turn on text alerts', /no mobile number on your account/],
    ['es', 'activar alertas por texto', /no tiene un número celular/],
  ])('(%s) a verified customer with no mobile on file is told how to add one, and nothing changes', async (locale, ask, reply) => {
    const priya = (await world.repos.customers.byId('cus_priya_shah'))!;
    await world.repos.insert.customer({ ...priya, mobile: null });
    const { talk } = await verified(locale as 'en' | 'es', 'what is my fico score', '4100020003', '612093345');
    const answer = await talk.say(ask);
    expect(answer.text).toMatch(reply);
    expect(answer.output.expect.kind).not.toBe('yes-no');
    expect((await world.repos.customers.byId('cus_priya_shah'))!.textAlerts).toBe(false);
  });
});

describe('people, goodbyes and the unknown', () => {
  it.each([
    ['en', 'I want to talk to a real person', /customer service representative/],
    ['es', 'quiero hablar con un agente', /representante/],
  ])('(%s) asking for a person hands off with a summary', async (locale, text, reply) => {
    const talk = new Talk(world, 'chat', locale as 'en' | 'es');
    await talk.start();
    const r = await talk.say(text);
    expect(r.text).toMatch(reply);
    expect(r.output.handoff?.summary).toMatch(/verified=no/);
  });

  it.each([
    ['en', 'goodbye', /Goodbye/],
    ['es', 'adiós', /Gracias/],
  ])('(%s) goodbye ends the conversation', async (locale, text, reply) => {
    const talk = new Talk(world, 'chat', locale as 'en' | 'es');
    await talk.start();
    const r = await talk.say(text);
    expect(r.text).toMatch(reply);
    expect(r.output.end).toBe(true);
  });

  it.each([
    ['en', "what's the weather tomorrow in Paris?"],
    ['es', '¿cuál es la receta de la paella?'],
  ])('(%s) an out-of-scope question gets a polite scope answer', async (locale, text) => {
    const talk = new Talk(world, 'chat', locale as 'en' | 'es');
    await talk.start();
    const r = await talk.say(text);
    expect(r.output.intent).toBe('none');
    expect(r.output.expect.kind).toBe('choice');
  });
});
