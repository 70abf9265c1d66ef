import { dayOfMonthMention, readDate, readDayOfMonth } from '../../../core/nlu';

// Wednesday 4 December 2024.
const today = '2024-12-04';

describe('when the assistant asks when to pay, then the answer is read as a date', () => {
  it.each([
    ['today', '2024-12-04'],
    ['tomorrow', '2024-12-05'],
    ['the day after tomorrow', '2024-12-06'],
    ['end of the month', '2024-12-31'],
    ['end of next month', '2025-01-31'],
    ['the 15th', '2024-12-15'],
    ['on the fifteenth', '2024-12-15'],
    ['15', '2024-12-15'],
    ['pay on the 20th please', '2024-12-20'],
    ['next friday', '2024-12-13'],
    ['friday', '2024-12-06'],
    ['Wednesday', '2024-12-04'],
    ['December 20', '2024-12-20'],
    ['in a week', '2024-12-11'],
    ['in 3 days', '2024-12-07'],
    ['right now', '2024-12-04'],
    ['today at 5pm', '2024-12-04'],
    ['not today, tomorrow', '2024-12-05'],
  ])('in English, "%s" is %s', (text, date) => {
    expect(readDate(text, 'en', today)).toEqual({ kind: 'date', date });
  });

  it.each([
    ['hoy', '2024-12-04'],
    ['mañana', '2024-12-05'],
    ['manana', '2024-12-05'],
    ['mañana por la mañana', '2024-12-05'],
    ['pasado mañana', '2024-12-06'],
    ['pasado manana', '2024-12-06'],
    ['fin de mes', '2024-12-31'],
    ['a fin de mes', '2024-12-31'],
    ['el quince', '2024-12-15'],
    ['el 15', '2024-12-15'],
    ['el día 20', '2024-12-20'],
    ['mejor el quince', '2024-12-15'],
    ['el próximo viernes', '2024-12-13'],
    ['el proximo viernes', '2024-12-13'],
    ['el sábado', '2024-12-07'],
    ['20 de diciembre', '2024-12-20'],
    ['el 20 de diciembre', '2024-12-20'],
    ['quince de enero', '2025-01-15'],
    ['en dos semanas', '2024-12-18'],
    ['en una semana', '2024-12-11'],
    ['ahorita', '2024-12-04'],
  ])('in Spanish, "%s" is %s', (text, date) => {
    expect(readDate(text, 'es', today)).toEqual({ kind: 'date', date });
  });

  it('rolls a day of the month that has passed on to next month', () => {
    expect(readDate('the 1st', 'en', today)).toEqual({ kind: 'date', date: '2025-01-01' });
    expect(readDate('on the first', 'en', today)).toEqual({ kind: 'date', date: '2025-01-01' });
    expect(readDate('el primero', 'es', today)).toEqual({ kind: 'date', date: '2025-01-01' });
    // November has no 31st: the next 31st is in December.
    expect(readDate('el 31', 'es', '2024-11-05')).toEqual({ kind: 'date', date: '2024-12-31' });
  });

  it('keeps a month and day just gone (so it can be refused as past) and moves an older one to next year', () => {
    expect(readDate('December 1', 'en', today)).toEqual({ kind: 'date', date: '2024-12-01' });
    expect(readDate('October 1', 'en', today)).toEqual({ kind: 'date', date: '2025-10-01' });
  });

  it('knows the end of a short month', () => {
    expect(readDate('end of the month', 'en', '2024-02-10')).toEqual({ kind: 'date', date: '2024-02-29' });
  });
});

describe('when the answer is a time but not a day, then the assistant should ask which day', () => {
  it.each([
    ['next payday', 'en'],
    ['when I get paid', 'en'],
    ['cuando me paguen', 'es'],
    ['en la quincena', 'es'],
  ] as const)('"%s" (%s) asks about payday', (text, locale) => {
    expect(readDate(text, locale, today)).toEqual({ kind: 'ask', reason: 'payday' });
  });

  it.each([
    ['next week', 'en'],
    ['soon', 'en'],
    ['la próxima semana', 'es'],
    ['en unos días', 'es'],
  ] as const)('"%s" (%s) is too vague', (text, locale) => {
    expect(readDate(text, locale, today)).toEqual({ kind: 'ask', reason: 'vague' });
  });
});

