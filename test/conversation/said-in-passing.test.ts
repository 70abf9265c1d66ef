import { engineWorld, converse, accountId, paymentsMadeHere, Talk, type EngineWorld, type Reply } from '../support/engine-harness';
import { BLUE_RIDGE_EIN, CIVIC, F150, JEEP, JORDAN_SSN, MARIA_SSN, TACOMA } from '../support/demo-customers';

/**
 * What customers said in passing, beside or instead of the answer asked for:
 * a reason after a corrected amount, a person asked for or the payment called
 * off at a payment's question, the same question put for the other vehicle,
 * the other vehicle meant in the middle of Auto Pay, an acknowledgement, a
 * question and a task in one breath, a card ruled out, a yes in the other
 * language, and questions answered by their words alone. Through the engine,
 * with no channel involved, in both languages.
 */

let world: EngineWorld;
beforeEach(async () => {
  world = await engineWorld();
});

function talk(channel: 'chat' | 'voice', locale: 'en' | 'es', ...lines: string[]): Promise<{ talk: Talk; reply: Reply }> {
  return converse(world, channel, locale, ...lines);
}

const keys = (reply: Reply) => reply.output.messages.map((m) => m.key);

describe('a corrected amount with its reason after it', () => {
  it.each([
    ['en', 'pay my civic', 'two fifty', 'tomorrow', 'actually make it 200, i need gas money this week'],
    ['es', 'quiero pagar el civic', 'doscientos cincuenta', 'mañana', 'ponle 200, ando corto esta semana'],
  ] as const)('(%s chat) "%s" … "%s" changes the amount to $200', async (locale, request, amount, day, corrected) => {
    const { talk: chat, reply } = await talk('chat', locale, request, CIVIC, JORDAN_SSN, amount, day, corrected);
    expect(keys(reply)).toContain('account.amountChanged');
    expect(reply.text).toMatch(/\$200\.00/);
    const readBack = await chat.say(locale === 'es' ? 'la registrada' : 'the one on file');
    expect(readBack.output.prompt).toBe('pay.confirm');
    expect(readBack.text).toMatch(/\$200\.00/);
  });
});

describe('a person asked for, or the payment called off, at a payment question', () => {
  it.each([
    ['en', 'pay my civic', 'actually hold on my paycheck was short this month, can i talk to a real person about moving my due date'],
    ['es', 'quiero pagar el civic', 'espere, puedo hablar con una persona? me pagaron menos este mes'],
  ] as const)('(%s chat) "%s" is not kept as an answer: a person is offered or given', async (locale, request, words) => {
    const { reply } = await talk('chat', locale, request, CIVIC, JORDAN_SSN, words);
    expect(keys(reply)).not.toContain('account.keptForLater');
    expect(reply.output.prompt).not.toBe('pay.amountChoice');
    expect(reply.output.handoff !== undefined || /1-888-925-2559/.test(reply.text)).toBe(true);
  });

  it.each([
    ['en', 'pay my civic', 'no dont pay anything right now'],
    ['es', 'quiero pagar el civic', 'no, no pague nada todavía'],
  ] as const)('(%s chat) "%s" stops the payment, and nothing is paid', async (locale, request, words) => {
    const { reply } = await talk('chat', locale, request, CIVIC, JORDAN_SSN, '100', words);
    expect(keys(reply)).toContain('common.cancelled');
    expect(await paymentsMadeHere(world, CIVIC)).toHaveLength(0);
  });
});

describe('the same question for the other vehicle', () => {
  it.each([
    ['en', 'how much do i owe', 'the honda', 'ok and what about the jeep'],
    ['es', 'cuanto debo', 'el honda', '¿y la jeep?'],
  ] as const)('(%s chat) "%s" after the Civic\'s amount due gives the Jeep\'s', async (locale, request, first, again) => {
    const { talk: chat } = await talk('chat', locale, request, CIVIC, JORDAN_SSN, first);
    const next = await chat.say(again);
    expect(next.text).toMatch(/Jeep Grand Cherokee \((?:account ending|cuenta que termina en) 0005\)/);
    expect(next.text).toMatch(/\$356\.90/);
  });
});

