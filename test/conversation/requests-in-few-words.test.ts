import { engineWorld, converse, Talk, accountId, type EngineWorld, type Reply } from '../support/engine-harness';
import { JORDAN_SSN, CIVIC, JEEP, MARIA_SSN, F150, BLUE_RIDGE_EIN, TACOMA_VIN } from '../support/demo-customers';

/**
 * What customers say in few words, or with more than the answer in it: a sum
 * or a vehicle said on its own, paying extra asked for (not asked about),
 * "but not all of it", a new amount with its reason, a goodbye said halfway
 * and taken back, a day of the month inside a longer answer, and a payment
 * from another bank account asked for in the request. Through the engine,
 * with no channel involved.
 */

let world: EngineWorld;
beforeEach(async () => {
  world = await engineWorld();
});

function talk(channel: 'chat' | 'voice', locale: 'en' | 'es', ...lines: string[]): Promise<{ talk: Talk; reply: Reply }> {
  return converse(world, channel, locale, ...lines);
}

async function paymentsOn(accountNumber: string) {
  return world.repos.payments.history(await accountId(world, accountNumber), 50);
}

describe('a sum said on its own is a payment of it', () => {
  it('(en chat) "just 356.90 then" after verifying starts a payment of $356.90; the vehicle is asked, then the day', async () => {
    const { talk: t, reply } = await talk('chat', 'en', 'hi', JORDAN_SSN, JEEP, 'oh wow ok. just 356.90 then');
    expect(reply.output.prompt).toBe('choose_account.pick');
    const when = await t.say('the jeep');
    expect(when.output.prompt).toBe('pay.dateChoice');
    await t.say('today');
    const readBack = await t.say('the one on file');
    expect(readBack.text).toMatch(/pay \$356\.90 toward your 2019 Jeep Grand Cherokee/);
  });

  it('(es chat) "300" after verifying starts a payment of $300 on María\'s only vehicle', async () => {
    const { reply } = await talk('chat', 'es', 'hola', MARIA_SSN, F150, '300');
    expect(reply.output.prompt).toBe('pay.dateChoice');
    expect(reply.text).toMatch(/Ford F-150/);
  });

  it('(en chat) a bare number of four digits ("4321") is not taken for a sum to pay', async () => {
    const { reply } = await talk('chat', 'en', 'hi', JORDAN_SSN, CIVIC, '4321');
    expect(reply.output.prompt ?? '').not.toMatch(/^pay\./);
  });
});

describe('a vehicle named on its own', () => {
  it('(en chat) "jeep" is the vehicle the next request is about, never a guess at a topic', async () => {
    const { talk: t, reply } = await talk('chat', 'en', 'hi', JORDAN_SSN, CIVIC, 'jeep');
    expect(reply.text).toMatch(/Got it: your 2019 Jeep Grand Cherokee \(account ending 0005\)\. What would you like to do\?/);
    expect(reply.text).not.toMatch(/repossession|Just to be sure/);
    const pay = await t.say('make a payment');
    expect(pay.output.prompt).toBe('pay.amountChoice');
    expect(pay.text).toMatch(/Jeep Grand Cherokee has \$356\.90 due/);
  });

  it('(es chat) "el que termina en 0001" picks the Civic', async () => {
    const { reply } = await talk('chat', 'es', 'hola', JORDAN_SSN, JEEP, 'el que termina en 0001');
    expect(reply.text).toMatch(/Entendido: su 2021 Honda Civic \(cuenta que termina en 0001\)/);
  });
});

describe('paying extra, asked for rather than asked about', () => {
  it.each([
    ['en', 'I want to pay extra on my car, like a lot', /making a payment/],
    ['es', 'quiero pagar de más este mes', /su pago/],
  ] as const)('(%s chat) "%s" starts a payment', async (locale, words, topic) => {
    const { talk: t, reply } = await talk('chat', locale, words);
    expect(reply.text).toMatch(topic);
    expect(reply.output.prompt).toBe('verify.reference');
    await t.say(JORDAN_SSN);
    const next = await t.say(CIVIC);
    expect(next.output.prompt).toBe('choose_account.pick');
  });
});

