import { engineWorld, converse, accountId, paymentsMadeHere, Talk, type EngineWorld, type Reply } from '../support/engine-harness';
import { CIVIC, F150, JEEP, JORDAN_SSN, MARIA_SSN, TACOMA, BLUE_RIDGE_EIN } from '../support/demo-customers';

/**
 * What callers and chatters meant, where it was misread: the other vehicle
 * named in the middle of a payment, a bank account ruled out ("no la 4321"),
 * a bank account named where none is on file, a routing number keyed before
 * it was asked, what paying here costs, a greeting before a request, a
 * request said with the language chosen, an account number read out at the
 * phone's menu, and a look-alike reading with none of its own words. Through
 * the engine, with no channel involved.
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

describe('the other vehicle named in the middle of a payment', () => {
  it.each([
    ['es', 'ay no perdon, es la jeep la que quiero pagar, no el honda', '356.90 para hoy', 'de la 4321', 'si'],
    ['en', "oh sorry, it's the jeep i want to pay, not the honda", '356.90 today', 'the one ending 4321', 'yes'],
  ] as const)('(%s chat) "%s" pays the Jeep, not the Civic', async (locale, switched, amount, bank, yes) => {
    const { talk: chat } = await talk('chat', locale, locale === 'es' ? 'quiero hacer un pago' : 'i want to make a payment', CIVIC, JORDAN_SSN, locale === 'es' ? 'el civic' : 'the civic');
    const next = await chat.say(switched);
    expect(next.output.prompt).toBe('pay.amountChoice');
    expect(next.text).toMatch(/Jeep Grand Cherokee/);
    await chat.say(amount);
    const readBack = await chat.say(bank);
    expect(readBack.output.prompt).toBe('pay.confirm');
    expect(readBack.text).toMatch(/0005/);
    await chat.say(yes);
    expect(await madeHereOn(JEEP)).toHaveLength(1);
    expect(await madeHereOn(CIVIC)).toHaveLength(0);
  });

  it('(en chat) "actually the jeep" at the bank question starts the Jeep\'s payment over', async () => {
    const { reply } = await talk('chat', 'en', 'i want to make a payment', CIVIC, JORDAN_SSN, 'the civic', '100', 'today', 'actually the jeep');
    expect(reply.output.prompt).toBe('pay.amountChoice');
    expect(reply.text).toMatch(/Jeep Grand Cherokee has \$356\.90 due/);
  });

  it('(en chat) "make it two grand" is an amount, not the Grand Cherokee', async () => {
    const { reply } = await talk('chat', 'en', 'i want to make a payment', CIVIC, JORDAN_SSN, 'the civic', 'make it two grand');
    expect(reply.text).not.toMatch(/Jeep/);
  });
});

describe('a bank account ruled out', () => {
  it.each([
    ['es', 'quiero pagar el honda pero no de la cuenta de siempre, de otra', '412.36 hoy'],
    ['en', 'i want to pay the honda but not from my bank on file', '412.36 today'],
  ] as const)('(%s chat) "%s" asks for the new account\'s routing number', async (locale, request, amount) => {
    const { reply } = await talk('chat', locale, request, CIVIC, JORDAN_SSN, amount);
    expect(reply.output.prompt).toBe('bank.routing');
  });

  it.each([
    ['es', 'de otra cuenta nueva, no la 4321', 'perdon 021000021'],
    ['en', 'use another account, not the 4321', 'sorry 021000021'],
  ] as const)('(%s chat) "%s" at the read-back asks for the new account, and "%s" is its routing number', async (locale, other, routing) => {
    const { talk: chat, reply } = await talk('chat', locale, locale === 'es' ? 'quiero pagar el honda' : 'i want to pay the honda', CIVIC, JORDAN_SSN, locale === 'es' ? '412.36 hoy' : '412.36 today', locale === 'es' ? 'de la 4321' : 'the one ending 4321');
    expect(reply.output.prompt).toBe('pay.confirm');
    const asked = await chat.say(other);
    expect(asked.output.prompt).toBe('bank.routing');
    const next = await chat.say(routing);
    // A number led by a zero is never read as a sum (it had been refused as more than the payoff).
    expect(next.output.prompt).toBe('bank.bankAccount');
    const readBack = await chat.say('5566778899');
    expect(readBack.output.prompt).toBe('pay.confirm');
    expect(readBack.text).toMatch(/8899/);
    expect(readBack.text).not.toMatch(/5566778899/);
  });
});

describe('the way to pay on a phone line that takes cards', () => {
  beforeEach(async () => {
    world = await engineWorld({ phoneTakesCards: true });
  });

  it.each([
    ['es', 'quinientos ochenta y nueve con diez', 'hoy mismo', 'con una cuenta de banco'],
    ['en', 'five eighty nine ten', 'today', 'from my checking account'],
  ] as const)('(%s voice) "%s" where no bank is on file is a new bank account', async (locale, amount, day, bank) => {
    const call = new Talk(world, 'voice', locale, '+13055550122');
    await call.start();
    if (locale === 'en') await call.press('9');
    for (const line of [locale === 'es' ? 'quiero pagar' : 'i want to make a payment']) await call.say(line);
    await call.press(F150);
    await call.press(MARIA_SSN);
    await call.say(amount);
    const choice = await call.say(day);
    expect(choice.output.prompt).toBe('bank.funding');
    const next = await call.say(bank);
    expect(next.output.prompt).toBe('bank.routing');
  });

  it('(es voice) a routing number keyed where the way to pay is asked is a new account\'s, and its account number follows', async () => {
    const { talk: call } = await talk('voice', 'es', 'quiero pagar', F150, MARIA_SSN, 'quinientos ochenta y nueve con diez', 'hoy mismo');
    const next = await call.press('021000021');
    expect(next.output.prompt).toBe('bank.bankAccount');
    const readBack = await call.press('1029384756');
    expect(readBack.output.prompt).toBe('pay.confirm');
    expect(readBack.text).toMatch(/4 7 5 6/);
  });

  it('(en voice) a routing number that fails its check, keyed there, is refused with its reason', async () => {
    const { talk: call } = await talk('voice', 'en', 'make a payment', JEEP, JORDAN_SSN, 'the jeep', 'three fifty six ninety', 'today');
    const next = await call.press('123456789');
    expect(next.output.prompt).toBe('bank.funding');
    expect(next.text).toMatch(/routing number/i);
  });
});

describe('what paying here costs', () => {
  it.each([
    ['es', 'voice', 'oiga y por pagar asi por aqui me cobran algo', /no tiene ningún costo/],
    ['en', 'voice', 'wait do you charge anything to pay here', /no fee for paying on this line/],
    ['es', 'chat', '¿me cobran algo por pagar por aquí?', /no tiene ningún costo/],
    ['en', 'chat', 'is there a fee to pay here?', /no fee for paying here/],
  ] as const)('(%s %s) "%s" in the middle of a payment is answered, and the payment goes on', async (locale, channel, question, answer) => {
    const lines = locale === 'es' ? ['quiero pagar', F150, MARIA_SSN, 'quinientos ochenta y nueve con diez'] : ['make a payment', JEEP, JORDAN_SSN, 'the jeep', 'three fifty six ninety'];
    const { reply } = await talk(channel, locale, ...lines, question);
    expect(reply.text).toMatch(answer);
    expect(reply.output.prompt).toBe('pay.dateChoice');
  });

  it.each([
    ['es', 'me cobraron de mas por pagar aqui'],
    ['en', 'you charged me twice for paying here'],
  ] as const)('(%s chat) "%s" is a charge disputed, not a question of cost', async (locale, words) => {
    const { reply } = await talk('chat', locale, words);
    expect(reply.text).not.toMatch(/no tiene ningún costo|no fee for paying here/);
  });
});

describe('a greeting before a request', () => {
  it.each([
    ['es', 'hola buenas quiero pagar uno de mis carros', /verificar su identidad/],
    ['en', 'hi good morning i wanna pay one of my cars', /verify your identity/],
  ] as const)('(%s chat) "%s" is the request, not a hello', async (locale, words, asked) => {
    const { reply } = await talk('chat', locale, words);
    expect(reply.output.prompt).toBe('verify.reference');
    expect(reply.text).toMatch(asked);
  });

  it('(en chat) a greeting alone is still a hello', async () => {
    const { reply } = await talk('chat', 'en', 'hello there, good morning');
    expect(reply.output.intent).toBe('greeting');
  });

  it('(es voice) a caller known to speak English who opens in Spanish with a request is answered in Spanish, request and all', async () => {
    const call = new Talk(world, 'voice', 'en', '+17045550101');
    await call.start();
    const reply = await call.say('hola buenas quiero pagar uno de mis carros');
    expect(reply.output.locale).toBe('es');
    expect(reply.output.prompt).toBe('verify.reference');
  });
});

describe('the language chosen with a request on the phone', () => {
  it.each([
    ['es', 'alo si disculpe, hay alguien que hable español? quiero hablar con una persona, es que no entiendo bien esto de la maquina', 'es'],
    ['en', 'english please, i need to talk to a real person about my account', 'en'],
  ] as const)('(%s voice) "%s" at the language question hands the caller to a person in that language', async (_locale, words, language) => {
    const call = new Talk(world, 'voice', null, '+15555550000');
    await call.start();
    const reply = await call.say(words);
    expect(reply.output.locale).toBe(language);
    expect(reply.output.handoff).toBeDefined();
  });

  it('(es voice) "en español por favor" alone chooses the language and reads the menu', async () => {
    const call = new Talk(world, 'voice', null, '+15555550000');
    await call.start();
    const reply = await call.say('en español por favor');
    expect(reply.output.locale).toBe('es');
    expect(reply.output.handoff).toBeUndefined();
    expect(reply.text).toMatch(/Para hacer un pago, oprima 1/);
  });
});

describe('an account number at the phone\'s menu', () => {
  it.each([
    ['es', 'si mire el numero de cuenta es cuatro uno cero cero cero dos cero cero cero uno', 'Jordan'],
    ['en', 'my account number is four one zero zero zero two zero zero zero one', 'Jordan'],
  ] as const)('(%s voice) "%s" starts verification with it', async (locale, words, name) => {
    const call = new Talk(world, 'voice', locale, '+15555550000');
    await call.start();
    await call.press(locale === 'es' ? '2' : '1');
    const asked = await call.say(words);
    expect(asked.output.prompt).toBe('verify.taxId');
    const verified = await call.press(JORDAN_SSN);
    expect(verified.text).toContain(name);
  });

  it.each([['es'], ['en']] as const)('(%s voice) ten digits keyed at the menu are the account number', async (locale) => {
    const call = new Talk(world, 'voice', locale, '+15555550000');
    await call.start();
    await call.press(locale === 'es' ? '2' : '1');
    const asked = await call.press(TACOMA);
    expect(asked.output.prompt).toBe('verify.taxId');
    const verified = await call.press(BLUE_RIDGE_EIN);
    expect(verified.text).toContain('Blue Ridge');
  });
});

describe('a look-alike reading with none of its own words', () => {
  it.each([
    ['es', 'y entonces el pago del quince de cuanto es', /498 dólares/],
    ['en', "and how much is the payment that's due on the 15th", /498 dollars/],
  ] as const)('(%s voice) "%s" after Auto Pay is cancelled gives the amount due, not a payoff quote', async (locale, question, amount) => {
    const call = new Talk(world, 'voice', locale, '+15555550000');
    await call.start();
    await call.press(locale === 'es' ? '2' : '1');
    await call.say(locale === 'es' ? 'quiero cancelar el autopay' : 'i want to cancel autopay');
    await call.press(TACOMA);
    await call.press(BLUE_RIDGE_EIN);
    const cancelled = await call.press('1');
    expect(cancelled.text).toMatch(/cancelado|cancelled|canceled/i);
    const reply = await call.say(question);
    expect(reply.text).toMatch(amount);
  });
});

describe('a vehicle is named by its make or model, never by a word of a story', () => {
  it.each([
    ['en', 'honestly i lost my job last week and i cant pay the whole thing, what can i do'],
    ['es', 'la ultima semana me quedé sin trabajo y no puedo pagar, ¿qué hago?'],
  ] as const)('(%s chat) "%s" in the middle of the Civic\'s payment offers a person; the payment is not moved to the Jeep', async (locale, story) => {
    const { reply } = await talk('chat', locale, locale === 'es' ? 'quiero pagar' : 'i need to pay my civic', CIVIC, JORDAN_SSN, ...(locale === 'es' ? ['el civic'] : []), story);
    expect(reply.text).not.toMatch(/Jeep/);
    expect(reply.text).toMatch(/representative|representante/);
  });
});

describe('a payment said in so many words', () => {
  it.each([
    ['en', 'want to put some money toward the jeep'],
    ['es', 'quiero abonarle algo a la troca'],
  ] as const)('(%s chat) "%s" is a payment, not a question about paying extra', async (locale, words) => {
    const { reply } = await talk('chat', locale, words);
    expect(reply.output.intent).toBe('make_payment');
    expect(reply.output.prompt).toBe('verify.reference');
  });
});

describe('a card named on a chat that takes no card', () => {
  beforeEach(async () => {
    world = await engineWorld({ phoneTakesCards: true });
  });

  it.each([
    ['en', 'need to pay the tacoma lease today, can i put it on the company amex?', '498', /call 1-888-925-2559/],
    ['es', 'necesito pagar la tacoma hoy, ¿se puede con tarjeta?', '498', /llame al 1-888-925-2559/],
  ] as const)('(%s chat) "%s" is told, where the way to pay is asked, that cards are taken on the phone', async (locale, request, amount, phone) => {
    const { reply } = await talk('chat', locale, request, TACOMA, BLUE_RIDGE_EIN, amount);
    expect(reply.output.prompt).toBe('bank.funding');
    expect(reply.text).toMatch(phone);
  });

  it.each([
    ['en', 'i need to pay the tacoma today'],
    ['es', 'necesito pagar la tacoma hoy'],
  ] as const)('(%s chat) "%s", with no card named, is not sent to the phone', async (locale, request) => {
    const { reply } = await talk('chat', locale, request, TACOMA, BLUE_RIDGE_EIN, '498');
    expect(reply.output.prompt).toBe('bank.funding');
    expect(reply.text).not.toMatch(/1-888-925-2559/);
  });

  it.each([
    ['en', 'card pls', /call 1-888-925-2559/],
    ['es', 'con tarjeta porfa', /llame al 1-888-925-2559/],
  ] as const)('(%s chat) "%s" where the bank is asked says where this payment can go on a card, and the question stays', async (locale, card, phone) => {
    const { reply } = await talk('chat', locale, locale === 'es' ? 'necesito pagar la tacoma hoy' : 'i need to pay the tacoma today', TACOMA, BLUE_RIDGE_EIN, '498', card);
    expect(reply.text).toMatch(phone);
    expect(reply.output.prompt).toBe('bank.funding');
  });
});

describe('the bank on file by its last four, said shortly', () => {
  it.each([
    ['en', '356.90 in a week from 4321 this is taking forever'],
    ['en', '356.90 tomorrow, the 4321 one'],
    ['es', '356.90 mañana, sácalo de la 4321'],
  ] as const)('(%s chat) "%s" goes straight to the read-back from the bank ending 4321', async (locale, answer) => {
    const { reply } = await talk('chat', locale, locale === 'es' ? 'quiero pagar la jeep' : 'pay jeep pls', JEEP, JORDAN_SSN, answer);
    expect(reply.output.prompt).toBe('pay.confirm');
    expect(reply.text).toMatch(/4321/);
    expect(reply.text).toMatch(/\$356\.90/);
  });
});

describe('a person who speaks the language asked for', () => {
  it('(en chat) "she wants to talk to someone in spanish" hands her to a Spanish-speaking representative', async () => {
    const { reply } = await talk('chat', 'en', 'hi im typing for my mom, she wants to talk to someone in spanish about her truck loan, her english isnt great');
    expect(reply.output.locale).toBe('es');
    expect(reply.output.handoff).toBeDefined();
    expect(reply.text).toMatch(/representantes que hablan español/);
  });

  it('(es chat) "can i talk to someone in english please" hands the customer to a representative, in English', async () => {
    const { reply } = await talk('chat', 'es', 'can i talk to someone in english please');
    expect(reply.output.locale).toBe('en');
    expect(reply.output.handoff).toBeDefined();
  });

  it('(en chat) "can we switch to spanish" only changes the language', async () => {
    const { reply } = await talk('chat', 'en', 'can we switch to spanish');
    expect(reply.output.locale).toBe('es');
    expect(reply.output.handoff).toBeUndefined();
  });
});

describe('the customer service number asked for', () => {
  it.each([
    ['es', 'voice', '¿y el número de servicio al cliente?', /1 8 8 8 9 2 5 2 5 5 9/],
    ['en', 'voice', "what's the customer service phone number", /1 8 8 8 9 2 5 2 5 5 9/],
    ['es', 'chat', '¿a qué número llamo si tengo dudas?', /1-888-925-2559/],
    ['en', 'chat', "what's the customer service phone number?", /1-888-925-2559/],
  ] as const)('(%s %s) "%s" is told the number, not transferred', async (locale, channel, question, number) => {
    const { reply } = await talk(channel, locale, question);
    expect(reply.text).toMatch(number);
    expect(reply.output.handoff).toBeUndefined();
  });

  it.each([
    ['en', 'can i talk to customer service'],
    ['es', 'quiero hablar con servicio al cliente'],
  ] as const)('(%s chat) "%s" is put through', async (locale, words) => {
    const { reply } = await talk('chat', locale, words);
    expect(reply.output.handoff).toBeDefined();
  });
});

describe('a payment spelled out', () => {
  it.each([
    ['es', 'oye no me sale nada en la app, pagala otra vez porfa, la jeep 356.90 hoy de la 4321', 'si', /Ya pagó \$356\.90 hoy \(confirmación \d+\); este sería un segundo pago/],
    ['en', 'the app shows nothing, run it again pls, the jeep 356.90 today from 4321', 'yes', /already paid \$356\.90 today \(confirmation \d+\); this would be a second payment/],
  ] as const)('(%s chat) "%s" after a payment is that payment again, read back with the one already made', async (locale, again, yes, already) => {
    const { talk: chat } = await talk('chat', locale, locale === 'es' ? 'quiero pagar la jeep' : 'pay the jeep', JEEP, JORDAN_SSN, locale === 'es' ? '356.90 hoy de la 4321' : '356.90 today from 4321', yes);
    expect(await madeHereOn(JEEP)).toHaveLength(1);
    const readBack = await chat.say(again);
    expect(readBack.output.prompt).toBe('pay.confirm');
    expect(readBack.text).toMatch(already);
    // Told before the yes, the customer decides once: a no pays nothing more.
    await chat.say(locale === 'es' ? 'ah no, entonces no' : 'oh then no');
    expect(await madeHereOn(JEEP)).toHaveLength(1);
  });

  it.each([
    ['es', 'si, págalo otra vez'],
    ['en', 'yes, pay it again'],
  ] as const)('(%s chat) "%s" at that read-back is asked about once more; paying twice takes two yeses', async (locale, yes) => {
    const { talk: chat } = await talk('chat', locale, locale === 'es' ? 'quiero pagar la jeep' : 'pay the jeep', JEEP, JORDAN_SSN, locale === 'es' ? '356.90 hoy de la 4321' : '356.90 today from 4321', locale === 'es' ? 'si' : 'yes', locale === 'es' ? 'quiero pagar la jeep otra vez, 356.90 hoy de la 4321' : 'pay the jeep again, 356.90 today from 4321');
    const asked = await chat.say(yes);
    expect(asked.output.prompt).toBe('pay.confirmRepeat');
    expect(await madeHereOn(JEEP)).toHaveLength(1);
    await chat.say(yes);
    expect(await madeHereOn(JEEP)).toHaveLength(2);
  });
});

describe('the verdict that closes an answer', () => {
  it.each([
    ['es', 'ah no, si ya esta pagado entonces no'],
    ['en', "oh if it's already paid then no"],
  ] as const)('(%s chat) "%s" at the read-back is a no', async (locale, no) => {
    const { talk: chat } = await talk('chat', locale, locale === 'es' ? 'quiero pagar la jeep' : 'pay the jeep', JEEP, JORDAN_SSN, locale === 'es' ? '356.90 hoy de la 4321' : '356.90 today from 4321');
    const reply = await chat.say(no);
    expect(reply.output.prompt).not.toBe('pay.confirm');
    expect(await madeHereOn(JEEP)).toHaveLength(0);
  });
});

describe('an offer of a person gives way', () => {
  it.each([
    ['es', 'ay buenas tardes mire le cuento este yo estuve fuera casi tres semanas visitando a mi mamá allá en honduras y pues con el viaje y todo se me se me pasó la fecha de la troca o sea el dinero sí lo tengo nomás que se me olvidó', 'o sea lo que quiero es pagar lo que está atrasado'],
    ['en', "i was out of the country for three weeks and totally missed the due date on my truck, i have the money i just forgot and now i'm behind", 'what i want is to pay what is past due'],
  ] as const)('(%s voice) a clear request instead of an answer to the offer is taken', async (locale, story, request) => {
    const call = new Talk(world, 'voice', locale, locale === 'es' ? '+13055550122' : '+15555550000');
    await call.start();
    if (locale === 'en') await call.press('1');
    const offered = await call.say(story);
    expect(offered.output.prompt).toBe('offer_person.confirm');
    const next = await call.say(request);
    expect(next.output.prompt).toBe('verify.reference');
  });

  it.each([['es'], ['en']] as const)('(%s voice) an account number keyed at the offer starts verification', async (locale) => {
    const { talk: call, reply } = await talk('voice', locale, locale === 'es' ? 'perdí mi trabajo y no puedo pagar este mes' : 'i lost my job and cant make this months payment');
    expect(reply.output.prompt).toBe('offer_person.confirm');
    const asked = await call.press(CIVIC);
    expect(asked.output.prompt).toBe('verify.taxId');
  });
});

describe('politeness is not a topic for a person', () => {
  it.each([
    ['es', 'buenas tardes señorita disculpe la molestia le habla el dueño de blue ridge landscaping'],
    ['en', 'good afternoon sorry to bother you this is the owner of blue ridge landscaping'],
  ] as const)('(%s voice) "%s" is greeted, never offered a person', async (locale, words) => {
    const { reply } = await talk('voice', locale, words);
    expect(reply.output.prompt).not.toBe('offer_person.confirm');
    expect(reply.output.handoff).toBeUndefined();
  });
});

describe('a day ruled out, and a new day said back', () => {
  it.each([
    ['es', 'y mejor para pasado mañana no para el viernes', /Entendido: el miércoles, 12 de marzo en su lugar/],
    ['en', 'actually make it wednesday not friday', /Got it: Wednesday, March 12 instead/],
  ] as const)('(%s voice) "%s" where the routing number is asked changes the day', async (locale, change, said) => {
    const call = new Talk(world, 'voice', locale, '+13055550122');
    await call.start();
    if (locale === 'en') await call.press('9');
    await call.say(locale === 'es' ? 'quiero hacer un pago' : 'i want to make a payment');
    await call.press(F150);
    await call.press(MARIA_SSN);
    await call.say(locale === 'es' ? 'trescientos' : 'three hundred');
    const routing = await call.say(locale === 'es' ? 'el viernes' : 'friday');
    expect(routing.output.prompt).toBe('bank.routing');
    const next = await call.say(change);
    expect(next.text).toMatch(said);
    expect(next.output.prompt).toBe('bank.routing');
  });
});

describe('a person asked for in a frustrated sentence', () => {
  it.each([
    ['es', 'ay no sabe qué mejor comuníqueme con una persona que hable español porque yo con la grabación no me entiendo', 'es'],
    ['en', 'ugh you know what just let me talk to a person this recording does not understand me', 'en'],
  ] as const)('(%s voice) "%s" in the middle of a payment hands the caller over', async (locale, words, language) => {
    const { reply } = await talk('voice', locale, locale === 'es' ? 'quiero pagar' : 'make a payment', locale === 'es' ? F150 : JEEP, locale === 'es' ? MARIA_SSN : JORDAN_SSN, ...(locale === 'en' ? ['the jeep'] : []), words);
    expect(reply.output.handoff).toBeDefined();
    expect(reply.output.locale).toBe(language);
  });
});

describe('the Auto Pay day corrected later', () => {
  it.each([
    ['es', 'el quince', 'no espere mejor el diez porque el quince todavía no me depositan', /Entendido: el día 10 en su lugar/],
    ['en', 'the 15th', 'wait actually make it the 10th instead', /Got it: day 10 instead/],
  ] as const)('(%s voice) "%s" then, where the bank is asked, "%s": Auto Pay on the 10th', async (locale, day, change, said) => {
    const { talk: call } = await talk('voice', locale, locale === 'es' ? 'quiero inscribirme en el pago automático para el civic' : 'sign me up for autopay on the civic', CIVIC, JORDAN_SSN, day);
    const next = await call.say(change);
    expect(next.text).toMatch(said);
    expect(next.output.prompt).toBe('bank.funding');
    await call.press('1');
    const done = await call.press('1');
    expect(done.text).toMatch(/10/);
    expect((await world.repos.autopay.forAccount(await accountId(world, CIVIC)))?.dayOfMonth).toBe(10);
  });
});

describe('a spoken question at a yes-or-no question', () => {
  it.each([
    ['es', 'oiga y me cobran algo por hacerlo así', /no tiene ningún costo/],
    ['en', 'wait is there like a fee for doing it this way', /no fee for paying on this line/],
  ] as const)('(%s voice) "%s" at the read-back is answered; the payment is neither made nor dropped', async (locale, question, answer) => {
    const { talk: call, reply } = await talk('voice', locale, locale === 'es' ? 'quiero pagar la jeep' : 'pay the jeep', JEEP, JORDAN_SSN, locale === 'es' ? 'trescientos cincuenta y seis con noventa' : 'three fifty six ninety', locale === 'es' ? 'hoy' : 'today', locale === 'es' ? 'la registrada' : 'the one on file');
    expect(reply.output.prompt).toBe('pay.confirm');
    const next = await call.say(question);
    expect(next.text).toMatch(answer);
    expect(next.output.prompt).toBe('pay.confirm');
    expect(await madeHereOn(JEEP)).toHaveLength(0);
  });
});

describe('cards on a phone line that takes them', () => {
  beforeEach(async () => {
    world = await engineWorld({ phoneTakesCards: true });
  });

  it.each([
    ['es', 'a ver con otra tarjeta'],
    ['en', 'let me try another card'],
  ] as const)('(%s voice) "%s" where a new bank account or a card is offered is the card', async (locale, words) => {
    const { talk: call } = await talk('voice', locale, locale === 'es' ? 'quiero pagar' : 'i want to pay', F150, MARIA_SSN, locale === 'es' ? 'quinientos ochenta y nueve con diez' : 'five eighty nine ten');
    const choice = await call.say(locale === 'es' ? 'hoy' : 'today');
    expect(choice.output.prompt).toBe('bank.funding');
    const next = await call.say(words);
    expect(next.output.prompt).toBe('pay.card');
  });

  it.each([
    ['en', 'I wanna make a payment on the civic with my debit card'],
    ['es', 'quiero hacer un pago del civic con mi tarjeta de débito'],
  ] as const)('(%s voice) "%s" is a payment by card, not the card question', async (locale, words) => {
    const { reply } = await talk('voice', locale, words, CIVIC, JORDAN_SSN);
    expect(reply.output.prompt).toBe('pay.amountChoice');
  });
});

describe('the answer just given, for the vehicle meant', () => {
  it.each([
    ['en', 'voice', 'hi um I wanna get a payoff on my car', 'the civic', "oh wait no sorry I meant the jeep the grand cherokee that's the one I'm trading in", /Jeep Grand Cherokee, the payoff amount is 6,137 dollars/],
    ['es', 'chat', 'cuanto debo', 'el civic', 'perdon, quise decir la jeep', /Jeep Grand Cherokee \(cuenta que termina en 0005\) es de \$356\.90/],
  ] as const)('(%s %s) "%s" after the answer for the Civic gives it for the Jeep', async (locale, channel, request, first, meant, answer) => {
    const { talk: chat } = await talk(channel, locale, request, CIVIC, JORDAN_SSN, first);
    const next = await chat.say(meant);
    expect(next.text).toMatch(answer);
  });
});

describe('amounts and banks said with more words', () => {
  it.each([
    ['en', 'oh okay just the regular four twelve thirty six then'],
    ['es', 'nomás la mensualidad normal cuatrocientos doce con treinta y seis'],
  ] as const)('(%s voice) "%s" is $412.36', async (locale, words) => {
    const { reply } = await talk('voice', locale, locale === 'es' ? 'quiero pagar el civic' : 'pay the civic', CIVIC, JORDAN_SSN, words);
    expect(reply.output.prompt).toBe('pay.dateChoice');
  });

  it.each([
    ['en', 'actually no wait, use my new credit union account instead, the old one is getting closed'],
    ['es', 'no espere, mejor de mi cuenta nueva de la cooperativa, la otra la van a cerrar'],
  ] as const)('(%s chat) "%s" at the read-back asks for the new account', async (locale, words) => {
    const { talk: chat, reply } = await talk('chat', locale, locale === 'es' ? 'quiero pagar el civic' : 'pay the civic', CIVIC, JORDAN_SSN, '412.36', locale === 'es' ? 'mañana' : 'tomorrow', locale === 'es' ? 'la registrada' : 'use my bank on file');
    expect(reply.output.prompt).toBe('pay.confirm');
    const next = await chat.say(words);
    expect(next.output.prompt).toBe('bank.routing');
  });

  it.each([
    ['es', 'no tengo banco registrado, con mi cuenta de cheques ruta 021000021'],
    ['en', "i don't have a bank on file, use my checking, routing 021000021"],
  ] as const)('(%s chat) "%s" where the routing number is asked takes the routing number', async (locale, words) => {
    const { talk: chat, reply } = await talk('chat', locale, locale === 'es' ? 'quiero pagar la troca' : 'pay my truck', F150, MARIA_SSN, '589.10', locale === 'es' ? 'mañana' : 'tomorrow');
    expect(reply.output.prompt).toBe('bank.routing');
    const next = await chat.say(words);
    expect(next.output.prompt).toBe('bank.bankAccount');
  });
});

describe('a longer request to repeat', () => {
  it.each([
    ['es', 'cómo me lo repite por favor más despacito es que no oigo muy bien'],
    ['en', "sorry can you repeat that a little slower please i don't hear so well these days"],
  ] as const)('(%s voice) "%s" at the Auto Pay cancel question repeats it; Auto Pay stays', async (locale, words) => {
    const { talk: call, reply } = await talk('voice', locale, locale === 'es' ? 'quiero cancelar el autopay' : 'i want to cancel autopay', TACOMA, BLUE_RIDGE_EIN);
    expect(reply.output.prompt).toBe('autopay_cancel.confirm');
    const again = await call.say(words);
    expect(again.output.prompt).toBe('autopay_cancel.confirm');
    expect((await world.repos.autopay.forAccount(await accountId(world, TACOMA)))?.active).toBe(true);
  });
});

describe('a topic for a person guessed at second is not offered', () => {
  it.each([
    ['es', 'buenas, soy la administradora de Blue Ridge Landscaping y queremos quitar el autopay de la Tacoma', 'autopay_cancel'],
    ['es', 'vengo a abonar al carro', 'make_payment'],
    ['en', 'hi, this is the office manager at blue ridge landscaping, we want to take the tacoma off autopay', 'autopay_cancel'],
  ] as const)('(%s chat) "%s" is the request it names', async (locale, words, intent) => {
    const { reply } = await talk('chat', locale, words);
    expect(reply.output.intent).toBe(intent);
    expect(reply.output.prompt).toBe('verify.reference');
  });
});

describe('a bank named where the day is asked, and a sum with its cents where the routing number is', () => {
  it.each([
    ['es', 'bueno entonces con mi cuenta de banco nueva', 'hoy'],
    ['en', 'ok then from my new bank account', 'today'],
  ] as const)('(%s chat) "%s" is kept for the bank question, and the day is asked again', async (locale, bank, today) => {
    const { talk: chat, reply } = await talk('chat', locale, locale === 'es' ? 'quiero pagar la troca' : 'pay my truck', F150, MARIA_SSN, '589.10', bank);
    expect(reply.output.prompt).toBe('pay.dateChoice');
    const next = await chat.say(today);
    expect(next.output.prompt).toBe('bank.routing');
  });

  it.each([
    ['es', '589.10', /Entendido: \$589\.10 en su lugar/],
    ['en', '589.10', /Got it: \$589\.10 instead/],
  ] as const)('(%s chat) "%s" where the routing number is asked changes the amount', async (locale, sum, said) => {
    const { reply } = await talk('chat', locale, locale === 'es' ? 'quiero pagar la troca' : 'pay my truck', F150, MARIA_SSN, '1178.20', locale === 'es' ? 'hoy' : 'today', sum);
    expect(reply.text).toMatch(said);
    expect(reply.output.prompt).toBe('bank.routing');
  });
});

describe('a sum read out with its point', () => {
  it.each([
    ['es', 'quinientos ochenta y nueve punto diez', F150, MARIA_SSN, []],
    ['es', 'tres cinco seis punto nueve cero', JEEP, JORDAN_SSN, ['la jeep']],
    ['en', 'wait sorry make that three five six point nine zero', JEEP, JORDAN_SSN, ['the jeep']],
  ] as const)('(%s voice) "%s" is the sum', async (locale, sum, account, ssn, pick) => {
    const { reply } = await talk('voice', locale, locale === 'es' ? 'quiero pagar' : 'make a payment', account, ssn, ...pick, sum);
    expect(reply.output.prompt).toBe('pay.dateChoice');
  });

  it('(es voice) "trescientos punto cinco" is $300.50, a point, not "con cinco" ($300.05)', async () => {
    const { talk: call } = await talk('voice', 'es', 'quiero pagar', F150, MARIA_SSN, 'trescientos punto cinco', 'hoy');
    const readBack = await call.press('021000021').then(() => call.press('1029384756'));
    expect(readBack.text).toMatch(/300 dólares con 50 centavos/);
  });
});

describe('a question the FAQ answers, with nothing else in sight', () => {
  it.each([
    ['en', "also whats gap? the dealer mentioned it", /GAP/],
    ['es', 'oiga y que es eso del gap? el del dealer me dijo', /GAP/],
  ] as const)('(%s chat) "%s" is answered', async (locale, question, answer) => {
    const { reply } = await talk('chat', locale, question);
    expect(reply.text).toMatch(answer);
  });
});

describe('paying the loan off in so many words', () => {
  it.each([
    ['en', "okay yeah let's pay that off today from my bank on file", /payoff amount is 6,137 dollars and 33 cents/],
    ['es', 'bueno sí, quiero liquidarla hoy de la cuenta registrada', /liquidación de su 2019 Jeep Grand Cherokee|6,137 dólares con 33 centavos/],
  ] as const)('(%s voice) "%s" after the quote pays the payoff, read back', async (locale, words, payoff) => {
    const { reply } = await talk('voice', locale, locale === 'es' ? 'cuánto necesito para liquidar' : 'what is my payoff', JEEP, JORDAN_SSN, locale === 'es' ? 'la jeep' : 'the jeep', words);
    expect(reply.text).toMatch(payoff);
    expect(reply.output.prompt).toBe('pay.confirm');
  });
});