describe('the other vehicle meant in the middle of Auto Pay', () => {
  it.each([
    ['en', 'set up autopay', 'the jeep', 'wait, the other car. the civic', 'the 10th', 'yes'],
    ['es', 'quiero inscribirme al autopay', 'la jeep', 'espere, el otro carro, el civic', 'el 10', 'sí'],
  ] as const)('(%s chat) "%s" enrols the Civic, not the Jeep', async (locale, request, first, other, day, yes) => {
    const { talk: chat, reply } = await talk('chat', locale, request, CIVIC, JORDAN_SSN, first, other);
    expect(reply.text).toMatch(/Honda Civic/);
    expect(reply.output.prompt).toBe('autopay_enroll.day');
    await chat.say(day);
    await chat.say(locale === 'es' ? 'la registrada' : 'the one on file');
    await chat.say(yes);
    expect((await world.repos.autopay.forAccount(await accountId(world, CIVIC)))?.active).toBe(true);
    expect((await world.repos.autopay.forAccount(await accountId(world, JEEP)))?.active ?? false).toBe(false);
  });

  it.each([
    ['en', 'me quiero inscribir al autopay pa que ya no se me olvide'],
    ['es', 'me quiero inscribir al autopay pa que ya no se me olvide, el del civic'],
  ] as const)('(%s chat) "%s" is signing up, not cancelling', async (locale, request) => {
    const { reply } = await talk('chat', locale, request);
    expect(reply.output.intent).toBe('autopay_enroll');
  });
});

describe('an acknowledgement', () => {
  it.each([
    ['en', "what's gap", 'ok sounds good'],
    ['es', 'que es gap', 'perfecto'],
  ] as const)('(%s chat) "%s", then "%s" is acknowledged, not misread', async (locale, question, ack) => {
    const { reply } = await talk('chat', locale, question, ack);
    expect(keys(reply)).toContain('common.okay');
    expect(keys(reply)).not.toContain('common.fallback');
    expect(reply.output.prompt).toBeUndefined();
  });

  it('(en chat) "got it" at a payment question asks it again, without a sorry', async () => {
    const { reply } = await talk('chat', 'en', 'pay my civic', CIVIC, JORDAN_SSN, 'got it');
    expect(keys(reply)).not.toContain('common.notUnderstood');
    expect(reply.output.prompt).toBe('pay.amountChoice');
  });
});

describe('a question and an Auto Pay task in one breath', () => {
  it.each([
    ['en', "we'd like to stop the automatic draft on our truck, our bookkeeper will mail checks from now on. where do those go?", 'yes'],
    ['es', 'queremos cancelar el autopay de la camioneta, vamos a mandar cheques. ¿a qué dirección los mandamos?', 'sí'],
  ] as const)('(%s chat) the address is given and Auto Pay is cancelled', async (locale, request, yes) => {
    const chat = new Talk(world, 'chat', locale);
    await chat.start();
    const first = await chat.say(request);
    expect(first.text).toMatch(/P\.O\. Box 71119/);
    await chat.say(TACOMA);
    const confirm = await chat.say(BLUE_RIDGE_EIN);
    expect(confirm.output.prompt).toBe('autopay_cancel.confirm');
    await chat.say(yes);
    expect((await world.repos.autopay.forAccount(await accountId(world, TACOMA)))?.active).toBe(false);
  });
});

describe('the amount due of an account on Auto Pay', () => {
  it.each([
    ['en', 'how much do we owe on the tacoma this month and is that coming out automatically', /Auto Pay is on: it drafts your payment of 498 dollars/],
    ['es', 'cuanto debemos de la tacoma este mes y eso se cobra solo con el autopay?', /Auto Pay está activo: cobrará su pago de 498 dólares/],
  ] as const)('(%s voice) "%s" gives the amount due and says Auto Pay drafts it', async (locale, request, drafts) => {
    const call = new Talk(world, 'voice', null, '+18285550164');
    await call.start();
    if (locale === 'es') await call.press('9');
    await call.say(request);
    await call.press('487120');
    const answer = await call.press('561234567');
    expect(answer.text).toMatch(/498 (?:dollars|dólares) due|498 dólares, con vencimiento/);
    expect(answer.text).toMatch(drafts);
  });
});

