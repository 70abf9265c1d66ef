import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INTENTS, isIntentName, type IntentName, type NluLocale } from './intents';

/** Utterances per intent, as stored in core/nlu/corpus/*.json. */
export type Corpus = Record<IntentName, string[]>;

/** Where the corpora live; resolved from this file so cwd does not matter. */
export const CORPUS_DIR = join(__dirname, 'corpus');

/**
 * Reads and validates one corpus file. Unknown intent names or an intent with
 * no examples are errors: a typo in a data file must fail loudly at start-up,
 * not silently route users to the wrong flow.
 */
export function readCorpusFile(fileName: string): Corpus {
  const raw: unknown = JSON.parse(readFileSync(join(CORPUS_DIR, fileName), 'utf8'));
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(`${fileName}: expected an object of intent -> utterances`);
  }
  const corpus = {} as Corpus;
  for (const [intent, utterances] of Object.entries(raw)) {
    if (!isIntentName(intent)) throw new Error(`${fileName}: unknown intent "${intent}"`);
    if (!Array.isArray(utterances) || !utterances.every((u) => typeof u === 'string')) {
      throw new Error(`${fileName}: "${intent}" must be an array of strings`);
    }
    corpus[intent] = utterances as string[];
  }
  for (const intent of INTENTS) {
    if (!corpus[intent]?.length) throw new Error(`${fileName}: no utterances for "${intent}"`);
  }
  return corpus;
}

/** The training corpus for a language. */
export function loadTrainingCorpus(locale: NluLocale): Corpus {
  return readCorpusFile(`${locale}.json`);
}

/** The held-out evaluation set for a language; never used for training. */
export function loadHeldOutCorpus(locale: NluLocale): Corpus {
  return readCorpusFile(`heldout-${locale}.json`);
}

/**
 * The development set for a language: messy, indirect, regional and
 * voice-style requests written apart from the training phrases to measure how
 * far the classifier generalises beyond them. Never used for training.
 */
export function loadDevCorpus(locale: NluLocale): Corpus {
  return readCorpusFile(`dev-${locale}.json`);
}

/** Flattens a corpus into (utterance, intent) pairs in a stable order. */
export function corpusEntries(corpus: Corpus): Array<{ text: string; intent: IntentName }> {
  return INTENTS.flatMap((intent) => corpus[intent].map((text) => ({ text, intent })));
}