describe('when the answer names no day, then nothing is read', () => {
  it.each([
    ['someday', 'en'],
    ['not now', 'en'],
    ['I want to talk to a person', 'en'],
    ['I have two cars', 'en'],
    ['the second one', 'en'],
    ['el día de San Nunca', 'es'],
    ['cuando pueda', 'es'],
    ['quiero hablar con una persona', 'es'],
    // "mi" is not "miércoles", said on a Wednesday.
    ['necesito hacer el pago de mi troca', 'es'],
  ] as const)('"%s" (%s) is none', (text, locale) => {
    expect(readDate(text, locale, today)).toEqual({ kind: 'none' });
  });

  it('reads nothing when the conversation date is malformed', () => {
    expect(readDate('tomorrow', 'en', '12/04/2024')).toEqual({ kind: 'none' });
  });
});

describe('spans counted from today, and the account’s own due date', () => {
  it.each([
    ['en', 'a week from today', '2024-12-11'],
    ['en', '3 days from now', '2024-12-07'],
    ['en', 'two weeks from today', '2024-12-18'],
    ['es', 'de hoy en ocho', '2024-12-11'],
    ['es', 'de hoy en quince días', '2024-12-18'],
  ] as const)('(%s) "%s" is %s', (locale, text, expected) => {
    expect(readDate(text, locale, today)).toEqual({ kind: 'date', date: expected });
  });

  it.each([
    ['en', 'on the due date'],
    ['en', "the day it's due"],
    ['es', 'el día que vence'],
    ['es', 'en la fecha de vencimiento'],
  ] as const)('(%s) "%s" names the due date, which only the account knows', (locale, text) => {
    expect(readDate(text, locale, today)).toEqual({ kind: 'due_date' });
  });
});

describe('a model name is not a time', () => {
  it.each([
    ['es', 'quiero pagar 400 de la F150 mañana', '2024-12-05'],
    ['en', 'pay my F-150 on friday', '2024-12-06'],
  ] as const)('(%s) "%s" is %s', (locale, text, day) => {
    expect(readDate(text, locale, today)).toEqual({ kind: 'date', date: day });
  });
});

describe('a day of the month inside a longer request', () => {
  it.each([
    ['en', 'set up autopay on the 5th of every month', 5],
    ['en', 'move my auto pay to day 20', 20],
    ['es', 'quiero pago automático el día 25 de cada mes', 25],
    ['es', 'cambiar el pago automático al 5', 5],
    ['en', 'set up autopay for my 2 cars', null],
    ['es', 'pagar el 100 dólares', null],
    ['en', 'autopay on the twenty first of each month', 21],
    ['en', 'set up autopay on the fifth', 5],
    ['es', 'quiero pago automático el día diez de cada mes', 10],
    ['es', 'cada mes el veinticinco', 25],
    ['en', 'autopay for the second one', null],
    ['es', 'pago automático para los dos carros', null],
  ] as const)('(%s) "%s" names %s', (locale, text, day) => {
    expect(dayOfMonthMention(text, locale)).toBe(day);
  });
});

describe('when the assistant asks which day of the month, then the answer is that day', () => {
  it.each([
    ['en', 'the 5th', 5],
    ['en', 'the twenty eighth', 28],
    ['en', '12', 12],
    ['es', 'el quince', 15],
    ['es', 'el veinte', 20],
    ['en', 'fine, the 28th then', 28],
    ['en', 'ok the 28th then', 28],
    ['es', 'el primero de cada mes', 1],
    ['es', 'no, perdon, mejor el veinte que es cuando entra el dinero de los clientes', 20],
    ['es', 'mejor el 1', 1],
    ['en', 'tomorrow', null],
    ['es', 'no sé', null],
  ] as const)('(%s) "%s" is day %s', (locale, text, day) => {
    expect(readDayOfMonth(text, locale)).toBe(day);
  });
});
