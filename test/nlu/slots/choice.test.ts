import { readChoice, type ChoiceOption } from '../../../core/nlu';

// Jordan Avery's two vehicles, as the engine would offer them.
const jordan: ChoiceOption[] = [
  { value: '4100020001', label: '2021 Honda Civic', last4: ['0001', '2345'] },
  { value: '4100020005', label: '2019 Jeep Grand Cherokee', last4: ['0005', '6554'], aliases: ['la camioneta'] },
];
const fleet: ChoiceOption[] = [
  ...jordan,
  { value: '4100020002', label: '2020 Ford F-150', last4: ['0002', '7890'] },
  { value: '4100020003', label: '2023 Tesla Model 3', last4: ['0003', '2233'] },
];
const CIVIC = '4100020001';
const JEEP = '4100020005';

describe('when the assistant asks which vehicle, then the answer picks one', () => {
  it.each([
    ['the second one', 'en', JEEP],
    ['the first one', 'en', CIVIC],
    ['the last one', 'en', JEEP],
    ['number 2', 'en', JEEP],
    ['option 1', 'en', CIVIC],
    ['2', 'en', JEEP],
    ['the Jeep', 'en', JEEP],
    ['Civic', 'en', CIVIC],
    ['the honda', 'en', CIVIC],
    ['the 2019', 'en', JEEP],
    ['jeep grand cherokke', 'en', JEEP],
    ['the one ending 0005', 'en', JEEP],
    ['the one ending oh oh oh five', 'en', JEEP],
    ['0005', 'en', JEEP],
    ['ending in 2345', 'en', CIVIC],
    ['4100020005', 'en', JEEP],
    ['1C4RJFBG1KC716554', 'en', JEEP],
    ['el segundo', 'es', JEEP],
    ['el primero', 'es', CIVIC],
    ['el último', 'es', JEEP],
    ['el ultimo', 'es', JEEP],
    ['la opción 2', 'es', JEEP],
    ['el número dos', 'es', JEEP],
    ['el jeep', 'es', JEEP],
    ['la camioneta', 'es', JEEP],
    ['el que termina en 0005', 'es', JEEP],
    ['el que termina en cero cero cero cinco', 'es', JEEP],
  ] as const)('"%s" (%s) picks %s', (text, locale, value) => {
    expect(readChoice(text, locale, jordan)).toEqual({ kind: 'picked', value });
  });

  it.each([
    ['el de la Ford', 'es', '4100020002'],
    ['the F-150', 'en', '4100020002'],
    ['the f150', 'en', '4100020002'],
    ['the model 3', 'en', '4100020003'],
    ['the tesla', 'en', '4100020003'],
    // A bare "3" is the third in the list, not the Model 3.
    ['3', 'en', '4100020002'],
  ] as const)('among four vehicles, "%s" (%s) picks %s', (text, locale, value) => {
    expect(readChoice(text, locale, fleet)).toEqual({ kind: 'picked', value });
  });
});

describe('when the answer fits more than one option, then it is ambiguous', () => {
  it('two signals pointing at different vehicles', () => {
    expect(readChoice('the first one, the jeep', 'en', jordan)).toEqual({ kind: 'ambiguous', values: [CIVIC, JEEP] });
  });

  it('a word two labels share', () => {
    const twoHondas: ChoiceOption[] = [
      { value: 'a', label: '2021 Honda Civic' },
      { value: 'b', label: '2018 Honda Accord' },
    ];
    expect(readChoice('the honda', 'en', twoHondas)).toEqual({ kind: 'ambiguous', values: ['a', 'b'] });
    expect(readChoice('the honda accord', 'en', twoHondas)).toEqual({ kind: 'picked', value: 'b' });
  });

  it('"both" and "los dos"', () => {
    expect(readChoice('both', 'en', jordan)).toEqual({ kind: 'ambiguous', values: [CIVIC, JEEP] });
    expect(readChoice('los dos', 'es', jordan)).toEqual({ kind: 'ambiguous', values: [CIVIC, JEEP] });
  });
});

describe('when the answer names no option, then nothing is picked', () => {
  it.each([
    ['neither', 'en'],
    ['I want to pay', 'en'],
    ['the third one', 'en'],
    ['5', 'en'],
    ['the truck', 'en'],
    ['ninguno', 'es'],
    ['quiero hablar con una persona', 'es'],
    // "la camioneta" works only for the option that lists it as an alias.
  ] as const)('"%s" (%s) is none', (text, locale) => {
    expect(readChoice(text, locale, jordan)).toEqual({ kind: 'none' });
  });

  it('an alias is not guessed for an option without it', () => {
    const noAlias = jordan.map(({ aliases: _aliases, ...rest }) => rest);
    expect(readChoice('la camioneta', 'es', noAlias)).toEqual({ kind: 'none' });
  });

  it('bank accounts are told apart by their last four, not by the word they share', () => {
    const banks: ChoiceOption[] = [
      { value: 'b1', label: 'Checking ending 4321', last4: ['4321'] },
      { value: 'b2', label: 'Savings ending 9876', last4: ['9876'] },
    ];
    expect(readChoice('the one ending 9876', 'en', banks)).toEqual({ kind: 'picked', value: 'b2' });
    expect(readChoice('checking', 'en', banks)).toEqual({ kind: 'picked', value: 'b1' });
    expect(readChoice('ending', 'en', banks)).toEqual({ kind: 'none' });
  });
});