describe('a card ruled out', () => {
  it.each([
    ['es', 'quiero hacer un pago pero no tengo tarjeta, de mi cuenta de banco', 'trescientos', 'hoy'],
    ['en', "i want to make a payment but i don't have a card, from my bank account", 'three hundred', 'today'],
  ] as const)('(%s voice) "%s" asks for the bank account, not the card', async (locale, request, amount, day) => {
    const w = await engineWorld({ phoneTakesCards: true });
    const call = new Talk(w, 'voice', null, locale === 'es' ? '+13055550122' : '+15555550000');
    await call.start();
    if (locale === 'en') await call.press('1');
    await call.say(request);
    await call.press(F150);
    await call.press(MARIA_SSN);
    await call.say(amount);
    const next = await call.say(day);
    expect(next.output.prompt).not.toBe('pay.card');
    expect(next.output.prompt).toMatch(/^bank\./);
  });
});

describe('a yes in the other language', () => {
  it('(voice) "sí" confirms a request heard with low confidence at the English menu', async () => {
    const call = new Talk(world, 'voice', null, '+15555550000');
    await call.start();
    const heard = await call.send({ kind: 'speech', text: 'quiero hablar con una persona que hable español', confidence: 0.35 });
    expect(heard.output.prompt).toBe('heard.confirm');
    const next = await call.say('sí');
    expect(next.output.handoff).toBeDefined();
    expect(next.output.locale).toBe('es');
  });
});

describe('questions answered by their words alone', () => {
  it.each([
    ['es', 'y me pueden mandar las cartas en español? mi ingles no es muy bueno', /comunicaciones escritas son en inglés/],
    ['en', 'can you send my letters and statements in spanish?', /Written communication from us is in English/],
  ] as const)('(%s chat) "%s": written communication is in English, and the language stays', async (locale, question, answer) => {
    const { reply } = await talk('chat', locale, question);
    expect(reply.text).toMatch(answer);
    expect(reply.output.locale).toBe(locale);
  });

  it.each([
    ['es', 'pregunta, si me meto a ver mi score de fico eso me baja el credito?', /no afecta su crédito/],
    ['en', 'does checking my fico score here lower my credit?', /no impact on your credit/],
  ] as const)('(%s chat) "%s" is answered without verifying', async (locale, question, answer) => {
    const { reply } = await talk('chat', locale, question);
    expect(reply.text).toMatch(answer);
    expect(reply.output.prompt).toBeUndefined();
  });

  it('(en chat) "can i see my credit score? does that ding my credit" asks to verify, for the score', async () => {
    const { reply } = await talk('chat', 'en', 'can i see my credit score thru you guys? does that ding my credit tho');
    expect(reply.output.prompt).toBe('verify.reference');
  });

  it.each([
    ['es', 'quiero pagar la jeep', 'y eso tiene algun cargo extra o me cobran algo?'],
    ['en', 'pay my jeep', 'and is there any fee for that?'],
  ] as const)('(%s chat) "%s" … "%s" at the read-back: no fee, and the read-back again', async (locale, request, question) => {
    const { reply } = await talk('chat', locale, request, JEEP, JORDAN_SSN, '356.90', locale === 'es' ? 'hoy' : 'today', locale === 'es' ? 'la que termina en 4321' : 'the one ending 4321', question);
    expect(keys(reply)).toContain('pay.noFeeHere');
    expect(reply.output.prompt).toBe('pay.confirm');
    expect(reply.output.handoff).toBeUndefined();
  });
});

