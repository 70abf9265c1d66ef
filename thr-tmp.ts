import { corpusEntries, loadHeldOutCorpus, loadDevCorpus } from './core/nlu/corpus';
import { createNlu, NLU_THRESHOLD } from './core/nlu';
(async () => {
  const t = performance.now();
  const nlu = await createNlu();
  console.log('train ms', Math.round(performance.now() - t));
  for (const l of ['en', 'es'] as const) {
    let ok = 0, okAbove = 0, bad = 0, badAbove = 0;
    for (const e of [...corpusEntries(loadHeldOutCorpus(l)), ...corpusEntries(loadDevCorpus(l))]) {
      const r = await nlu.classify(e.text, l);
      if (r.intent === e.intent) { ok++; if (r.score >= NLU_THRESHOLD) okAbove++; } else { bad++; if (r.score >= NLU_THRESHOLD) badAbove++; }
    }
    console.log(l, 'correct', ok, 'above thr', okAbove, '| wrong', bad, 'above thr', badAbove);
  }
})();
