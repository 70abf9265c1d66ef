import { engineWorld, converse, Talk, paymentsMadeHere, type EngineWorld, type Reply } from '../support/engine-harness';
import { BLUE_RIDGE_EIN, CIVIC, F150, JEEP, JORDAN_SSN, MARIA_SSN, PRIYA_SSN, TACOMA, TESLA } from '../support/demo-customers';

/**
 * Answers in the customer's own words that were misread: a day said while the
 * amount is asked, the amount due as "whatever's due", a new amount after
 * "my bad" or "no espere", a yes where no yes was asked, the SSN put right in
 * the same message as the account number, an article before a typed number,
 * "the last six" before a VIN's tail, a verb that hides a month, a weekday
 * just gone, and the kind of account said not to be. Through the engine,
 * with no channel involved.
 */

let world: EngineWorld;
beforeEach(async () => {
  world = await engineWorld();
});

function talk(channel: 'chat' | 'voice', locale: 'en' | 'es', ...lines: string[]): Promise<{ talk: Talk; reply: Reply }> {
  return converse(world, channel, locale, ...lines);
}

/** Payments this conversation made. */
function madeHereOn(accountNumber: string) {
  return paymentsMadeHere(world, accountNumber);
}

describe('a day said while the amount is asked', () => {
  it.each([
    ['en', 'um today i guess', /Got it, I'll keep that/],
    ['es', 'este pues hoy creo', /Entendido, lo tomo en cuenta/],
  ] as const)('(%s voice) "%s" is kept and the amount asked again: never a read-back without an amount', async (locale, day, kept) => {
    const { talk: call, reply } = await talk('voice', locale, locale === 'en' ? 'i need to make a payment on my car' : 'quiero hacer un pago', locale === 'en' ? JEEP : F150, locale === 'en' ? JORDAN_SSN : MARIA_SSN, ...(locale === 'en' ? ['the jeep'] : []), day);
    expect(reply.output.prompt).toBe('pay.amountChoice');
    expect(reply.text).toMatch(kept);
    // The amount due, then the day kept: on to how to pay.
    const next = await call.press('1');
    expect(next.output.prompt).toMatch(/^bank\./);
    expect(next.text).not.toMatch(/NaN/);
  });
});

describe('the amount in the customer\'s words', () => {
  it('(en voice) "whatever\'s due on it three fifty six ninety" where the amount is asked takes the amount due', async () => {
    const { reply } = await talk('voice', 'en', 'i need to make a payment', JEEP, JORDAN_SSN, 'the jeep', "whatever's due on it three fifty six ninety");
    expect(reply.output.prompt).toBe('pay.dateChoice');
  });

  it('(es chat) "lo que sea que debo" where the amount is asked takes the amount due', async () => {
    const { reply } = await talk('chat', 'es', 'quiero pagar la troca', F150, MARIA_SSN, 'lo que sea que debo');
    expect(reply.output.prompt).toBe('pay.dateChoice');
  });

  it('(en voice) "oh my bad no i meant four hundred twelve thirty six" after a refused amount is $412.36', async () => {
    const { talk: call } = await talk('voice', 'en', 'make a payment please', CIVIC, JORDAN_SSN, 'the civic', 'ninety thousand dollars');
    const next = await call.say('oh my bad no i meant four hundred twelve thirty six');
    expect(next.output.prompt).toBe('pay.dateChoice');
    await call.press('1');
    const readBack = await call.press('1');
    expect(readBack.text).toMatch(/412 dollars and 36 cents/);
  });

  it('(es voice) "no espere mejor trescientos" where the day is asked changes the amount and says so', async () => {
    const { reply } = await talk('voice', 'es', 'quiero programar un pago pa la troca', F150, MARIA_SSN, 'doscientos dolares', 'no espere mejor trescientos');
    expect(reply.output.prompt).toBe('pay.dateChoice');
    expect(reply.text).toMatch(/300 dólares en su lugar/);
  });
});

describe('a yes where no yes or no was asked', () => {
  it.each([
    ['en', "yes that's correct", /enter the full Social Security number/],
    ['es', 'si, eso es correcto', /número de Seguro Social/],
  ] as const)('(%s chat) "%s" where the SSN is asked asks for it again; the chat goes on', async (locale, yes, asked) => {
    const { talk: chat, reply } = await talk('chat', locale, locale === 'en' ? 'i want to see my fico score' : 'quiero ver mi puntaje fico', TESLA, yes);
    expect(reply.output.end).toBeFalsy();
    expect(reply.output.prompt).toBe('verify.taxId');
    expect(reply.text).toMatch(asked);
    const done = await chat.say(PRIYA_SSN);
    expect(done.text).toMatch(/Priya/);
  });
});

describe('identifiers put right', () => {
  it('(en chat) "sorry typo. account 4100020003, ssn 612-09-3345" after a wrong SSN was given first verifies with the new one', async () => {
    const { reply } = await talk('chat', 'en', 'where is my title', '612-09-3354', 'sorry typo. account 4100020003, ssn 612-09-3345');
    expect(reply.text).toMatch(/Thank you, Priya\. You're verified/);
  });

  it('(en chat) both given again where the SSN is asked, after a pair that did not match, are checked together', async () => {
    const { reply } = await talk('chat', 'en', 'where is my title', 'account # 4100020003', '612-09-3354', 'sorry typo. account 4100020003, ssn 612-09-3345');
    expect(reply.text).toMatch(/Thank you, Priya\. You're verified/);
  });

  it('(es chat) "perdón, cuenta 4100020002 y el seguro 533-18-2046" after a wrong SSN was given first verifies with the new one', async () => {
    const { reply } = await talk('chat', 'es', 'quiero ver mi puntaje fico', '533-18-2064', 'perdon, cuenta 4100020002 y el seguro 533-18-2046');
    expect(reply.text).toMatch(/Gracias, María\. Su identidad quedó verificada/);
  });

  it.each([
    ['es', 'se puede ver mi score de credito aqui? el fico', 'perdon me falto un numero 533182046', F150, /Gracias, María/],
    ['en', 'can i see my fico score', 'sorry i missed one digit 401227788', CIVIC, /Thank you, Jordan/],
  ] as const)('(%s chat) an article or a count before the typed SSN is not one of its digits', async (locale, request, retyped, reference, verified) => {
    const { reply } = await talk('chat', locale, request, reference, retyped);
    expect(reply.text).toMatch(verified);
  });

  it.each([
    ['es', 'quisiera checar mi puntaje de credito el fico', 'es el vin los ultimos seis a seis siete ocho nueve cero', MARIA_SSN, /Gracias, María/],
    ['en', 'i want my fico score', 'the last six of the vin are five one two three four five', JORDAN_SSN, /Thank you, Jordan/],
  ] as const)('(%s voice) "the last six" said before a VIN\'s tail is not one of its characters', async (locale, request, tail, ssn, verified) => {
    const { talk: call } = await talk('voice', locale, request, tail);
    const done = await call.press(ssn);
    expect(done.text).toMatch(verified);
  });
});

describe('a whole VIN read out on the phone', () => {
  it.each([
    ['en', "i'd like to check my fico score", 'one c four r j f b g one k c seven one six five five five', 'one c four r j f b g one k c seven one six five five four', JORDAN_SSN, /doesn't look right/, /Thank you, Jordan/],
    ['es', 'quiero ver mi puntaje fico', 'uno f t e w uno e p cinco l f a seis siete ocho nueve nueve', 'uno f t e w uno e p cinco l f a seis siete ocho nueve cero', MARIA_SSN, /no parece correcto/, /Gracias, María/],
    ['es', 'quiero saber cuanto debo', 'el vin es uno efe te e doble u uno e pe cinco ele efe a seis siete ocho cero nueve', 'uno efe te e doble u uno e pe cinco ele efe a seis siete ocho nueve cero', MARIA_SSN, /no parece correcto/, /Gracias, María/],
  ] as const)('(%s voice) is checked like a typed one: a wrong check digit is refused, the right VIN verifies', async (locale, request, wrong, right, ssn, refused, verified) => {
    const { talk: call, reply } = await talk('voice', locale, request, wrong);
    expect(reply.output.prompt).toBe('verify.reference');
    expect(reply.text).toMatch(refused);
    const next = await call.say(right);
    expect(next.output.prompt).toBe('verify.taxId');
    expect((await call.press(ssn)).text).toMatch(verified);
  });
});

describe('days', () => {
  it('(es voice) "quiero programar un pago pa la troca" names no day ("programar" is not March)', async () => {
    const { reply } = await talk('voice', 'es', 'quiero programar un pago pa la troca', F150, MARIA_SSN);
    expect(reply.output.prompt).toBe('pay.amountChoice');
    expect(reply.text).not.toMatch(/30 días de anticipación/);
  });

  it('(es voice) "el lunes pasado" where the day is asked is refused as a day gone', async () => {
    const { reply } = await talk('voice', 'es', 'quiero hacer un pago', F150, MARIA_SSN, 'doscientos dolares', 'el lunes pasado');
    expect(reply.text).toMatch(/es una fecha pasada/);
  });
});

describe('the kind of a new account said not to be', () => {
  it('(es voice) "no no es de ahorros no de cheques" at the read-back makes it savings and reads back again', async () => {
    const { talk: call } = await talk('voice', 'es', 'quiero abonarle a mi carro', F150, MARIA_SSN, 'los quinientos ochenta y nueve diez de lo atrasado', 'mañana');
    await call.press('021000021');
    await call.press('4455667788');
    const again = await call.say('no no es de ahorros no de cheques');
    expect(again.output.prompt).toBe('pay.confirm');
    expect(again.text).toMatch(/como cuenta de ahorros/);
    await call.say('si asi esta bien');
    const made = await madeHereOn(F150);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ amountCents: 58910, bankAccountType: 'savings' });
  });

  it('(en chat) "savings, not checking" at the read-back makes it savings', async () => {
    const { talk: chat } = await talk('chat', 'en', 'i want to pay my truck', F150, MARIA_SSN, '300', 'tomorrow', '021000021', '3344556677');
    const again = await chat.say('savings, not checking');
    expect(again.output.prompt).toBe('pay.confirm');
    expect(again.text).toMatch(/as a savings account/);
  });
});

describe('questions asked in passing', () => {
  it.each([
    ['en', 'and what if i pay with a debit card at like a walmart', /CheckFreePay/],
    ['es', 'y si pago con tarjeta de debito en una tienda como walmart', /CheckFreePay/],
  ] as const)('(%s voice) "%s" is the question about paying in a store, not a card payment', async (locale, question, answer) => {
    const { reply } = await talk('voice', locale, question);
    expect(reply.text).toMatch(answer);
    expect(reply.output.prompt).not.toBe('verify.reference');
  });

  it.each([
    ['en', 'i wanna pay off my honda civic like the whole thing', CIVIC, JORDAN_SSN, "wait real quick once it's paid off how long till i get the title", /Your title is held until your account is paid off.*Now, back to where we were/],
    ['es', 'quiero liquidar mi troca', F150, MARIA_SSN, 'oiga y cuando me llega el titulo', /Conservamos su título hasta que la cuenta quede liquidada.*volvamos a donde estábamos/],
  ] as const)('(%s voice) a title question while paying the loan off is answered and the payment goes on', async (locale, request, account, ssn, question, answered) => {
    const { reply } = await talk('voice', locale, request, account, ssn, question);
    expect(reply.text).toMatch(answered);
    expect(reply.output.prompt).toBe('pay.dateChoice');
  });

  it.each([
    ['es', 'y cuantos dias antes llegan?', 'otra cosa, si mando cheque a donde lo mando', /P\.O\. Box 71119.*¿Hay algo más/],
    ['en', 'fico title', 'something else, where do i mail my check to', /P\.O\. Box 71119.*anything else/],
  ] as const)('(%s chat) "something else, …" at a clarifying question is read as the request it names', async (locale, unclear, other, answered) => {
    const { talk: chat } = await talk('chat', locale, unclear);
    const reply = await chat.say(other);
    expect(reply.text).toMatch(answered);
    expect(reply.output.prompt).not.toBe('clarify.pick');
  });

  it.each([
    ['es', 'sí español gracias', /continuemos en español\. Para hacer un pago, oprima 1/],
    ['en', 'yes english thanks', /continue in English\. To make a payment, press 1/],
  ] as const)('(%s voice) "%s" in the language already spoken is taken as chosen, not a thank-you', async (locale, words, menu) => {
    const { reply } = await talk('voice', locale, words);
    expect(reply.text).toMatch(menu);
  });
});

describe('by text', () => {
  it.each([
    ['+17865550163', 'y a donde mando una carta si no estoy de acuerdo con un cargo', /380901/],
    ['+17865550163', 'who do i write to if i dont agree with a charge on my account', /380901/],
  ])('(%s) a dispute in other words gets the number and where to write', async (from, text, answer) => {
    const reply = await new Talk(world, 'sms', null, from).say(text);
    expect(reply.text).toMatch(answer);
    expect(reply.text).toMatch(/1-888-925-2559/);
  });
});

describe('found on the ninth set', () => {
  it('(es voice) "quinientos ochenta y nueve con diez el que tengo atrasado" where the amount is asked is $589.10', async () => {
    const { talk: call, reply } = await talk('voice', 'es', 'quiero hacer un pago de la troca', F150, MARIA_SSN, 'quinientos ochenta y nueve con diez el que tengo atrasado');
    expect(reply.output.prompt).toBe('pay.dateChoice');
    await call.press('1');
    await call.press('021000021');
    const readBack = await call.press('4455667788');
    expect(readBack.text).toMatch(/589 dólares con 10 centavos/);
  });

  it('(en chat) "the regular amount" where the amount is asked is the amount due', async () => {
    const { reply } = await talk('chat', 'en', 'i need to pay my civic payment', CIVIC, JORDAN_SSN, 'the regular amount');
    expect(reply.output.prompt).toBe('pay.dateChoice');
  });

  it('(es chat) "la mensualidad atrasada" in the request is the past due, and "589.10" said again is already had', async () => {
    const { reply } = await talk('chat', 'es', 'hola buenas, quiero pagar la mensualidad atrasada de mi troca', F150, MARIA_SSN, '589.10');
    expect(reply.text).toMatch(/Eso ya lo tengo/);
    expect(reply.text).not.toMatch(/en su lugar/);
  });

  it.each([
    ['en', 'i need to pay', '4100020005', JORDAN_SSN, /Thank you, Jordan/],
    ['es', 'quiero ver mi puntaje fico', '4100020002', MARIA_SSN, /Gracias, María/],
  ] as const)('(%s voice) an account number keyed again where the SSN is asked, after a pair that did not match, replaces the first one', async (locale, request, account, ssn, verified) => {
    const { talk: call } = await talk('voice', locale, request);
    await call.press(account.replace(/5$|2$/, '0'));
    await call.press(ssn);
    const rekeyed = await call.press(account);
    expect(rekeyed.output.prompt).toBe('verify.taxId');
    expect((await call.press(ssn)).text).toMatch(verified);
  });

  it.each([
    ['en', 'ok thanks bye', /Goodbye/],
    ['es', 'ok gracias bye', /Hasta luego/],
  ] as const)('(%s voice) "%s" where a number is asked says goodbye', async (locale, words, bye) => {
    const { reply } = await talk('voice', locale, locale === 'en' ? 'where do i mail a check' : 'a que direccion mando el cheque', locale === 'en' ? 'i need to pay' : 'quiero pagar', words);
    expect(reply.text).toMatch(bye);
    expect(reply.output.end).toBe(true);
  });

  it.each([
    ['en', 'need to pay the jeep grand cherokee', 'account 4100020005'],
    ['en', 'i need to pay', 'acct # 4100020005'],
  ] as const)('(%s chat) "%s", then "%s": the account number among words that name it', async (locale, request, account) => {
    const { reply } = await talk('chat', locale, request, account);
    expect(reply.output.prompt).toBe('verify.taxId');
  });

  it.each([
    ['en', 'We need to turn off autopay on our Tacoma lease', /cancelling Auto Pay/],
    ['es', 'necesitamos parar el autopay de la tacoma', /cancelación de Auto Pay/],
  ] as const)('(%s chat) "%s" is cancelling Auto Pay, not a payoff quote', async (locale, request, cancelling) => {
    const { talk: chat, reply } = await talk('chat', locale, request);
    expect(reply.text).toMatch(cancelling);
    await chat.say(TACOMA);
    const asked = await chat.say(BLUE_RIDGE_EIN);
    expect(asked.output.prompt).toBe('autopay_cancel.confirm');
  });

  it('(en chat) "ok use that one" where the Auto Pay day is asked is no day', async () => {
    const { reply } = await talk('chat', 'en', "I'd like to sign up for automatic payments", JEEP, JORDAN_SSN, 'the honda civic', 'ok use that one');
    expect(reply.output.prompt).not.toBe('bank.funding');
    expect(reply.text).not.toMatch(/day 1 of each month/);
  });
});

describe('account questions by text', () => {
  it.each([
    ['+13125550143', 'hi is my tesla title in the mail yet? paid it off', /title status is in our web chat/],
    ['+13055550122', 'y donde checo mi score FICO', /puntaje FICO esta en el chat/],
  ])('(%s) "%s" says where that answer is found', async (from, text, where) => {
    const reply = await new Talk(world, 'sms', null, from).say(text);
    expect(reply.text).toMatch(where);
  });
});

describe('found on the eleventh set', () => {
  it.each([
    ['es', 'perdon no le entendi me lo repite', 'si es de cheques asi esta bien confirmo', /quedó programado/],
    ['en', "sorry i didn't catch that, can you repeat it", 'yes go ahead', /is scheduled/],
  ] as const)('(%s voice) "%s" at the read-back repeats it; nothing is cancelled', async (locale, repeat, yes, done) => {
    const { talk: call } = await talk('voice', locale, locale === 'es' ? 'quiero hacer un pago' : 'i want to make a payment', F150, MARIA_SSN, locale === 'es' ? 'quinientos ochenta y nueve con diez' : 'five eighty nine ten', locale === 'es' ? 'pasado mañana' : 'the day after tomorrow');
    await call.press('021000021');
    const readBack = await call.press('3216540987');
    const again = await call.say(repeat);
    expect(again.output.prompt).toBe('pay.confirm');
    expect(again.text).toBe(readBack.text);
    expect((await call.say(yes)).text).toMatch(done);
    expect(await madeHereOn(F150)).toHaveLength(1);
  });

  it('(es voice) "los cuatrocientos noventa y ocho" where the amount is asked is $498', async () => {
    const { reply } = await talk('voice', 'es', 'necesito hacer el pago del lease de la tacoma', TACOMA, '561234567', 'los cuatrocientos noventa y ocho');
    expect(reply.output.prompt).toBe('pay.dateChoice');
  });

  it.each([
    ['es', 'bueno sabe que ya me voy adios', 'no no espere si lo quiero hacer'],
    ['en', 'you know what i gotta go bye', 'no no wait i do want to do it'],
  ] as const)('(%s voice) "%s" halfway, then "%s" at the question, keeps the payment', async (locale, bye, stay) => {
    const { talk: call } = await talk('voice', locale, locale === 'es' ? 'necesito hacer el pago de la tacoma' : 'i need to pay the tacoma', TACOMA, '561234567');
    const asked = await call.say(bye);
    expect(asked.output.prompt).toBe('leave.confirm');
    const kept = await call.say(stay);
    expect(kept.output.prompt).toBe('pay.amountChoice');
  });

  it.each([
    ['es', 'quiero cambiar el dia del autopay', 'el dieciocho no no mejor el veinte', 'ajá el veinte', /día 20 de cada mes/],
    ['en', 'i want to change my autopay day', 'the 18th, actually the 20th', 'uh huh the 20th', /day 20 of each month/],
  ] as const)('(%s voice) a day corrected in the same breath, heard unsure and confirmed loosely, is the day said last', async (locale, request, day, yes, readBack) => {
    const { talk: call } = await talk('voice', locale, request, TACOMA, '561234567');
    const heard = await call.send({ kind: 'speech', text: day, confidence: 0.3 });
    expect(heard.output.prompt).toBe('heard.confirm');
    const next = await call.say(yes);
    expect(next.text).toMatch(readBack);
  });

  it.each([
    ['+17045550101', 'español señorita', /^De acuerdo, continuemos en español\. Para hacer un pago/],
    ['+13055550122', 'english please', /^Okay, let's continue in English\. To make a payment/],
  ])('(voice %s) "%s" as the first words switches the language once', async (from, words, switched) => {
    const call = new Talk(world, 'voice', null, from);
    await call.start();
    const reply = await call.say(words);
    expect(reply.text).toMatch(switched);
    expect(reply.text.match(/continuemos en español|continue in English/g)).toHaveLength(1);
  });
});
