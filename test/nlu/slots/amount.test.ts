import { readAmount, type AmountReading } from '../../../core/nlu';

// Jordan Avery's Civic: $412.36 due, nothing past due, $18,000.00 to pay off.
const ctx = { amountDueCents: 41236, pastDueCents: 0, payoffCents: 1_800_000 };
const cents = (n: number): AmountReading => ({ kind: 'cents', cents: n });

describe('when the assistant asks how much to pay, then the answer is read as an amount', () => {
  it.each([
    ['$200', 20000],
    ['200', 20000],
    ['two fifty', 25000],
    ['two fifty five', 25500],
    ['a hundred and twelve thirty six', 11236],
    ['112.36', 11236],
    ['four twelve thirty six', 41236],
    ['two oh five', 20500],
    ['three hundred dollars', 30000],
    ["I'll pay two fifty please", 25000],
    ['make it 150', 15000],
    ['fifty cents', 50],
    ['two hundred and fifty dollars and 75 cents', 25075],
    ['$1,250.50', 125050],
    ['I want to pay $200 on my Civic tomorrow, VIN 2HGFE2F5XMH512345', 20000],
    ['pay $50 on the 15th', 5000],
    // After the verb of paying, or written with cents, a number is money inside any sentence.
    ['pay 155 on my civic today from the account on file', 15500],
    ['pay 199.99 on the civic today from a different account', 19999],
    ['lol oops i meant 95.00', 9500],
  ])('in English, "%s" is %i cents', (text, expected) => {
    expect(readAmount(text, 'en', ctx)).toEqual(cents(expected));
  });

  it.each([
    ['quinientos cincuenta', 55000],
    ['ah no perdón nomás quinientos ochenta y nueve con diez', 58910],
    ['mil dólares', 100000],
    ['mil dolares', 100000],
    ['mil quinientos', 150000],
    ['doscientos con cincuenta centavos', 20050],
    ['doscientos con cinco centavos', 20005],
    ['cuatrocientos doce con treinta y seis', 41236],
    ['doscientos dolares con cincuenta', 20050],
    ['ciento doce treinta y seis', 11236],
    ['quiero pagar 300', 30000],
    ['200,50', 20050],
    ['quiero pagar 400 de la F150 mañana', 40000],
    ['no espera, mejor que sean 450', 45000],
    ['perdón, quise decir 95.00', 9500],
  ])('in Spanish, "%s" is %i cents', (text, expected) => {
    expect(readAmount(text, 'es', ctx)).toEqual(cents(expected));
  });

  it('reads "twelve fifty" as $1,250 unless only $12.50 fits the account', () => {
    expect(readAmount('twelve fifty', 'en', ctx)).toEqual(cents(125000));
    expect(readAmount('twelve fifty', 'en', { ...ctx, payoffCents: 90000 })).toEqual(cents(1250));
  });
});

describe('when the customer names the amount instead of saying it, then the named amount is returned', () => {
  it.each([
    ['the full amount', 'en', 'amount_due'],
    ['the whole thing', 'en', 'amount_due'],
    ['what I owe', 'en', 'amount_due'],
    ['the amount due', 'en', 'amount_due'],
    ['la cantidad completa', 'es', 'amount_due'],
    ['quiero pagar la cantidad completa', 'es', 'amount_due'],
    ['lo que debo', 'es', 'amount_due'],
    ['the past due', 'en', 'past_due'],
    ['lo atrasado', 'es', 'past_due'],
    ['pay it off', 'en', 'payoff'],
    ['the payoff', 'en', 'payoff'],
    ['liquidar', 'es', 'payoff'],
    ['todo el saldo', 'es', 'payoff'],
  ] as const)('"%s" (%s) is %s', (text, locale, kind) => {
    expect(readAmount(text, locale, ctx)).toEqual({ kind });
  });
});

describe('when the answer is not an amount, then nothing is read', () => {
  it.each([
    ['quiero hablar con una persona', 'es'],
    ['el primero', 'es'],
    ['no puedo pagar todo', 'es'],
    ['quiero abonarle a la troca pero no todo', 'es'],
    ['una cosa más', 'es'],
    ['talk to one of your agents', 'en'],
    ['I have two cars', 'en'],
    ['the second one', 'en'],
    ['number two', 'en'],
    ['2nd', 'en'],
    ['call me at 704 555 0101', 'en'],
    ['704-555-0101', 'en'],
    ['401 22 7788', 'en'],
    ['$100 or $200', 'en'],
    ["I can't pay the full amount", 'en'],
    ['the F-150', 'en'],
    ['pay the 2 cars', 'en'],
    ['pagar los dos carros', 'es'],
    ['', 'en'],
  ] as const)('"%s" (%s) is none', (text, locale) => {
    expect(readAmount(text, locale, ctx)).toEqual({ kind: 'none' });
  });

  it('refuses fractions of a cent instead of rounding them', () => {
    expect(readAmount('$1.234', 'en', ctx)).toEqual({ kind: 'too_precise' });
    expect(readAmount('1.234 dólares', 'es', ctx)).toEqual({ kind: 'too_precise' });
  });
});
