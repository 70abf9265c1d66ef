import { detectTopic } from '../../../core/nlu';

describe('when the customer raises a topic that needs a person, then it is recognised', () => {
  it.each([
    ['my car got repossessed, what do I do', 'en', 'repossession'],
    ['they repo’d my truck', 'en', 'repossession'],
    ['me quitaron el carro', 'es', 'repossession'],
    ['lost my job', 'en', 'hardship'],
    ["I can't make this month's payment", 'en', 'hardship'],
    ['no puedo pagar este mes', 'es', 'hardship'],
    ['perdí mi trabajo', 'es', 'hardship'],
    ['can I skip a payment', 'en', 'deferral'],
    ['I need an extension', 'en', 'deferral'],
    ['quiero una prórroga', 'es', 'deferral'],
    ['I filed chapter 7', 'en', 'bankruptcy'],
    ['bancarrota', 'es', 'bankruptcy'],
    ['my husband passed away', 'en', 'death'],
    ['mi esposo falleció', 'es', 'death'],
    ['someone stole my identity', 'en', 'fraud'],
    ['hay un cargo que no hice', 'es', 'fraud'],
    ['I dispute this', 'en', 'dispute'],
    ['quiero disputar un reporte', 'es', 'dispute'],
    ['I want to file a complaint', 'en', 'complaint'],
    ['quiero poner una queja', 'es', 'complaint'],
    ['this is fucking useless', 'en', 'frustration'],
    ['this is useless', 'en', 'frustration'],
    ['eres inútil', 'es', 'frustration'],
    ['pinche bot', 'es', 'frustration'],
    ['qué mierda', 'es', 'frustration'],
  ] as const)('"%s" (%s) is %s', (text, locale, topic) => {
    expect(detectTopic(text, locale)).toBe(topic);
  });

  it.each([
    ['I want to pay', 'en'],
    ['what is my payoff', 'en'],
    ['cancel Auto Pay', 'en'],
    ['pay it off', 'en'],
    ['extra payment', 'en'],
    ['when is my payment due', 'en'],
    ['my phone died', 'en'],
    ["I can't pay online", 'en'],
    ['hello', 'en'],
    ['quiero pagar', 'es'],
    ['cuál es mi saldo', 'es'],
    ['cancelar Auto Pay', 'es'],
    ['quiero liquidar', 'es'],
    ['sin embargo quiero pagar', 'es'],
    ['no puedo pagar en línea', 'es'],
  ] as const)('an ordinary request, "%s" (%s), is no such topic', (text, locale) => {
    expect(detectTopic(text, locale)).toBeNull();
  });
});
