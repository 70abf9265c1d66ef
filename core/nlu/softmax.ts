import { foldText } from './text';

/**
 * A second opinion beside the NLP.js network: multinomial logistic regression
 * (softmax) over word stems and pairs of neighbouring stems. NLP.js trains one
 * independent yes/no unit per intent, so on a long or unusual sentence every
 * unit but one can fall silent and a single stray word decides ("I'd like to
 * send my monthly payment" read as hardship with full confidence). Softmax
 * trains all intents against each other, so the scores stay a real
 * comparison, and stem pairs keep some word order ("pay off" is not "pay"
 * plus "off"). The classifier averages the two.
 */

/** Training settings; fixed so that the same corpus always yields the same model. */
const EPOCHS = 12;
const LEARNING_RATE = 0.5;
const L2 = 1e-5;

/** One labelled training example. */
export interface SoftmaxExample {
  text: string;
  label: string;
}

/** A trained model: scores for every label, summing to 1. */
export interface SoftmaxModel {
  /** Probabilities by label, or null when the text has no word the model knows. */
  predict(text: string): Map<string, number> | null;
}

/** Word stems and neighbouring stem pairs of a text, each once. */
function features(text: string, stem: (word: string) => string): string[] {
  const stems = foldText(text)
    .split(' ')
    .filter(Boolean)
    .map((w) => stem(w));
  const out = new Set<string>(stems);
  for (let i = 1; i < stems.length; i++) out.add(`${stems[i - 1]} ${stems[i]}`);
  return [...out];
}

function softmax(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  const out = new Float64Array(scores.length);
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    out[i] = Math.exp(scores[i]! - max);
    total += out[i]!;
  }
  for (let i = 0; i < out.length; i++) out[i]! /= total;
  return out;
}

/**
 * Trains the model by plain stochastic gradient descent, visiting the
 * examples in a fixed interleaved order (no randomness: the same corpus gives
 * the same weights). A few thousand phrases train in well under a second.
 */
export function trainSoftmax(examples: readonly SoftmaxExample[], stem: (word: string) => string = (w) => w): SoftmaxModel {
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const weights = new Map<string, Float64Array>();
  const bias = new Float64Array(labels.length);
  const vectorOf = (f: string): Float64Array => {
    let w = weights.get(f);
    if (!w) {
      w = new Float64Array(labels.length);
      weights.set(f, w);
    }
    return w;
  };
  // Each example keeps direct references to its features' weight rows, so
  // the training loop does no lookups.
  const data = examples.map((e) => ({ rows: features(e.text, stem).map(vectorOf), y: labelIndex.get(e.label)! }));
  // Interleave by a fixed stride so consecutive updates come from different
  // intents, as the corpus lists each intent's phrases together.
  const stride = 7919;
  const order = data.map((_, i) => (i * stride) % data.length);
  const unique = new Set(order).size === data.length ? order : data.map((_, i) => i);

  const scoresOf = (rows: readonly Float64Array[]): Float64Array => {
    const scores = Float64Array.from(bias);
    for (const w of rows) for (let k = 0; k < scores.length; k++) scores[k]! += w[k]!;
    return scores;
  };

  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const rate = LEARNING_RATE / (1 + epoch * 0.2);
    for (const i of unique) {
      const { rows, y } = data[i]!;
      const p = softmax(scoresOf(rows));
      const decay = 1 - rate * L2;
      for (let k = 0; k < labels.length; k++) {
        const step = rate * (p[k]! - (k === y ? 1 : 0));
        bias[k]! -= step;
        for (const w of rows) w[k] = w[k]! * decay - step;
      }
    }
  }

  return {
    predict(text: string): Map<string, number> | null {
      const rows = features(text, stem)
        .map((f) => weights.get(f))
        .filter((w): w is Float64Array => w !== undefined);
      if (!rows.length) return null;
      const p = softmax(scoresOf(rows));
      return new Map(labels.map((l, k) => [l, p[k]!]));
    },
  };
}
