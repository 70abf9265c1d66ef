import { engineWorld, Talk, accountId, talkThrough, type EngineWorld, type Reply } from '../support/engine-harness';

/**
 * Customers answer the questions they expect, not always the one on screen:
 * an amount, a day, the vehicle or the bank said again where another question
 * is asked is acknowledged and that question asked again; a new amount or day
 * said there changes it; the bank on file named while a new account's numbers
 * are asked is taken after all (or, with none on file, said so). Also: a
 * vehicle ruled out by name, a language asked for inside a sentence, the same
 * request said again, the Auto Pay day named at its read-back, an email
 * address typed at the title-updates offer, and a goodbye torn between
 * stopping and leaving. Through the engine, with no channel involved.
 */

let world: EngineWorld;
beforeEach(async () => {
  world = await engineWorld();
});

const CIVIC = '4100020001';
const JORDAN_SSN = '401227788';

/** A chat in `locale`, started and fed `lines` in turn: the talk, and the reply to the last line. */
function chat(locale: 'en' | 'es', ...lines: string[]): Promise<{ talk: Talk; reply: Reply }> {
  return talkThrough(world, new Talk(world, 'chat', locale), ...lines);
}

async function paymentsOn(accountNumber: string): Promise<Array<{ amountCents: number; scheduledFor: string; bankAccountLast4: string | null }>> {
  return (await world.repos.payments.history(await accountId(world, accountNumber), 50)) as never;
}

describe('an answer said again where another question is asked', () => {
  it('(en chat) the vehicle, the amount and the day at the routing question are acknowledged; the bank on file, named after all, is used', async () => {
    const { talk, reply: routing } = await chat('en', 'I want to pay $100 on my civic tomorrow but from a different bank account than the one you have', JORDAN_SSN, CIVIC);
    expect(routing.output.prompt).toBe('bank.routing');
    for (const again of ['civic', '$100', 'tomorrow', 'a new bank account']) {
      const reply = await talk.say(again);
      expect(reply.text).toMatch(/I have that already|routing number/);
      expect(reply.output.prompt).toBe('bank.routing');
      expect(reply.text).not.toMatch(/didn't understand/);
    }
    const account = await talk.say('routing is 021000021');
    expect(account.output.prompt).toBe('bank.bankAccount');
    const readBack = await talk.say('hmm, ok just use the one on file then, ending 4321');
    expect(readBack.output.prompt).toBe('pay.confirm');
    expect(readBack.text).toMatch(/\$100\.00/);
    expect(readBack.text).toMatch(/ending 4321/);
    const before = (await paymentsOn(CIVIC)).length;
    const done = await talk.say('yes go ahead');
    expect(done.text).toMatch(/confirmation/i);
    const made = (await paymentsOn(CIVIC)).slice(0, (await paymentsOn(CIVIC)).length - before);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ amountCents: 10_000, bankAccountLast4: '4321' });
  });

  it('(es chat) el vehículo, la cantidad (un número solo, igual a la dada) y el día en la pregunta de ruta se reconocen y la pregunta se repite', async () => {
    const { talk, reply: routing } = await chat('es', 'quiero pagar 120 dolares del Civic hoy pero con otra cuenta de banco, no la de siempre', '401-22-7788', CIVIC);
    expect(routing.output.prompt).toBe('bank.routing');
    for (const again of ['el Civic', '120', 'hoy']) {
      const reply = await talk.say(again);
      expect(reply.text).toContain('Eso ya lo tengo.');
      expect(reply.output.prompt).toBe('bank.routing');
    }
    const account = await talk.say('021000021');
    expect(account.output.prompt).toBe('bank.bankAccount');
  });

  it('(en chat) a new amount at the bank question changes it, and the bank is asked again', async () => {
    const { talk, reply: bank } = await chat('en', 'pay $100 on the civic tomorrow', JORDAN_SSN, CIVIC);
    expect(bank.output.prompt).toBe('bank.funding');
    const again = await talk.say('$150 dollars');
    expect(again.output.prompt).toBe('bank.funding');
    const readBack = await talk.say('the bank on file');
    expect(readBack.output.prompt).toBe('pay.confirm');
    expect(readBack.text).toMatch(/\$150\.00/);
  });

  it('(es chat) una cantidad nueva en la pregunta del banco la cambia', async () => {
    const { reply: readBack } = await chat('es', 'quiero pagar 100 dolares del civic mañana', JORDAN_SSN, CIVIC, 'ciento cincuenta dolares', 'la cuenta registrada');
    expect(readBack.output.prompt).toBe('pay.confirm');
    expect(readBack.text).toMatch(/\$150\.00/);
  });

  it.each([
    ['en', 'pay $100 on the civic tomorrow from a new account', '100'],
    ['es', 'pagar 100 dolares del civic mañana con otra cuenta', '100'],
  ] as const)('(%s chat) a bare number at the bank account number question is never read as an amount', async (locale, request, bare) => {
    const { talk, reply: account } = await chat(locale, request, JORDAN_SSN, CIVIC, '021000021');
    expect(account.output.prompt).toBe('bank.bankAccount');
    const reply = await talk.say(bare);
    expect(reply.text).not.toMatch(/I have that already|Eso ya lo tengo/);
    expect(reply.output.prompt).toBe('bank.bankAccount');
  });

  it.each([
    ['en', 'I need to pay my truck', 'the bank on file', "There's no bank account on file"],
    ['es', 'quiero pagar la troca', 'la cuenta registrada', 'No hay una cuenta bancaria registrada'],
  ] as const)('(%s chat) with no bank on file, naming it says there is none and asks for the routing number again', async (locale, request, onFile, none) => {
    const { talk, reply: routing } = await chat(locale, request, '533182046', '4100020002', '200', 'today');
    expect(routing.output.prompt).toBe('bank.routing');
    const reply = await talk.say(onFile);
    expect(reply.text).toContain(none);
    expect(reply.output.prompt).toBe('bank.routing');
  });
});

