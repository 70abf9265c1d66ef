/**
 * Classifies utterances read one per line from stdin and prints one JSON
 * line per utterance: {"text":…,"intent":…,"score":…}. Handy for checking a
 * batch of real transcripts against the current corpus.
 *
 *   printf 'pay my bill\ncuánto debo\n' | npm run -s classify -- --lang es
 */
import { createInterface } from 'node:readline';
import { createNlu, type NluLocale } from '../core/nlu';

function parseLocale(argv: string[]): NluLocale {
  const i = argv.indexOf('--lang');
  const value = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
  if (value === undefined) return 'en';
  if (value === 'en' || value === 'es') return value;
  throw new Error(`--lang must be en or es, got "${value}"`);
}

async function main(): Promise<void> {
  const locale = parseLocale(process.argv.slice(2));
  const nlu = await createNlu();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const { intent, score } = await nlu.classify(line, locale);
    process.stdout.write(`${JSON.stringify({ text: line, intent, score })}\n`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
