/**
 * Intent accuracy, three ways:
 *
 * - on the frozen independent files (eval/independent/intents-*.json), written
 *   apart from the corpus by someone who saw only the README and the lender's
 *   public facts: the figure that counts, with its targets (95% English, 93%
 *   Spanish); the exit code follows it;
 * - on the held-out files kept beside the corpus (core/nlu/corpus/heldout-*.json)
 *   and on the development files (core/nlu/corpus/dev-*.json: messy, indirect,
 *   regional and voice-style phrasing, never trained on);
 * - 5-fold cross-validation on the training corpus itself.
 *
 *   npm run eval:nlu                  summary, confusions and misses on the independent files
 *   npm run eval:nlu -- --quiet       summary only
 *   npm run eval:nlu -- --corpus-only held-out, development and cross-validation figures
 *                                     only, with the development files' misses; never
 *                                     opens the independent files, so it can be run
 *                                     while tuning the corpus without learning them
 *   add --no-cv to skip the cross-validation (five more trainings)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { corpusEntries, loadDevCorpus, loadHeldOutCorpus, loadTrainingCorpus } from '../core/nlu/corpus';
import { createNlu, NLU_THRESHOLD, type Nlu, type NluLocale } from '../core/nlu';
import { isIntentName, type IntentName } from '../core/nlu/intents';

const TARGETS: Record<NluLocale, number> = { en: 0.95, es: 0.93 };
const LOCALES: NluLocale[] = ['en', 'es'];

interface Labelled {
  text: string;
  intent: string;
}

function independent(locale: NluLocale): Labelled[] {
  const file = path.join(__dirname, '..', 'eval', 'independent', `intents-${locale}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { utterances: Labelled[] }).utterances;
}

async function score(nlu: Nlu, locale: NluLocale, items: Labelled[]) {
  const confusions = new Map<string, number>();
  const misses: string[] = [];
  let correct = 0;
  for (const { text, intent } of items) {
    const result = await nlu.classify(text, locale);
    if (result.intent === intent) correct += 1;
    else {
      const key = `${intent} -> ${result.intent}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
      misses.push(`  "${text}" expected ${intent}, got ${result.intent} (${result.score.toFixed(2)})`);
    }
  }
  return { accuracy: correct / items.length, correct, total: items.length, confusions, misses };
}

/** Most frequent confusions (expected -> got), the ten likeliest to fix first. */
function printConfusions(confusions: Map<string, number>): void {
  const top = [...confusions.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10);
  if (top.length) console.log(`    most confused: ${top.map(([pair, n]) => `${pair} (${n})`).join('; ')}`);
}

/** Scores the frozen independent files against their targets; true when a language misses. */
async function reportIndependent(nlu: Nlu, quiet: boolean): Promise<boolean> {
  let failed = false;
  console.log('independent files (eval/independent), the figure that counts:');
  for (const locale of LOCALES) {
    const items = independent(locale);
    const unknown = [...new Set(items.map((i) => i.intent).filter((i) => !isIntentName(i)))];
    const r = await score(nlu, locale, items);
    const pass = r.accuracy >= TARGETS[locale];
    failed ||= !pass;
    console.log(`  ${locale}: ${(r.accuracy * 100).toFixed(1)}% (${r.correct}/${r.total}), target ${TARGETS[locale] * 100}% ${pass ? 'PASS' : 'MISS'}`);
    if (unknown.length) console.log(`    labels the assistant has no intent for yet: ${unknown.join(', ')}`);
    printConfusions(r.confusions);
    if (!quiet && r.misses.length) console.log(r.misses.join('\n'));
  }
  return failed;
}

async function main(): Promise<void> {
  const quiet = process.argv.includes('--quiet');
  const corpusOnly = process.argv.includes('--corpus-only');
  const started = performance.now();
  const nlu = await createNlu();
  console.log(`trained both languages in ${Math.round(performance.now() - started)} ms`);

  let failed = false;
  if (!corpusOnly) failed = await reportIndependent(nlu, quiet);

  console.log('held-out files beside the corpus (core/nlu/corpus/heldout-*.json):');
  for (const locale of LOCALES) {
    const r = await score(nlu, locale, corpusEntries(loadHeldOutCorpus(locale)));
    console.log(`  ${locale}: ${(r.accuracy * 100).toFixed(1)}% (${r.correct}/${r.total})`);
  }

  console.log('development files (core/nlu/corpus/dev-*.json), never trained on:');
  for (const locale of LOCALES) {
    const r = await score(nlu, locale, corpusEntries(loadDevCorpus(locale)));
    console.log(`  ${locale}: ${(r.accuracy * 100).toFixed(1)}% (${r.correct}/${r.total})`);
    printConfusions(r.confusions);
    if (corpusOnly && !quiet && r.misses.length) console.log(r.misses.join('\n'));
  }

  if (!process.argv.includes('--no-cv')) await crossValidate();
  console.log(`(the engine asks to clarify below a score of ${NLU_THRESHOLD})`);
  process.exitCode = failed ? 1 : 0;
}

/** 5-fold cross-validation on the training corpus: each fifth scored by a model trained on the rest. */
async function crossValidate(): Promise<void> {
  console.log('5-fold cross-validation on the training corpus:');
  const folds = 5;
  const all: Record<NluLocale, Array<{ text: string; intent: IntentName }>> = { en: corpusEntries(loadTrainingCorpus('en')), es: corpusEntries(loadTrainingCorpus('es')) };
  const totals: Record<NluLocale, { correct: number; total: number }> = { en: { correct: 0, total: 0 }, es: { correct: 0, total: 0 } };
  for (let k = 0; k < folds; k++) {
    const inFold = (i: number) => i % folds === k;
    const model = await createNlu({ training: { en: all.en.filter((_, i) => !inFold(i)), es: all.es.filter((_, i) => !inFold(i)) } });
    for (const locale of LOCALES) {
      const r = await score(model, locale, all[locale].filter((_, i) => inFold(i)));
      totals[locale].correct += r.correct;
      totals[locale].total += r.total;
    }
  }
  for (const locale of LOCALES) {
    console.log(`  ${locale}: ${((totals[locale].correct / totals[locale].total) * 100).toFixed(1)}% (${totals[locale].correct}/${totals[locale].total})`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 2;
});
