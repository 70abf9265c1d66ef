import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { containerBootstrap } from '@nlpjs/core';
import { Nlp } from '@nlpjs/nlp';
import { LangEn } from '@nlpjs/lang-en';
import { LangEs } from '@nlpjs/lang-es';
import { version as neuralVersion } from '@nlpjs/neural/package.json';
import { version as nlpVersion } from '@nlpjs/nlp/package.json';
import { corpusEntries, loadTrainingCorpus } from './corpus';
import { INTENTS, isIntentName, type IntentName, type NluLocale } from './intents';
import { prepareUtterance, SpellingCorrector } from './preprocess';
import { trainSoftmax, type SoftmaxExample, type SoftmaxModel } from './softmax';
import { hasWordCharacters, sanitizeInput } from './text';

/**
 * Below this top score the engine should not act on the intent; it asks a
 * clarifying question offering the two likeliest topics instead. Chosen from
 * the held-out evaluation (see scripts/eval-nlu.ts): at this value almost all
 * correct answers stay above it while most wrong ones fall below.
 */
export const NLU_THRESHOLD = 0.6;

/** How many runner-up intents are reported alongside the winner. */
const MAX_ALTERNATIVES = 3;

/** A scored intent. Scores are in [0, 1] and sum to at most 1 per utterance. */
export interface ScoredIntent {
  intent: IntentName;
  score: number;
}

/** Result of classifying one utterance. */
export interface Classification extends ScoredIntent {
  /** Runner-up intents, best first, excluding the winner. */
  alternatives: ScoredIntent[];
}

/** A trained intent classifier for both supported languages. */
export interface Nlu {
  /**
   * Classifies one utterance. Never throws for any string input: empty,
   * huge or junk input comes back as `none` with a low or zero score.
   */
  classify(text: string, locale: NluLocale): Promise<Classification>;
  /**
   * Best guess at the language of a message, or null when there is too little
   * text to tell. Cheap enough to call on every turn.
   */
  detectLanguage(text: string): NluLocale | null;
}

// Minimal view of the untyped NLP.js API we rely on.
interface NlpProcessResult {
  intent?: string;
  score?: number;
  classifications?: Array<{ intent: string; score: number }>;
}
interface NlpInstance {
  use(plugin: unknown): void;
  addLanguage(locales: string[]): void;
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  toJSON(): unknown;
  fromJSON(json: unknown): void;
  process(locale: string, utterance: string): Promise<NlpProcessResult>;
  guessLanguage(utterance: string): string | undefined;
}

interface NlpStemmer {
  stemWord(word: string): string;
}
interface NlpContainer {
  get(name: string): unknown;
}

const LOCALES: readonly NluLocale[] = ['en', 'es'];

function noneResult(): Classification {
  return { intent: 'none', score: 1, alternatives: [] };
}

/**
 * NLP.js scores by intent. Its own "None" (a score it gives for words it
 * never saw, growing with their number) is kept apart from our trained
 * out-of-scope intent: see {@link blend}.
 */
function networkScores(result: NlpProcessResult): { scores: Map<IntentName, number>; unknownWords: number } {
  const scores = new Map<IntentName, number>();
  let unknownWords = 0;
  for (const c of result.classifications ?? []) {
    if (!Number.isFinite(c.score)) continue;
    if (c.intent === 'None') unknownWords += c.score;
    else if (isIntentName(c.intent)) scores.set(c.intent, (scores.get(c.intent) ?? 0) + c.score);
  }
  return { scores, unknownWords };
}

/**
 * Share of the final score given to the NLP.js network; the softmax model
 * gets the rest. Equal weights: each corrects the other's typical mistakes
 * (see core/nlu/softmax.ts), and neither was better alone on the held-out and
 * development files.
 */
const NETWORK_WEIGHT = 0.5;