describe('one month\'s payment named while a month is past due', () => {
  it.each([
    ['es', 'quiero pagar la mensualidad de la troca', null, /\$589\.10 para/],
    ['en', 'pay my truck', 'just my regular monthly payment', /\$589\.10 toward/],
    ['en', 'pay my truck', 'the full amount', /\$1,178\.20 toward/],
  ] as const)('(%s chat) "%s" … %s is read back as one month, or the whole amount due', async (locale, request, amount, readBack) => {
    const lines = [request, F150, MARIA_SSN, ...(amount ? [amount] : []), locale === 'es' ? 'hoy' : 'today', 'new', '021000021', '88120457'];
    const { talk: chat } = await talk('chat', locale, ...lines);
    const confirm = await chat.click('checking');
    expect(confirm.output.prompt).toBe('pay.confirm');
    expect(confirm.text).toMatch(readBack);
  });
});

describe('where the account number is found', () => {
  it.each([
    ['en', 'chat', 'what do i owe', 'where do i even find my account number', /monthly statement/],
    ['es', 'chat', 'cuanto debo', '¿y dónde encuentro el número de cuenta?', /estado de cuenta mensual/],
    ['en', 'voice', 'what do i owe', "i don't have my account number", /last 6 characters/],
  ] as const)('(%s %s) "%s" … "%s" is told where, and asked for it again', async (locale, channel, request, question, where) => {
    const { reply } = await talk(channel, locale, request, question);
    expect(reply.text).toMatch(where);
    expect(reply.output.prompt).toBe('verify.reference');
  });
});

describe('the number to verify with, in a message not otherwise understood', () => {
  it.each([
    ['en', 'found it on the statement, 4100020001'],
    ['es', 'ya lo encontré, es 4100020001 creo'],
  ] as const)('(%s chat) "%s" starts verifying with it', async (locale, words) => {
    const { reply } = await talk('chat', locale, locale === 'es' ? 'hola' : 'hi', words);
    expect(reply.output.prompt).toBe('verify.taxId');
  });
});

describe('paying the loan off', () => {
  it.each([
    ['es', 'cuanto me falta para terminar de pagar el honda? lo quiero liquidar ya de una vez', 'si lo quiero pagar todo'],
    ['en', 'how much is left on the honda? i want to pay it off for good', 'yes i want to pay all of it'],
  ] as const)('(%s chat) "%s" pays the payoff; "%s" keeps it', async (locale, request, all) => {
    const { talk: chat, reply } = await talk('chat', locale, request, CIVIC, JORDAN_SSN);
    expect(reply.output.prompt).toBe('pay.dateChoice');
    const next = await chat.say(all);
    expect(keys(next)).not.toContain('account.amountChanged');
    await chat.say(locale === 'es' ? 'hoy' : 'today');
    const readBack = await chat.say(locale === 'es' ? 'la registrada' : 'the one on file');
    expect(readBack.text).toMatch(/\$14,289\.92/);
  });
});

describe('the other vehicle by the end of its number', () => {
  it.each([
    ['es', 'quiero pagar el carro', 'el honda', 'trescientos', 'ay no perdon, no es el honda, es la otra, la que termina en 0005'],
    ['en', 'i want to pay my car', 'the honda', 'three hundred', "oh sorry, not the honda, it's the one ending in 0005"],
  ] as const)('(%s chat) "%s" starts the payment over for the Jeep', async (locale, request, first, amount, other) => {
    const { reply } = await talk('chat', locale, request, CIVIC, JORDAN_SSN, first, amount, other);
    expect(reply.text).toMatch(/Jeep Grand Cherokee/);
    expect(reply.output.prompt).toBe('pay.amountChoice');
  });
});

