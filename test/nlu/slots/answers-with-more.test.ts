import { cardPaymentAskedFor, detectTopic, fundingMention, putsAQuestion, readAmount, readDate, spokenDigits, withoutDayAndBank } from '../../../core/nlu';
import { dropAsideOpening, dropClockTimes } from '../../../core/nlu/preprocess';

// Jordan Avery's Jeep: $356.90 due, nothing past due.
const ctx = { amountDueCents: 35690, pastDueCents: 0, payoffCents: 613_733 };
const TODAY = '2026-12-03';

describe('an amount said with the day and the bank is read without them', () => {
  it.each([
    ['en', '150 tomorrow, take it from the acct ending 4321', 15000],
    ['en', 'two fifty tomorrow', 25000],
    ['en', 'two fifty, tomorrow, from my bank ending four three two one', 25000],
    ['en', '200 from the 4321 account tomorrow', 20000],
    ['en', '356.90 dated yesterday, bank on file', 35690],
    ['es', 'trescientos cincuenta y seis con noventa, mañana, de la cuenta que termina en 4321', 35690],
    ['es', 'trescientos cincuenta y seis con noventa, con fecha de ayer', 35690],
    ['es', 'doscientos para hoy de la cuenta registrada', 20000],
    ['es', 'trescientos cincuenta y seis con noventa hoy mismo', 35690],
  ] as const)('(%s) "%s" is %i cents', (locale, text, cents) => {
    expect(readAmount(text, locale, ctx)).toEqual({ kind: 'cents', cents });
  });

  it.each([
    ['en', 'account 4100020005'],
    ['en', 'the one ending 4321'],
    ['es', 'la cuenta que termina en 4321'],
    ['en', 'tomorrow'],
  ] as const)('(%s) "%s" names no amount', (locale, text) => {
    expect(readAmount(text, locale, ctx)).toEqual({ kind: 'none' });
  });
});

describe('days said by name', () => {
  it.each([
    ['en', 'hey i need to pay 150 on my civic tmrw', '2026-12-04'],
    ['en', 'dated yesterday', '2026-12-02'],
    ['es', 'con fecha de ayer', '2026-12-02'],
    ['es', 'de antier', '2026-12-01'],
    ['en', 'the day before yesterday', '2026-12-01'],
  ] as const)('(%s) "%s" is %s', (locale, text, date) => {
    expect(readDate(text, locale, TODAY)).toEqual({ kind: 'date', date });
  });
});

describe('the bank named in a sentence', () => {
  it.each([
    ['en', 'from the 4321 account', { kind: 'last4', last4: '4321' }],
    ['en', 'from my bank ending four three two one', { kind: 'last4', last4: '4321' }],
    ['es', 'de la que termina en cuatro tres dos uno', { kind: 'last4', last4: '4321' }],
    ['en', 'with my debit card', { kind: 'card' }],
    ['es', 'con tarjeta de débito', { kind: 'card' }],
  ] as const)('(%s) "%s"', (locale, text, mention) => {
    expect(fundingMention(text, locale)).toEqual(mention);
  });

  it.each([
    ['en', 'is there a fee to pay by card?'],
    ['es', 'oiga y me cobran algo por pagar con tarjeta'],
    ['en', 'can i use a card'],
  ] as const)('(%s) a card asked about ("%s") is not chosen', (locale, text) => {
    expect(fundingMention(text, locale)).toBeNull();
  });

  it.each([
    ['es', 'quiero hacer un pago pero no tengo tarjeta'],
    ['en', "i don't have a card"],
    ['en', 'no card, sorry'],
  ] as const)('(%s) a card ruled out ("%s") is not chosen', (locale, text) => {
    expect(fundingMention(text, locale)?.kind).not.toBe('card');
  });
});