describe('a day or a bank given before its question', () => {
  it('(en chat) "tomorrow" at the amount question is kept, and the amount then goes straight to the bank', async () => {
    const { talk, reply: amount } = await chat('en', 'pay the civic', JORDAN_SSN, CIVIC);
    expect(amount.output.prompt).toMatch(/^pay\.amount/);
    const kept = await talk.say('tomorrow');
    expect(kept.text).toContain("Got it, I'll keep that.");
    expect(kept.output.prompt).toBe(amount.output.prompt);
    const bank = await talk.say('$50');
    expect(bank.output.prompt).toBe('bank.funding');
  });

  it('(es chat) "de la cuenta registrada" en la pregunta de la cantidad se guarda, y tras la cantidad y el día se lee todo', async () => {
    const { talk, reply: kept } = await chat('es', 'quiero pagar el civic', JORDAN_SSN, CIVIC, 'de la cuenta registrada');
    expect(kept.text).toContain('Entendido, lo tomo en cuenta.');
    const date = await talk.say('100');
    expect(date.output.prompt).toBe('pay.dateChoice');
    const readBack = await talk.say('hoy');
    expect(readBack.output.prompt).toBe('pay.confirm');
    expect(readBack.text).toMatch(/4321/);
  });

  it.each([
    ['en', 'pay the civic', "honestly I lost my job and can't pay anything right now", "Got it, I'll keep that."],
    ['es', 'quiero pagar el civic', 'la verdad me quede sin trabajo y no puedo pagar nada ahorita', 'Entendido, lo tomo en cuenta.'],
  ] as const)('(%s chat) a hardship with a time word in it is never kept as a day: a person is offered', async (locale, request, hardship, kept) => {
    const { reply: reply } = await chat(locale, request, JORDAN_SSN, CIVIC, hardship);
    expect(reply.text).not.toContain(kept);
    expect(reply.text).toContain('1-888-925-2559');
  });

  it('(en chat) a day in the past said before its question is refused at once', async () => {
    const { talk, reply: amount } = await chat('en', 'pay the civic', JORDAN_SSN, CIVIC);
    const refused = await talk.say('yesterday');
    expect(refused.text).toMatch(/in the past|past date/i);
    expect(refused.output.prompt).toBe(amount.output.prompt);
  });
});

