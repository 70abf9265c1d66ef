import {
  dropFillers,
  editDistance,
  numberWordsToDigits,
  ordinalDays,
  prepareUtterance,
  restoreApostrophes,
  SpellingCorrector,
} from '../../core/nlu/preprocess';

describe('dropping spoken fillers', () => {
  it.each([
    ['um I want to uh pay my bill', 'en', 'I want to pay my bill'],
    ['Umm, hmm, balance', 'en', 'balance'],
    ['eh pues quiero pagar o sea hoy', 'es', 'quiero pagar hoy'],
    ['ehh cuánto debo', 'es', 'cuánto debo'],
  ] as const)('"%s" (%s) becomes "%s"', (text, locale, expected) => {
    expect(dropFillers(text, locale)).toBe(expected);
  });

  it('keeps words that are fillers only sometimes, and words that contain a filler', () => {
    expect(dropFillers('este mes no puedo pagar', 'es')).toBe('este mes no puedo pagar');
    expect(dropFillers('umbrella insurance', 'en')).toBe('umbrella insurance');
    expect(dropFillers('pueste', 'es')).toBe('pueste');
  });
});

describe('numbers in words as digits', () => {
  it.each([
    ['chapter thirteen', 'en', 'chapter 13'],
    ['I want to pay two hundred and fifty dollars', 'en', 'I want to pay 250 dollars'],
    ['a hundred and twelve', 'en', '112'],
    ['twenty-five bucks', 'en', '25 bucks'],
    ['two fifty', 'en', '2 50'],
    ['quiero pagar doscientos cincuenta dólares', 'es', 'quiero pagar 250 dólares'],
    ['treinta y cinco', 'es', '35'],
    ['dos mil quinientos', 'es', '2500'],
    ['mil dólares', 'es', '1000 dólares'],
    ['capítulo siete', 'es', 'capítulo 7'],
    ['el día quince', 'es', 'el día 15'],
  ] as const)('"%s" (%s) becomes "%s"', (text, locale, expected) => {
    expect(numberWordsToDigits(text, locale)).toBe(expected);
  });

  it('leaves words that are numbers only sometimes alone when they stand alone', () => {
    expect(numberWordsToDigits('the second one', 'en')).toBe('the second one');
    expect(numberWordsToDigits('a payment', 'en')).toBe('a payment');
    expect(numberWordsToDigits('quiero hablar con una persona', 'es')).toBe('quiero hablar con una persona');
    expect(numberWordsToDigits('un pago', 'es')).toBe('un pago');
  });

  it('does not read "and" or "y" between two separate words as part of a number', () => {
    expect(numberWordsToDigits('one car and two loans', 'en')).toBe('one car and 2 loans');
    expect(numberWordsToDigits('saldo y pagos', 'es')).toBe('saldo y pagos');
  });
});

describe('other typing habits', () => {
  it('puts the apostrophe back into English contractions typed without it', () => {
    expect(restoreApostrophes('i dont know why it doesnt work')).toBe("i don't know why it doesn't work");
    expect(restoreApostrophes('im behind, whats my balance')).toBe("I'm behind, what's my balance");
  });

  it('leaves words that only look like a contraction', () => {
    expect(restoreApostrophes('well, I cant say')).toBe('well, I cant say');
    expect(restoreApostrophes('my id and my ill mother')).toBe('my id and my ill mother');
  });

  it('writes a day given as an ordinal as one placeholder word', () => {
    expect(ordinalDays('move autopay to the 12th')).toBe('move autopay to the nth');
    expect(ordinalDays('the 1st or the 23rd')).toBe('the nth or the nth');
    expect(ordinalDays('chapter 13 and 45th street')).toBe('chapter 13 and 45th street');
  });

  it('prepares a voice transcript and a typed message to the same form', () => {
    expect(prepareUtterance('um I filed chapter seven', 'en')).toBe(prepareUtterance('I filed chapter 7', 'en'));
    expect(prepareUtterance('eh quiero pagar doscientos', 'es')).toBe(prepareUtterance('quiero pagar 200', 'es'));
    expect(prepareUtterance('heyyy  i dont\u0000 know', 'en')).toBe("hey i don't know");
  });
});

describe('repairing misspelt words against the training vocabulary', () => {
  const english = new SpellingCorrector(['make a payment', 'cancel autopay', 'where is my title', 'stuff']);
  const spanish = new SpellingCorrector(['muchas gracias', 'pagar desde mi banco', 'hacer un pago']);

  it.each([
    ['make a paymnet', 'make a payment'],
    ['cancle autopya', 'cancel autopay'],
    ['where is my tittle', 'where is my title'],
    ['make a payyment', 'make a payment'],
  ])('reads "%s" as "%s"', (text, expected) => {
    expect(english.correct(text)).toBe(expected);
  });

  it('repairs letters that sound alike in Spanish', () => {
    expect(spanish.correct('muchas grasias')).toBe('muchas gracias');
    expect(spanish.correct('pagar desde mi vanco')).toBe('pagar desde mi banco');
  });

  it('leaves short words, known words and far-off words alone', () => {
    expect(english.correct('tilt')).toBe('tilt');
    expect(english.correct('make a payment')).toBe('make a payment');
    expect(english.correct('weather forecast')).toBe('weather forecast');
  });

  it('does not swap a letter for one far away on the keyboard ("staff" is not a slip for "stuff")', () => {
    expect(english.correct('staff')).toBe('staff');
  });

  it('leaves a word alone when the model knows its stem', () => {
    const stemming = new SpellingCorrector(['I declare bankruptcy', 'decline'], (word) => word.replace(/d$/, ''));
    expect(stemming.correct('declared')).toBe('declared');
  });
});

describe('edit distance', () => {
  it('counts insertions, deletions, neighbouring swaps and near-key substitutions as one', () => {
    expect(editDistance('payment', 'paymentt', 2)).toBe(1);
    expect(editDistance('payment', 'paymet', 2)).toBe(1);
    expect(editDistance('payment', 'paymnet', 2)).toBe(1);
    expect(editDistance('payment', 'paynent', 2)).toBe(1);
  });

  it('counts a far-key substitution as two and gives up past the limit', () => {
    expect(editDistance('stuff', 'staff', 3)).toBe(2);
    expect(editDistance('payment', 'weather', 2)).toBe(3);
  });
});

describe('repairing four-letter words', () => {
  const spanish = new SpellingCorrector(['cuanto debo', 'quiero pagar', 'jeep']);

  it('repairs a letter that sounds the same ("devo" for "debo")', () => {
    expect(spanish.correct('cuanto devo')).toBe('cuanto debo');
  });

  it('leaves a four-letter word whose neighbour is only a keystroke away ("keep" is not "jeep")', () => {
    expect(spanish.correct('keep')).toBe('keep');
  });
});

describe('what identifies a vehicle says nothing about the request', () => {
  it.each([
    ['en', 'pay $200 on my Civic, VIN 2HGFE2F5XMH512345', 'pay $200 on my car,'],
    ['en', 'the Jeep Grand Cherokee, account 4100020005', 'the car,'],
    ['es', 'pagar, número de cuenta 4100020002', 'pagar,'],
    ['es', 'quiero hacer un pago de la F-150', 'quiero hacer un pago de la carro'],
  ] as const)('(%s) "%s" is read as "%s"', (locale, text, prepared) => {
    expect(prepareUtterance(text, locale)).toBe(prepared);
  });

  it('leaves ordinary words that are also model names alone', () => {
    expect(prepareUtterance('press escape to go back to the explorer', 'en')).toBe('press escape to go back to the explorer');
  });
});
