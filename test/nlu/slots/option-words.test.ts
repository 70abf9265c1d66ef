import {
  acknowledges,
  asksForAPerson,
  asksIfLookingHurts,
  asksWhatPayingHereCosts,
  asksWhichLanguageWeWrite,
  asksWhereToFindTheNumber,
  autoPayAskedFor,
  callsOffThePayment,
  extraPaymentAskedFor,
  namesTaxId,
  readLanguageName,
  readOptionWord,
  withoutOpening,
} from '../../../core/nlu';

describe('when an option offered by a button is answered in words, then the words pick it', () => {
  it.each([
    ['the full amount', ['due', 'other', 'principal'], 'due'],
    ['lo que debo', ['due', 'other', 'principal'], 'due'],
    ['a different amount', ['due', 'other', 'principal'], 'other'],
    ['a capital', ['due', 'other', 'principal'], 'principal'],
    ['later please', ['today', 'later'], 'later'],
    ['otro día', ['today', 'later'], 'later'],
    ['hoy', ['today', 'later'], 'today'],
    ['the one on file', ['onfile', 'new'], 'onfile'],
    ['una cuenta nueva', ['onfile', 'new'], 'new'],
    ['my debit card', ['onfile', 'new', 'card'], 'card'],
    ['de ahorro', ['checking', 'savings'], 'savings'],
    ['la checking', ['checking', 'savings'], 'checking'],
    ['a real person', ['agent', 'restart'], 'agent'],
    ['empezar de nuevo', ['agent', 'restart'], 'restart'],
    ['en español', ['en', 'es'], 'es'],
    ['English', ['en', 'es'], 'en'],
  ])('"%s" among %j is %s', (text, values, value) => {
    expect(readOptionWord(text, values)).toBe(value);
  });

  it('picks the first option offered that the words name', () => {
    // "another" names both a different amount and a new account: the order offered decides.
    expect(readOptionWord('another one', ['new', 'other'])).toBe('new');
    expect(readOptionWord('another one', ['other', 'new'])).toBe('other');
  });

  it('names nothing for words no option has, or for options it has no words for', () => {
    expect(readOptionWord('banana', ['due', 'other'])).toBeNull();
    expect(readOptionWord('today', ['intent:balance_due', 'toString'])).toBeNull();
  });
});

describe('when a customer names a language, then that language is read', () => {
  it.each([
    ['Spanish please', 'es'],
    ['en español', 'es'],
    ['castellano', 'es'],
    ['in English', 'en'],
    ['en inglés', 'en'],
    ['hello', null],
    // Both named: which one is wanted depends on the language spoken now.
    ['se puede en ingles? mi hijo no lee bien el español', null],
  ] as const)('"%s" is %s', (text, lang) => {
    expect(readLanguageName(text)).toBe(lang);
  });
});

describe('when a customer names a Social Security number or Tax ID, then that is read', () => {
  it.each([
    ['my ssn is 401 22 7788', true],
    ['social: 401227788', true],
    ['mi seguro social es 533 18 2046', true],
    ['el numero de identificacion fiscal es 56-1234567', true],
    ['vin 2hgfe2f5xmh512345', false],
    ['número de cuenta 4100020001', false],
  ] as const)('"%s" is %s', (text, named) => {
    expect(namesTaxId(text)).toBe(named);
  });
});

describe('when a customer asks for an extra payment rather than about one, then that is read', () => {
  it.each([
    ['I want to pay extra on the civic, put it towards principal', 'principal'],
    ['pay 500 toward principal on the civic tomorrow', 'principal'],
    ['quiero abonar 300 a capital de la jeep', 'principal'],
    ['I want to pay extra on my car, like a lot', 'extra'],
    ['quiero pagar de más este mes', 'extra'],
    ['can I pay extra toward principal?', null],
    ['¿puedo abonar a capital?', null],
    ['I want to know if I can pay more than the amount due', null],
    ['I want to pay off the principal balance', null],
    ['I want more information', null],
    ['quiero liquidar todo el capital', null],
  ] as const)('"%s" is %s', (text, reading) => {
    expect(extraPaymentAskedFor(text)).toBe(reading);
  });
});