/**
 * Averages the two models' scores. The network's "None" share means only
 * "many words I never saw": a long story around a clear request ("I want to
 * go ahead and pay one hundred and fifty dollars today") gets it although the
 * request is plain. The softmax model reads the known words alone, so where
 * it has an opinion the network's "None" share is left out and the rest of
 * its scores rescaled; out-of-scope questions still land on the trained
 * `none` intent of both models. When the softmax model knows no word, the
 * network's "None" stands for out of scope.
 */
function blend(network: { scores: Map<IntentName, number>; unknownWords: number }, softmax: Map<string, number> | null): Map<IntentName, number> {
  if (!softmax) {
    const alone = new Map(network.scores);
    if (network.unknownWords > 0) alone.set('none', (alone.get('none') ?? 0) + network.unknownWords);
    return alone;
  }
  const known = 1 - network.unknownWords;
  const networkWeight = known > 0 ? NETWORK_WEIGHT : 0;
  const out = new Map<IntentName, number>();
  for (const intent of INTENTS) {
    const fromNetwork = known > 0 ? (network.scores.get(intent) ?? 0) / known : 0;
    const score = networkWeight * fromNetwork + (1 - networkWeight) * (softmax.get(intent) ?? 0);
    if (score > 0) out.set(intent, score);
  }
  return out;
}

function toClassification(merged: Map<IntentName, number>): Classification {
  const ranked = [...merged.entries()]
    .map(([intent, score]) => ({ intent, score: Math.round(score * 10000) / 10000 }))
    // Ties broken by INTENTS order so results never depend on Map insertion.
    .sort((a, b) => b.score - a.score || INTENTS.indexOf(a.intent) - INTENTS.indexOf(b.intent));
  const top = ranked[0];
  if (!top || top.score <= 0) return noneResult();
  return {
    intent: top.intent,
    score: top.score,
    alternatives: ranked.slice(1, 1 + MAX_ALTERNATIVES).filter((a) => a.score > 0),
  };
}

// Letters that only Spanish uses among our two languages settle the question
// without a statistical guess.
const SPANISH_MARKERS = /[ñ¿¡áéíóú]/i;

// What the trained network depends on besides its prepared phrases: the
// library that trains it and the settings below. Changing either changes
// every cached network's name, so none can be read in their place.
const NETWORK_FORMAT = JSON.stringify({
  nlp: nlpVersion,
  neural: neuralVersion,
  settings: 1,
});

/**
 * Where a trained network is kept between processes: named by a digest of
 * everything it was trained from (the library, its settings and every
 * prepared training phrase with its intent), so a change to the corpus or to
 * how phrases are prepared names a different file, and a kept network can
 * never stand for another corpus.
 */
const NETWORK_FILE_PREFIX = 'intent-network-';

function networkFile(dir: string, prepared: Record<NluLocale, SoftmaxExample[]>): string {
  const digest = createHash('sha256').update(NETWORK_FORMAT).update(JSON.stringify(prepared)).digest('hex');
  return path.join(dir, `${NETWORK_FILE_PREFIX}${digest.slice(0, 32)}.json`);
}

function readNetwork(nlp: NlpInstance, file: string): boolean {
  try {
    nlp.fromJSON(JSON.parse(readFileSync(file, 'utf8')));
    return true;
  } catch {
    // Missing, half-written or unreadable: train instead.
    return false;
  }
}

function keepNetwork(nlp: NlpInstance, file: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    // Written aside and renamed, so a reader never sees half a file.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, JSON.stringify(nlp.toJSON()));
    renameSync(partial, file);
    // Networks of earlier corpora are of no further use.
    for (const name of readdirSync(path.dirname(file))) {
      if (name.startsWith(NETWORK_FILE_PREFIX) && name !== path.basename(file)) rmSync(path.join(path.dirname(file), name), { force: true });
    }
  } catch {
    // A read-only disk only costs the next process its training time.
  }
}

