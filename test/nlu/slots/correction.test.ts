import { readCorrection } from '../../../core/nlu';

describe('when the customer corrects an earlier answer, then the slot and the new value are read', () => {
  it.each([
    ['no wait, make it $150', 'en', { slot: 'amount', value: '$150' }],
    ['actually tomorrow', 'en', { slot: 'date', value: 'tomorrow' }],
    ['no, tomorrow', 'en', { slot: 'date', value: 'tomorrow' }],
    ['change the amount', 'en', { slot: 'amount' }],
    ['change the date to friday', 'en', { slot: 'date', value: 'friday' }],
    ['make it the Jeep instead', 'en', { slot: 'account', value: 'the jeep' }],
    ['use a different bank', 'en', { slot: 'bank' }],
    ['cambia la cantidad a quinientos cincuenta', 'es', { slot: 'amount', value: 'quinientos cincuenta' }],
    ['cambia la fecha', 'es', { slot: 'date' }],
    ['mejor el quince', 'es', { slot: 'date', value: 'el quince' }],
    ['otro banco', 'es', { slot: 'bank' }],
    ['no espera, que sea mil dólares', 'es', { slot: 'amount', value: 'mil dolares' }],
    ['no espera, mejor 150, que no me alcanza', 'es', { slot: 'amount', value: '150' }],
    ['actually make it 150 because money is tight', 'en', { slot: 'amount', value: '150' }],
    ['actually make it 200, i need gas money this week', 'en', { slot: 'amount', value: '200' }],
    ['ponle 200, ando corto esta semana', 'es', { slot: 'amount', value: '200' }],
    ['actually make it $90,000', 'en', { slot: 'amount', value: '$90,000' }],
  ] as const)('"%s" (%s) is %j', (text, locale, expected) => {
    expect(readCorrection(text, locale)).toEqual(expected);
  });

  it.each([
    ['no, not yet', 'en'],
    ['no thanks', 'en'],
    ['yes', 'en'],
    ['I want to pay', 'en'],
    ['mejor no', 'es'],
    ['no espera', 'es'],
    ['sin embargo quiero pagar', 'es'],
  ] as const)('"%s" (%s) is not a correction', (text, locale) => {
    expect(readCorrection(text, locale)).toBeNull();
  });
});