describe('when an option is named inside a question, then it is not picked', () => {
  it.each([
    ['oiga y me cobran algo por pagar con tarjeta', ['onfile', 'new', 'card']],
    ['do you charge a fee for a card?', ['onfile', 'new', 'card']],
    ['¿cuánto cuesta pagar con tarjeta?', ['new', 'card']],
  ] as const)('"%s" picks nothing', (text, values) => {
    expect(readOptionWord(text, values)).toBeNull();
  });

  it.each([
    ['que sea con tarjeta', 'card'],
    ['con tarjeta pues', 'card'],
    ['the card', 'card'],
  ] as const)('"%s" still picks %s', (text, value) => {
    expect(readOptionWord(text, ['onfile', 'new', 'card'])).toBe(value);
  });
});

describe('the greeting and fillers a request opens with', () => {
  it.each([
    ['hola buenas quiero pagar uno de mis carros', 'quiero pagar uno de mis carros'],
    ['buenas tardes señorita disculpe la molestia le habla el dueño', 'le habla el dueno'],
    ['perdón por la molestia, quiero pagar', 'quiero pagar'],
    ['good afternoon sorry to bother you this is the owner', 'this is the owner'],
    ['hi good morning i wanna pay one of my cars', 'i wanna pay one of my cars'],
  ])('"%s" leaves "%s"', (text, rest) => {
    expect(withoutOpening(text)).toBe(rest);
  });
});

describe('requests said in passing, in either language', () => {
  it.each([
    ['can i talk to a real person about moving my due date', true],
    ['páseme con un asesor por favor', true],
    ['quiero hablar con alguien', true],
    ['let me talk to my wife first', false],
    ['someone used my card', false],
  ])('a person asked for in "%s": %s', (text, asked) => {
    expect(asksForAPerson(text)).toBe(asked);
  });

  it.each([
    ['no dont pay anything right now', true],
    ["don't make the payment", true],
    ['no, no pague nada todavía', true],
    ['ya no quiero pagar', true],
    ['i dont know how much to pay', false],
    ['no puedo pagar todo', false],
  ])('the payment called off in "%s": %s', (text, off) => {
    expect(callsOffThePayment(text)).toBe(off);
  });

  it.each([
    ['ok sounds good', true],
    ['perfecto', true],
    ['ah ok entendido', true],
    ['ok pay it', false],
    ['ok what about the jeep', false],
  ])('"%s" only acknowledges: %s', (text, ack) => {
    expect(acknowledges(text)).toBe(ack);
  });

  it.each([
    ['y me pueden mandar las cartas en español?', true],
    ['can you send my statements in spanish', true],
    ['can we switch to spanish', false],
    ['mail a check', false],
  ])('the language letters come in, asked in "%s": %s', (text, asked) => {
    expect(asksWhichLanguageWeWrite(text)).toBe(asked);
  });

  it.each([
    ['where do i even find my account number', true],
    ['no tengo el numero de cuenta', true],
    ['¿dónde veo el VIN?', true],
    ['where do i mail my payment', false],
    ['my account number is 4100020001', false],
  ])('where the number is found, asked in "%s": %s', (text, asked) => {
    expect(asksWhereToFindTheNumber(text)).toBe(asked);
  });

  it.each([
    ['si me meto a ver mi score de fico eso me baja el credito?', true],
    ['does checking my fico lower my credit', true],
    ['can i see my credit score? does that ding my credit', false],
    ['what is my fico score', false],
  ])('whether looking hurts the score, asked in "%s": %s', (text, asked) => {
    expect(asksIfLookingHurts(text)).toBe(asked);
  });

  it.each([
    ['y eso tiene algun cargo extra o me cobran algo?', true, true],
    ['y eso tiene algun cargo extra o me cobran algo?', false, false],
    ['is there a fee to pay with a card', true, false],
  ])('"%s" asks what paying here costs (in a payment: %s): %s', (text, paying, asked) => {
    expect(asksWhatPayingHereCosts(text, paying)).toBe(asked);
  });

  it.each([
    ['me quiero inscribir al autopay pa que ya no se me olvide', 'autopay_enroll'],
    ['ya no quiero el autopay', 'autopay_cancel'],
    ['stop drafting my autopay', 'autopay_cancel'],
    ['set me up on autopay so i stop forgetting', 'autopay_enroll'],
    ['put me on autopay, draft it at the end of the month', null],
  ])('"%s" asks of Auto Pay: %s', (text, asked) => {
    expect(autoPayAskedFor(text)).toBe(asked);
  });
});