describe('the next request, for the other vehicle', () => {
  it.each([
    ['en', 'I want to pay $150 on my Jeep today', 'yes the 4321 account', 'yes', 'great. now pay the civic too, same amount as before', 'the one on file'],
    ['es', 'quiero pagar 150 de la jeep hoy', 'la 4321', 'sí', 'ahora el civic, la misma cantidad, hoy', 'la registrada'],
  ] as const)('(%s chat) after the Jeep\'s payment, "%s" … "%s" pays $150 on the Civic', async (locale, request, bank, yes, next, bankAgain) => {
    const { talk: chat } = await talk('chat', locale, request, JEEP, JORDAN_SSN, bank, yes);
    const started = await chat.say(next);
    expect(started.text).toMatch(/Honda Civic/);
    const readBack = await chat.say(bankAgain);
    expect(readBack.output.prompt).toBe('pay.confirm');
    expect(readBack.text).toMatch(/\$150\.00 (?:toward your 2021 Honda Civic|para su 2021 Honda Civic)/);
  });

  it.each([
    ['en', 'set up autopay on the jeep on the 5th', 'the one on file', 'yes', 'do the other one too'],
    ['es', 'quiero el autopay en la jeep el día 5', 'la registrada', 'sí', 'la otra también'],
  ] as const)('(%s chat) after the Jeep\'s Auto Pay, "%s" … "%s" starts it for the Civic', async (locale, request, bank, yes, next) => {
    const { talk: chat } = await talk('chat', locale, request, JEEP, JORDAN_SSN, bank, yes);
    const started = await chat.say(next);
    expect(started.text).toMatch(/Honda Civic/);
    expect(started.output.prompt).toBe('autopay_enroll.day');
  });
});

describe('a card named on a chat that takes none, where no bank is on file', () => {
  it.each([
    ['es', 'necesito hacer el pago de la troca', 'o sea 1178.20, con su debit card', 'para hoy', /Para pagar con tarjeta, llame al 1-888-925-2559/],
    ['en', 'pay my truck', '1178.20, with her debit card', 'today', /To pay by card instead, call 1-888-925-2559/],
  ] as const)('(%s chat) "%s" … "%s": cards are taken on the phone, before the routing number', async (locale, request, amount, day, byPhone) => {
    const w = await engineWorld({ phoneTakesCards: true });
    const { reply } = await converse(w, 'chat', locale, request, F150, MARIA_SSN, amount, day);
    expect(reply.text).toMatch(byPhone);
    expect(reply.output.prompt).toBe('bank.routing');
  });
});

describe('a request said again while verifying, with more in it', () => {
  it('(es voice) "entonces quiero pagar quinientos dólares a la Honda" during verification pays $500 on the Civic', async () => {
    const call = new Talk(world, 'voice', null, '+15555550000');
    await call.start();
    await call.say('en español, por favor');
    await call.say('quiero hacer un pago');
    const onIt = await call.say('perfecto, entonces quiero pagar quinientos dólares a la Honda');
    expect(onIt.output.prompt).toBe('verify.reference');
    await call.press(CIVIC);
    const verified = await call.press(JORDAN_SSN);
    expect(verified.text).toMatch(/Honda Civic/);
    expect(verified.output.prompt).toBe('pay.dateChoice');
  });
});

describe('going on with the payment where leaving was asked about', () => {
  it.each([
    ['en', 'i want to make a big payment on the jeep', '75000, whatever it takes to be done with it', 'ok then pay off the whole thing, the payoff amount'],
    ['es', 'quiero hacer un pago grande de la jeep', '75000, lo que sea para salir de eso', 'mejor quiero liquidarla toda, el monto de liquidación'],
  ] as const)('(%s chat) "%s" is refused with its reason; "%s" pays the payoff', async (locale, request, tooMuch, payoff) => {
    const { talk: chat, reply } = await talk('chat', locale, request, JEEP, JORDAN_SSN, tooMuch);
    expect(reply.text).toMatch(/6,137\.33/);
    const next = await chat.say(payoff);
    expect(next.output.prompt).toBe('pay.dateChoice');
    const readBack = await chat.say(locale === 'es' ? 'hoy, de la registrada' : 'today, from the one on file');
    expect(readBack.text).toMatch(/\$6,137\.33/);
  });
});

