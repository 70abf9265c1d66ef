/**
 * Measures intent accuracy on the held-out sets (core/nlu/corpus/heldout-*.json)
 * and exits non-zero when a language falls below its target, so CI catches a
 * corpus change that makes the assistant understand people worse.
 *
 *   npm run eval:nlu            summary, confusions and misses
 *   npm run eval:nlu -- --quiet summary only
 */
import { performance } from 'node:perf_hooks';
import { corpusEntries, loadHeldOutCorpus } from '../core/nlu/corpus';
import { createNlu, NLU_THRESHOLD, type NluLocale } from '../core/nlu';

const TARGETS: Record<NluLocale, number> = { en: 0.95, es: 0.92 };

async function main(): Promise<void> {
  const quiet = process.argv.includes('--quiet');
  const started = performance.now();
  const nlu = await createNlu();
  console.log(`trained both languages in ${Math.round(performance.now() - started)} ms`);

  let failed = false;
  // Scores of every held-out answer, to show what other thresholds would do.
  const scored: Array<{ ok: boolean; score: number }> = [];
  for (const locale of ['en', 'es'] as const) {
    const entries = corpusEntries(loadHeldOutCorpus(locale));
    const confusions = new Map<string, number>();
    const misses: string[] = [];
    let correct = 0;
    // Threshold bookkeeping: how often a confident answer is wrong and a
    // correct one would have been turned into a clarifying question.
    let correctBelow = 0;
    let wrongAbove = 0;
    for (const { text, intent } of entries) {
      const result = await nlu.classify(text, locale);
      const ok = result.intent === intent;
      scored.push({ ok, score: result.score });
      if (ok) {
        correct += 1;
        if (result.score < NLU_THRESHOLD) correctBelow += 1;
      } else {
        if (result.score >= NLU_THRESHOLD) wrongAbove += 1;
        const key = `${intent} -> ${result.intent}`;
        confusions.set(key, (confusions.get(key) ?? 0) + 1);
        misses.push(`  "${text}" expected ${intent}, got ${result.intent} (${result.score.toFixed(2)})`);
      }
    }
    const accuracy = correct / entries.length;
    const pass = accuracy >= TARGETS[locale];
    failed ||= !pass;
    console.log(
      `${locale}: ${(accuracy * 100).toFixed(1)}% (${correct}/${entries.length}), target ${TARGETS[locale] * 100}% ${pass ? 'PASS' : 'FAIL'}`,
    );
    console.log(
      `  at threshold ${NLU_THRESHOLD}: ${correctBelow} correct answers would ask to clarify, ${wrongAbove} wrong answers are above it`,
    );
    const top = [...confusions.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10);
    if (top.length) {
      console.log('  most confused (expected -> got, count):');
      for (const [pair, count] of top) console.log(`    ${pair}: ${count}`);
    }
    if (!quiet && misses.length) console.log(misses.join('\n'));
  }
  console.log('threshold sweep, both languages (clarify = correct answers turned into a question, wrong = wrong answers acted on):');
  for (const t of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
    const clarify = scored.filter((s) => s.ok && s.score < t).length;
    const wrong = scored.filter((s) => !s.ok && s.score >= t).length;
    console.log(`  ${t.toFixed(1)}${t === NLU_THRESHOLD ? '*' : ' '} clarify ${clarify}, wrong ${wrong}`);
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 2;
});
