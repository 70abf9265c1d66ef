import { trainSoftmax } from '../../core/nlu/softmax';

const examples = [
  { text: 'pay my bill', label: 'pay' },
  { text: 'make a payment', label: 'pay' },
  { text: 'I want to pay', label: 'pay' },
  { text: 'pay off my loan', label: 'payoff' },
  { text: 'pay it off', label: 'payoff' },
  { text: 'pay off the car', label: 'payoff' },
  { text: 'what is the weather', label: 'none' },
  { text: 'tell me a joke', label: 'none' },
];

function best(scores: Map<string, number> | null): string | undefined {
  return scores ? [...scores.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] : undefined;
}

describe('the softmax intent model', () => {
  const model = trainSoftmax(examples);

  it('learns its training phrases', () => {
    for (const { text, label } of examples) expect(best(model.predict(text))).toBe(label);
  });

  it('tells paying off from paying although they share a word', () => {
    expect(best(model.predict('pay off my bill'))).toBe('payoff');
    expect(best(model.predict('please pay off everything'))).toBe('payoff');
    expect(best(model.predict('I want to pay my car bill'))).toBe('pay');
  });

  it('gives every label a probability and the probabilities sum to one', () => {
    const scores = model.predict('pay');
    expect(scores && [...scores.keys()].sort()).toEqual(['none', 'pay', 'payoff']);
    const total = [...(scores?.values() ?? [])].reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 10);
  });

  it('has no opinion on a text with no word it was trained on', () => {
    expect(model.predict('zzz qqq')).toBeNull();
    expect(model.predict('')).toBeNull();
  });

  it('trains to the same weights every time from the same examples', () => {
    const again = trainSoftmax(examples);
    expect(again.predict('pay off the bill')).toEqual(model.predict('pay off the bill'));
  });

  it('reads words through the stemmer it is given', () => {
    const stemmed = trainSoftmax(examples, (word) => word.replace(/(ing|s)$/, ''));
    expect(best(stemmed.predict('paying bills'))).toBe('pay');
  });
});