describe('a payment by card asked for, not asked about', () => {
  it.each(['pay my civic with a debit card', 'i want to pay with my credit card', 'quiero pagar con tarjeta', 'voy a pagar con tarjeta de debito'])('"%s" asks for one', (text) => {
    expect(cardPaymentAskedFor(text)).toBe(true);
  });

  it.each(['can i pay with a card?', 'is there a fee to pay by debit card', '¿puedo pagar con tarjeta?', 'me cobran por pagar con tarjeta', 'i lost my debit card'])('"%s" does not', (text) => {
    expect(cardPaymentAskedFor(text)).toBe(false);
  });
});

describe('a question put at a yes-or-no question', () => {
  it.each(['si pago en western union me cobran algo?', 'yes but when does it go out?', '¿si lo cancelo hoy me cobran?'])('"%s" is a question', (text) => {
    expect(putsAQuestion(text)).toBe(true);
  });

  it.each(['yes', 'sí, adelante', 'sure?', 'yes please go ahead'])('"%s" is not', (text) => {
    expect(putsAQuestion(text)).toBe(false);
  });
});

describe('the opening of a question put in the middle of something else', () => {
  it.each([
    ['en', 'before i do that, if we pay at western union do u charge a fee?', 'if we pay at western union do u charge a fee?'],
    ['en', 'ok quick question: where do i mail a check', 'where do i mail a check'],
    ['es', 'antes de eso, ¿cuánto cobran en western union?', '¿cuánto cobran en western union?'],
    ['es', 'oiga, una pregunta: ¿a dónde mando el cheque?', '¿a dónde mando el cheque?'],
    ['en', 'first payment due date', 'first payment due date'],
  ] as const)('(%s) "%s" becomes "%s"', (locale, text, rest) => {
    expect(dropAsideOpening(text, locale)).toBe(rest);
  });
});

describe('numbers read out in two-digit groups', () => {
  it.each([
    ['en', 'forty one oh oh oh two oh oh oh four', '4100020004'],
    ['en', 'four one double oh twenty four', '410024'],
    ['es', 'cuarenta y uno cero cero cero dos cero cero cero cuatro', '4100020004'],
    ['es', 'doce treinta', '1230'],
    ['es', 'veintiocho uno cero', '2810'],
  ] as const)('(%s) "%s" is %s', (locale, text, digits) => {
    expect(spokenDigits(text, locale)).toBe(digits);
  });
});

describe('a sum paid now is not a hardship to hand to a person', () => {
  it.each([
    ['es', 'uy no, no me alcanza la lana. mejor nomas quiero abonar 600'],
    ['en', "i can't afford the full payment, i'll just pay 100"],
  ] as const)('(%s) "%s"', (locale, text) => {
    expect(detectTopic(text, locale)).toBeNull();
  });

  it.each([
    ['es', 'no me alcanza, no puedo pagar 400 este mes'],
    ['en', "i can't pay 400 this month"],
    ['es', 'perdi mi trabajo y no puedo pagar'],
  ] as const)('(%s) "%s" is still one', (locale, text) => {
    expect(detectTopic(text, locale)).toBe('hardship');
  });
});

describe('times of day and written dates say nothing of what is asked', () => {
  it.each([
    ['it is 12/3/2026, 4:07:15 PM and I want to know where to mail my payment', 'it is, and I want to know where to mail my payment'],
    ['son las 10:30 am y quiero pagar', 'son las y quiero pagar'],
    ['pay 150 on 12/15', 'pay 150 on 12/15'],
  ])('"%s" is read as "%s"', (text, rest) => {
    expect(dropClockTimes(text)).toBe(rest);
  });
});

describe('a request without the day and the bank it names', () => {
  it.each([
    ['es', 'pagar $180 del civic mañana de la cuenta registrada', 'pagar $180 del civic'],
    ['en', 'pay 200 tomorrow from the account ending 4321', 'pay 200'],
    ['en', 'what is my payoff', 'what is my payoff'],
  ] as const)('(%s) "%s" is "%s"', (locale, text, rest) => {
    expect(withoutDayAndBank(text, locale)).toBe(rest);
  });
});