describe('"but not all of it"', () => {
  it.each([
    ['es', 'este... quiero abonarle a la troca pero no todo'],
    ['en', 'I want to pay on my truck but not the full amount'],
  ] as const)('(%s chat) "%s" is a payment whose amount is still asked, never the whole amount due', async (locale, words) => {
    const { talk: t } = await talk('chat', locale, words);
    await t.say(MARIA_SSN);
    const amount = await t.say(F150);
    expect(amount.output.prompt).toBe('pay.amountChoice');
  });
});

describe('a new amount with its reason', () => {
  it('(es chat) "no espera, mejor 150, que no me alcanza" at the date question changes the amount; no person is offered', async () => {
    const { talk: t, reply } = await talk('chat', 'es', 'quiero pagar 300', MARIA_SSN, F150);
    expect(reply.output.prompt).toBe('pay.dateChoice');
    const changed = await t.say('no espera, mejor 150, que no me alcanza');
    expect(changed.text).not.toMatch(/representante/);
    expect(changed.output.prompt).toBe('pay.dateChoice');
    await t.say('pasado mañana');
    await t.say('021000021');
    await t.say('7730045812');
    const readBack = await t.say('sí');
    expect(readBack.text).toMatch(/\$150\.00/);
  });

  it('(en chat) "actually make it 150 because money is tight" at the date question changes the amount', async () => {
    const { talk: t } = await talk('chat', 'en', 'I want to pay 300 on the civic', JORDAN_SSN, CIVIC);
    await t.say('actually make it 150 because money is tight');
    await t.say('tomorrow');
    const readBack = await t.say('the one on file');
    expect(readBack.text).toMatch(/pay \$150\.00 toward your 2021 Honda Civic/);
  });
});

describe('a goodbye said halfway, then taken back', () => {
  it('(es voice) "ay sabe qué mejor ahí lo dejamos adiós" asks first; "no no espérese sigamos con el pago" goes on', async () => {
    const t = new Talk(world, 'voice', 'es', '+13055550122');
    await t.start();
    await t.say('quiero pagar la troca');
    await t.press(`${MARIA_SSN}#`);
    await t.press(`${F150}#`);
    await t.say('trescientos');
    const asked = await t.say('ay sabe qué mejor ahí lo dejamos adiós');
    expect(asked.output.prompt).toBe('leave.confirm');
    const back = await t.say('no no espérese sigamos con el pago');
    expect(back.output.prompt).toBe('pay.dateChoice');
    expect(back.output.end).toBe(false);
  });

  it('(en chat) "never mind, bye" halfway asks first', async () => {
    const { reply } = await talk('chat', 'en', 'I want to pay 300 on the civic', JORDAN_SSN, CIVIC, 'never mind, bye');
    expect(reply.output.prompt).toBe('leave.confirm');
  });
});

describe('a day of the month inside a longer answer', () => {
  it('(en chat) Auto Pay: the 30th is refused, "fine, the 28th then" is taken', async () => {
    const { talk: t } = await talk('chat', 'en', 'can you set me up on autopay so i stop forgetting lol', JORDAN_SSN, JEEP, 'jeep');
    const refused = await t.say('the 30th, thats when i get paid');
    expect(refused.text).toMatch(/from 1 to 28/);
    const next = await t.say('fine, the 28th then');
    expect(next.text).not.toMatch(/didn't understand/);
    expect(next.output.prompt).not.toBe('autopay.day');
  });

  it('(es chat) the Auto Pay day changed to "el primero de cada mes" is day 1', async () => {
    const { reply } = await talk('chat', 'es', 'quiero cambiar el dia del autopay', BLUE_RIDGE_EIN, TACOMA_VIN, 'el primero de cada mes');
    expect(reply.text).toMatch(/\b1\b/);
    expect(reply.text).not.toMatch(/no entendí/);
    expect(reply.output.expect.kind).toBe('yes-no');
  });
});

describe('another bank account asked for in the request', () => {
  it.each([
    ['en', 'hey can i pay from a different bank account this time? not the one you have', /routing number/],
    ['es', 'quiero pagar desde otra cuenta de banco, no la que tienen', /número de ruta/],
  ] as const)('(%s chat) "%s" is a payment from a new account, not bank bill pay', async (locale, words, routing) => {
    const { talk: t, reply } = await talk('chat', locale, words);
    expect(reply.text).not.toMatch(/payee|beneficiario/);
    await t.say(JORDAN_SSN);
    await t.say(CIVIC);
    await t.say(locale === 'en' ? 'the civic' : 'el civic');
    await t.say('$150');
    const bank = await t.say(locale === 'en' ? 'tomorrow' : 'mañana');
    expect(bank.text).toMatch(routing);
  });
});

describe('a payment made from the words above', () => {
  it('(en chat) "just 356.90 then" ends in one payment of $356.90 on the Jeep', async () => {
    const { talk: t } = await talk('chat', 'en', 'hi', JORDAN_SSN, JEEP, 'just 356.90 then', 'the jeep', 'today', 'the one on file');
    await t.say('yes');
    const made = (await paymentsOn(JEEP)).filter((p) => p.idempotencyKey.startsWith(`pay:${t.sessionId}:`));
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ amountCents: 35_690 });
  });
});

