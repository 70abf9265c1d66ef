import { corpusEntries, loadDevCorpus, loadHeldOutCorpus, loadTrainingCorpus } from '../../core/nlu/corpus';
import { INTENTS } from '../../core/nlu';
import { foldText } from '../../core/nlu/text';

describe('the NLU corpora', () => {
  describe.each(['en', 'es'] as const)('%s', (locale) => {
    const training = loadTrainingCorpus(locale);
    const heldOut = loadHeldOutCorpus(locale);

    it('trains every intent on at least 30 phrasings', () => {
      const thin = INTENTS.filter((intent) => training[intent].length < 30);
      expect(thin).toEqual([]);
    });

    it('keeps at least 8 held-out utterances per intent to measure on', () => {
      const thin = INTENTS.filter((intent) => heldOut[intent].length < 8);
      expect(thin).toEqual([]);
    });

    it('never lets a held-out utterance leak into training, even with different case or accents', () => {
      const seen = new Set(corpusEntries(training).map((e) => foldText(e.text)));
      const leaked = corpusEntries(heldOut).filter((e) => seen.has(foldText(e.text)));
      expect(leaked).toEqual([]);
    });

    it('keeps at least 150 development utterances, some for every intent, none of them trained on', () => {
      const dev = loadDevCorpus(locale);
      expect(corpusEntries(dev).length).toBeGreaterThanOrEqual(150);
      expect(INTENTS.filter((intent) => dev[intent].length < 3)).toEqual([]);
      const seen = new Set(corpusEntries(training).map((e) => foldText(e.text)));
      expect(corpusEntries(dev).filter((e) => seen.has(foldText(e.text)))).toEqual([]);
    });

    it('does not teach the same phrasing as two different intents', () => {
      const owner = new Map<string, string>();
      const conflicts: string[] = [];
      for (const { text, intent } of corpusEntries(training)) {
        const key = foldText(text);
        const previous = owner.get(key);
        if (previous && previous !== intent) conflicts.push(`"${text}": ${previous} vs ${intent}`);
        owner.set(key, intent);
      }
      expect(conflicts).toEqual([]);
    });
  });
});