describe('a vehicle compared with is not the one meant', () => {
  it.each([
    ['en', 'pay my civic', 'the 5th like the jeep'],
    ['es', 'quiero pagar el civic', 'el 5, igual que la jeep'],
  ] as const)('(%s chat) "%s" … "%s" stays on the Civic', async (locale, request, day) => {
    const { reply } = await talk('chat', locale, request, CIVIC, JORDAN_SSN, '100', locale === 'es' ? 'otro día' : 'another day', day);
    expect(reply.text).not.toMatch(/Jeep/);
  });

  it('(en chat) "perfect. do the other one too" at Auto Pay\'s read-back enrols the Jeep first', async () => {
    const { reply } = await talk('chat', 'en', 'can you set up autopay on my jeep', JEEP, JORDAN_SSN, 'the 5th', 'yes, from the 4321 account', 'perfect. do the other one too - autopay for the civic, same day');
    expect(keys(reply)).toContain('autopay.enrolled');
    expect((await world.repos.autopay.forAccount(await accountId(world, JEEP)))?.active).toBe(true);
  });
});

describe('a yes at a read-back, and the next request after it', () => {
  it.each([
    ['en', 'can you set up autopay on my jeep', 'the 5th', 'yes, from the 4321 account', 'perfect. do the other one too - autopay for the civic, same day', 'autopay_enroll.day'],
    ['es', 'quiero inscribir la jeep al autopay', 'el 5', 'de la 4321', 'sí, y ahora el civic también', 'autopay_enroll.day'],
  ] as const)('(%s chat) "%s" … "%s" enrols the Jeep, then starts the Civic', async (locale, request, day, bank, yesAndThen, prompt) => {
    const { reply } = await talk('chat', locale, request, JEEP, JORDAN_SSN, day, bank, yesAndThen);
    expect(keys(reply)).toContain('autopay.enrolled');
    expect(reply.text).toMatch(/Honda Civic/);
    expect(reply.output.prompt).toBe(prompt);
    expect((await world.repos.autopay.forAccount(await accountId(world, JEEP)))?.active).toBe(true);
  });

  it.each([
    ['es', 'quiero pagar la jeep', '356.90', 'hoy', 'la registrada', 'sí, y ahora el civic, lo mismo'],
    ['en', 'pay my jeep', '356.90', 'today', 'the one on file', 'yes. now the civic, the same'],
  ] as const)('(%s chat) "%s" … "%s" pays the Jeep, then the same on the Civic', async (locale, request, amount, day, bank, yesAndThen) => {
    const { talk: chat, reply } = await talk('chat', locale, request, JEEP, JORDAN_SSN, amount, day, bank, yesAndThen);
    expect(await paymentsMadeHere(world, JEEP)).toHaveLength(1);
    expect(reply.text).toMatch(/Honda Civic/);
    const readBack = await chat.say(locale === 'es' ? 'la registrada' : 'the one on file');
    expect(readBack.text).toMatch(/\$356\.90 (?:toward your 2021 Honda Civic|para su 2021 Honda Civic)/);
  });
});