/**
 * Trains the intent classifier from core/nlu/corpus/{en,es}.json and returns
 * it ready to use: per language, the NLP.js network and a softmax model
 * (core/nlu/softmax.ts) on the same prepared phrases, whose scores are
 * averaged, and a spelling repairer on their vocabulary. Training runs
 * in-process from the corpus, so nothing is ever downloaded. NLP.js
 * initialises its network weights to zero and the softmax model visits its
 * examples in a fixed order, so the same corpus always yields the same model
 * and the same scores. That makes the network (most of the few seconds
 * training takes) safe to keep: with `networkCacheDir`, a network trained
 * from exactly the same prepared phrases is read from there instead of
 * trained again (see {@link networkFile}), and a newly trained one is left
 * there for the next process.
 */
export async function createNlu(
  options: { training?: Record<NluLocale, Array<{ text: string; intent: IntentName }>>; networkCacheDir?: string } = {},
): Promise<Nlu> {
  // A private container keeps this instance from sharing plugins or settings
  // with any other NLP.js user in the process.
  const container = containerBootstrap() as NlpContainer;
  const nlp = new Nlp(
    {
      languages: [...LOCALES],
      autoLoad: false,
      autoSave: false,
      // We apply our own threshold; the library's would hide the runner-ups.
      threshold: 0,
      calculateSentiment: false,
      nlu: { log: false },
    },
    container,
  ) as unknown as NlpInstance;
  nlp.use(LangEn);
  nlp.use(LangEs);
  nlp.addLanguage([...LOCALES]);
  const spelling = {} as Record<NluLocale, SpellingCorrector>;
  const softmax = {} as Record<NluLocale, SoftmaxModel>;
  const prepared = {} as Record<NluLocale, SoftmaxExample[]>;
  for (const locale of LOCALES) {
    // A caller may train on part of the corpus (cross-validation); the product trains on all of it.
    const examples: SoftmaxExample[] = [];
    for (const { text, intent } of options.training?.[locale] ?? corpusEntries(loadTrainingCorpus(locale))) {
      const phrase = prepareUtterance(text, locale);
      if (!hasWordCharacters(phrase)) continue;
      examples.push({ text: phrase, label: intent });
      nlp.addDocument(locale, phrase, intent);
    }
    prepared[locale] = examples;
    const stemmer = container.get(`stemmer-${locale}`) as NlpStemmer;
    const stem = (word: string) => stemmer.stemWord(word);
    spelling[locale] = new SpellingCorrector(
      examples.map((e) => e.text),
      stem,
    );
    softmax[locale] = trainSoftmax(examples, stem);
  }
  const kept = options.networkCacheDir ? networkFile(options.networkCacheDir, prepared) : null;
  if (!kept || !readNetwork(nlp, kept)) {
    await nlp.train();
    if (kept) keepNetwork(nlp, kept);
  }

  return {
    async classify(text: string, locale: NluLocale): Promise<Classification> {
      const lang: NluLocale = locale === 'es' ? 'es' : 'en';
      const clean = prepareUtterance(text, lang);
      if (!hasWordCharacters(clean)) return noneResult();
      try {
        const corrected = spelling[lang].correct(clean);
        const network = networkScores(await nlp.process(lang, corrected));
        return toClassification(blend(network, softmax[lang].predict(corrected)));
      } catch {
        // The library is not ours; a tokenizer edge case must not take the
        // conversation down. Out of scope is the safe reading.
        return noneResult();
      }
    },
    detectLanguage(text: string): NluLocale | null {
      const clean = sanitizeInput(text);
      if (!hasWordCharacters(clean)) return null;
      if (SPANISH_MARKERS.test(clean)) return 'es';
      // Trigram guessing on one or two words is a coin toss; say so.
      if (clean.replace(/[^\p{L}]/gu, '').length < 8) return null;
      try {
        const guess = nlp.guessLanguage(clean);
        return guess === 'en' || guess === 'es' ? guess : null;
      } catch {
        return null;
      }
    },
  };
}