describe('a vehicle ruled out by name', () => {
  it.each([
    ['en', 'the jeep, not the honda'],
    ['en', 'not the civic, the jeep'],
    ['es', 'la Jeep, no el Honda'],
  ] as const)('(%s) "%s" picks the Jeep', async (locale, answer) => {
    const { talk, reply: pick } = await chat(locale, locale === 'es' ? 'quiero hacer un pago' : 'make a payment', JORDAN_SSN, '2HGFE2F5XMH512345');
    expect(pick.output.prompt).toBe('choose_account.pick');
    const reply = await talk.say(answer);
    expect(reply.text).toMatch(/Jeep Grand Cherokee/);
    expect(reply.output.prompt).toMatch(/^pay\./);
  });
});

describe('the amount after a refused one, with a question in front', () => {
  it.each([
    ['en', "I'll put $45,000 on it", 'oh really? ok then just 200', /\$200\.00|When/],
    ['es', 'quiero pagar 45000 dolares', 'ah, ¿en serio? bueno, entonces 200', /¿Cuándo|\$200\.00/],
  ] as const)('(%s) is read', async (locale, tooMuch, then, next) => {
    const { talk, reply: refused } = await chat(locale, locale === 'es' ? 'quiero pagar el civic' : 'pay my civic', JORDAN_SSN, CIVIC, tooMuch);
    expect(refused.text).toMatch(/payoff|liquidación/);
    const reply = await talk.say(then);
    expect(reply.text).toMatch(next);
    expect(reply.output.prompt).toMatch(/^pay\.date/);
  });
});

describe('the conversation language asked for inside a sentence', () => {
  it('stays Spanish though the chat page keeps sending English, the same request said again goes on, and the page switch still works', async () => {
    const { talk, reply: switched } = await chat('en', 'hey is there a way to see my credit score thru you guys', 'sorry, can we switch to spanish? mi ingles no es muy bueno');
    expect(switched.output.locale).toBe('es');
    expect(switched.output.prompt).toBe('verify.reference');
    const same = await talk.say('quiero ver mi puntaje FICO');
    expect(same.output.locale).toBe('es');
    expect(same.text).toContain('Claro, en eso estamos.');
    expect(same.output.prompt).toBe('verify.reference');
    await talk.say('mi seguro social es 401-22-7788');
    const score = await talk.say('numero de cuenta 4100020001');
    expect(score.output.locale).toBe('es');
    expect(score.text).toMatch(/puntaje FICO/i);
    // The page's own switch, changed, still decides.
    talk.setLocale('es');
    await talk.say('gracias');
    talk.setLocale('en');
    expect((await talk.say('thanks')).output.locale).toBe('en');
  });

  it('(es → en) "can we switch to english? my son is helping me" switches at a clarifying question', async () => {
    const { reply: reply } = await chat('es', 'bueno, ok. can we switch to english? my son is helping me');
    expect(reply.output.locale).toBe('en');
  });
});

describe('a payment scheduled for later is a payment, not a deferral', () => {
  it.each([
    ['en', 'can I schedule my jeep payment for later? like a couple months out'],
    ['es', 'quiero programar un pago para dentro de dos meses'],
  ] as const)('(%s) "%s" asks for verification', async (locale, request) => {
    const { reply: reply } = await chat(locale, request);
    expect(reply.output.prompt).toBe('verify.reference');
    expect(reply.output.handoff).toBeFalsy();
  });
});

describe('the Auto Pay day at its read-back', () => {
  it.each([
    ['en', 'We need to move our autopay on the Tacoma lease, the 15th is bad for our cash flow', 'the 18th', 'the 20th works better', 'yes, the 20th', 20],
    ['es', 'necesitamos mover el autopay del Tacoma, el 15 no nos conviene', 'el 18', 'mejor el día 20', 'sí, el 20', 20],
  ] as const)('(%s) the current day in the request is not the new one; another day at the read-back is read back again', async (locale, request, first, other, yes, day) => {
    const { talk, reply: ask } = await chat(locale, request, '56-1234567', '4100020004');
    expect(ask.output.prompt).toBe('autopay_change_day.day');
    const confirm = await talk.say(first);
    expect(confirm.output.prompt).toBe('autopay_change_day.confirm');
    const readBack = await talk.say(other);
    expect(readBack.output.prompt).toBe('autopay_change_day.confirm');
    expect(readBack.text).toContain(String(day));
    const done = await talk.say(yes);
    expect(done.output.prompt).not.toBe('autopay_change_day.confirm');
    expect((await world.repos.autopay.forAccount(await accountId(world, '4100020004')))!.dayOfMonth).toBe(day);
  });
});