describe('the vehicle named in the request by its year or last four', () => {
  it.each([
    ['en', 'hey i need to make a payment on the one ending 0005', CIVIC, /Jeep Grand Cherokee has \$356\.90 due/],
    ['en', 'I need to pay on my 2021', JEEP, /Honda Civic has \$412\.36 due/],
    ['es', 'quiero pagar la que termina en 0001', JEEP, /Honda Civic tiene un monto adeudado de \$412\.36/],
  ] as const)('(%s chat) "%s" is not asked which vehicle, whatever reference verified it', async (locale, words, reference, due) => {
    const { reply } = await talk('chat', locale, words, reference, JORDAN_SSN);
    expect(reply.output.prompt).toBe('pay.amountChoice');
    expect(reply.text).toMatch(due);
  });
});

describe('the Auto Pay day changed at its read-back, with the reason', () => {
  it('(es chat) "no, perdón, mejor el veinte que es cuando entra el dinero" reads day 20 back, and a yes keeps it', async () => {
    const { talk: t, reply } = await talk('chat', 'es', 'hola, quisiera cambiar la fecha del pago automatico de la camioneta', TACOMA_VIN, BLUE_RIDGE_EIN, 'el diez');
    expect(reply.text).toMatch(/día 10/);
    const again = await t.say('no, perdon, mejor el veinte que es cuando entra el dinero de los clientes');
    expect(again.text).toMatch(/día 20/);
    await t.say('si');
    const enrolment = await world.repos.autopay.forAccount(await accountId(world, '4100020004'));
    expect(enrolment?.dayOfMonth).toBe(20);
  });
});

describe('a call answered in the language kept for the number, and a first request in the other one', () => {
  it('(voice) Blue Ridge, kept in English, asks in Spanish: the call goes on in Spanish', async () => {
    const t = new Talk(world, 'voice', null, '+18285550164');
    const hello = await t.start();
    expect(hello.output.locale).toBe('en');
    const asked = await t.say('sí buenas quiero cancelar el pago automático de la tacoma');
    expect(asked.output.locale).toBe('es');
    expect(asked.text).toMatch(/verificar su identidad/);
  });

  it('(voice) María, kept in Spanish, asks in English: the call goes on in English', async () => {
    const t = new Talk(world, 'voice', null, '+13055550122');
    await t.start();
    const asked = await t.say('hi I want to make a payment on my truck');
    expect(asked.output.locale).toBe('en');
    expect(asked.text).toMatch(/^Okay, let's continue in English\./);
  });

  it('(voice) a language chosen in the call is kept: a later sentence in the other language does not switch it', async () => {
    const t = new Talk(world, 'voice', null, '+18285550164');
    await t.start();
    await t.say('I want to cancel autopay');
    const later = await t.say('sí cancélelo por favor');
    expect(later.output.locale).toBe('en');
  });
});

describe('when text reminders come, asked in Spanish', () => {
  it('(es voice) "cuándo me mandan el recordatorio del pago por mensaje de texto" is answered: seven days before', async () => {
    const t = new Talk(world, 'voice', null, '+15555550000');
    await t.start();
    await t.say('español');
    const answer = await t.say('cuándo me mandan el recordatorio del pago por mensaje de texto');
    expect(answer.text).toMatch(/siete días antes/);
  });
});