describe('a card number typed in the chat', () => {
  it.each([
    ['en', 'can i pay my jeep with my debit card? the number is 4111 1111 1111 1111', /please don't type card numbers/],
    ['es', 'quiero pagar con mi tarjeta 4111 1111 1111 1111', /no escriba números de tarjeta/],
  ] as const)('(%s chat) "%s" is not kept or shown, and the customer is told', async (locale, words, told) => {
    const w = await engineWorld({ phoneTakesCards: true });
    const { reply } = await converse(w, 'chat', locale, words);
    expect(reply.text).toMatch(told);
    expect(reply.text).toMatch(/1-888-925-2559/);
    expect(reply.text).not.toMatch(/4111/);
  });
});

describe('a correction in the same breath', () => {
  it.each([
    ['en', 'pay the jeep', '200 dollars, no wait, make it 150', /\$150\.00/],
    ['es', 'quiero pagar la jeep', 'o sea como doscientos no mejor doscientos cincuenta', /\$250\.00/],
  ] as const)('(%s chat) "%s" … "%s": the last said counts', async (locale, request, amount, taken) => {
    const { talk: chat } = await talk('chat', locale, request, JEEP, JORDAN_SSN, amount, locale === 'es' ? 'hoy' : 'today');
    const readBack = await chat.say(locale === 'es' ? 'la registrada' : 'the one on file');
    expect(readBack.output.prompt).toBe('pay.confirm');
    expect(readBack.text).toMatch(taken);
  });

  it.each([
    ['es', 'uy se me fueron ceros jaja, 600'],
    ['en', 'oops too many zeros lol, 600'],
  ] as const)('(%s chat) "%s" after a refused amount is $600', async (locale, fixed) => {
    const { reply } = await talk('chat', locale, locale === 'es' ? 'quiero pagar la troca' : 'pay my truck', F150, MARIA_SSN, '600000', fixed);
    expect(reply.output.prompt).toBe('pay.dateChoice');
  });
});

describe('Auto Pay asked of in the middle of a payment', () => {
  it.each([
    ['en', 'i want to make a payment', 'actually hold on, instead of paying now can you set up autopay on the civic so i dont have to do this every month', 'the 20th, from the same bank account you have on file', 'yes'],
    ['es', 'quiero hacer un pago', 'espere, mejor en vez de pagar quiero inscribir el civic al autopay', 'el 20, de la cuenta registrada', 'sí'],
  ] as const)('(%s chat) "%s" is Auto Pay, not a day kept for the payment', async (locale, request, instead, dayAndBank, yes) => {
    const { talk: chat, reply } = await talk('chat', locale, request, CIVIC, JORDAN_SSN, locale === 'es' ? 'el civic' : 'the civic', instead);
    expect(reply.output.prompt).toBe('autopay_enroll.day');
    await chat.say(dayAndBank);
    await chat.say(yes);
    const enrolled = await world.repos.autopay.forAccount(await accountId(world, CIVIC));
    expect(enrolled?.active).toBe(true);
    expect(enrolled?.dayOfMonth).toBe(20);
    expect(await paymentsMadeHere(world, CIVIC)).toHaveLength(0);
  });

  it.each([
    ['es', 'quiero que me cobren automatico todos los meses para no atrasarme mas, el dia 5 si se puede'],
    ['en', 'can you just take the payment out automatically every month'],
  ] as const)('(%s chat) "%s" is signing up for Auto Pay', async (locale, request) => {
    const { reply } = await talk('chat', locale, request);
    expect(reply.output.intent).toBe('autopay_enroll');
  });

  it('(es chat) "el 5" with nothing in progress is no payment of $5', async () => {
    const { reply } = await talk('chat', 'es', 'hola', F150, MARIA_SSN, 'el 5');
    expect(reply.output.intent).not.toBe('make_payment');
  });
});

describe('a payment asked for politely', () => {
  it.each([
    ['es', 'un pago por favor'],
    ['es', 'quiero hacer un pago por favor'],
    ['en', 'a payment please'],
  ] as const)('(%s voice) "%s" is a payment, not paying by text or by phone', async (locale, request) => {
    const { reply } = await talk('voice', locale, request);
    expect(reply.output.intent).toBe('make_payment');
  });
});

describe('the other language asked for where digits are asked', () => {
  it.each([
    ['es', '¿se puede en inglés? le paso a mi socio', 'en', /Please enter your 10-digit account number/],
    ['en', 'can we do this in spanish? my mom is here', 'es', /marque su número de cuenta de 10 dígitos/],
  ] as const)('(%s voice) "%s" switches, and the question is asked again in it', async (locale, words, to, asked) => {
    const { reply } = await talk('voice', locale, locale === 'es' ? 'quiero hacer un pago' : 'i want to make a payment', words);
    expect(reply.output.locale).toBe(to);
    expect(reply.text).toMatch(asked);
  });
});

describe('several questions in one message', () => {
  it.each([
    ['en', "so i financed a second car with you guys in march but it doesnt show up when i log into my online account?? also do u sell gap insurance", [/missing from your online account/, /GAP/]],
    ['es', 'a donde mando el cheque? y otra cosa, ustedes venden gap?', [/P\.O\. Box 71119/, /GAP/]],
  ] as const)('(%s chat) "%s" answers each', async (locale, words, answers) => {
    const { reply } = await talk('chat', locale, words);
    for (const answer of answers) expect(reply.text).toMatch(answer);
  });
});