describe('emailed title updates asked for in words, to an address typed in a sentence', () => {
  it.each([
    ['en', 'where is my title', 'can you email me updates on it?', 'no, send them to priya.s@example.com please', 'yes'],
    ['es', '¿dónde está mi título?', 'sí, mándemelas por correo', 'no, envíelas a priya.s@example.com por favor', 'sí'],
  ] as const)('(%s chat) the address is read back and, confirmed, becomes the one on file', async (locale, request, asks, address, yes) => {
    const { talk, reply: offer } = await chat(locale, request, '612093345', '4100020003');
    expect(offer.output.prompt).toBe('title_email.offer');
    const masked = await talk.say(asks);
    expect(masked.output.prompt).toBe('title_email.address');
    const confirmNew = await talk.say(address);
    expect(confirmNew.output.prompt).toBe('title_email.confirmNew');
    expect(confirmNew.text).toContain('priya.s@example.com');
    await talk.say(yes);
    expect((await world.repos.titles.forAccount(await accountId(world, '4100020003')))!.emailUpdates).toBe(true);
    expect((await world.repos.customers.byId('cus_priya_shah'))!.email).toBe('priya.s@example.com');
  });
});

describe('goodbye torn between stopping and leaving, in the middle of a payment', () => {
  it('(es voice) asks first, and "no, no, espere" goes back to the payment', async () => {
    const talk = new Talk(world, 'voice', null, '+13055550122');
    await talk.start();
    await talk.say('quiero hacer un pago');
    await talk.press('533182046');
    const due = await talk.press('4100020002');
    expect(due.output.prompt).toMatch(/^pay\./);
    const date = await talk.say('ciento cincuenta');
    expect(date.output.prompt).toBe('pay.dateChoice');
    const ask = await talk.say('ay, mejor no sé... adiós');
    expect(ask.output.prompt).toBe('leave.confirm');
    expect(ask.output.end).toBeFalsy();
    const back = await talk.say('no, no, espere, mejor sí lo termino');
    expect(back.output.prompt).toBe('pay.dateChoice');
  });
});

describe('the phone transfer', () => {
  it.each([
    ['en', '1 8 8 8 9 2 5 2 5 5 9'],
    ['es', '1 8 8 8 9 2 5 2 5 5 9'],
  ] as const)('(%s) says the number to call if the call drops', async (locale, number) => {
    const talk = new Talk(world, 'voice', null);
    await talk.start();
    await talk.press(locale === 'es' ? '2' : '1');
    const reply = await talk.press('0');
    expect(reply.output.handoff).toBeTruthy();
    expect(reply.text).toContain(number);
    expect(reply.output.locale).toBe(locale);
  });
});

describe('a chat request written plainly in the other language', () => {
  it.each([
    ['es', 'where do I mail my payment? what is the address', 'en', "Okay, let's continue in English."],
    ['en', '¿a qué dirección mando el cheque de mi pago?', 'es', 'De acuerdo, continuemos en español.'],
  ] as const)('(%s chat) is understood in the language it is written in, and the chat goes on in it', async (locale, text, written, changed) => {
    const { reply: reply } = await chat(locale, text);
    expect(reply.output.locale).toBe(written);
    expect(reply.text).toContain(changed);
    expect(reply.text).toContain('71119');
  });
});

describe('an SSN given where a person is offered', () => {
  it.each([
    ['en', 'my car got repossessed, what do I do', '401-22-7788', 'Thanks, I have your Social Security number'],
    ['es', 'me embargaron el carro, que hago', '401-22-7788', 'ya tengo su número de Seguro Social'],
  ] as const)('(%s chat) starts verification instead of being misunderstood', async (locale, topic, ssn, held) => {
    const { talk, reply: offer } = await chat(locale, topic);
    expect(offer.text).toContain('1-888-925-2559');
    const reply = await talk.say(ssn);
    expect(reply.text).toContain(held);
    expect(reply.output.prompt).toBe('verify.reference');
  });
});
