/**
 * Task success on the independent, frozen scenarios (eval/independent/scenarios.yaml):
 * each plays on a fresh server through the real endpoints and its end state is judged.
 *
 *   npm run eval:scenarios                  summary per channel and language, and each failure
 *   npm run eval:scenarios -- --only es-voice  the scenarios whose id starts so
 *   npm run eval:scenarios -- --quiet       summary only
 */
import path from 'node:path';
import { loadScenarios, playScenario, type ScenarioResult } from '../eval/scenarios';
import { option, runScript } from './transcript-target';

const TARGET = 0.9;

runScript(async () => {
  const args = process.argv.slice(2);
  const file = option(args, '--file') ?? path.join(__dirname, '..', 'eval', 'independent', 'scenarios.yaml');
  const only = option(args, '--only');
  const quiet = args.includes('--quiet');
  const scenarios = loadScenarios(file).filter((s) => !only || s.id.startsWith(only));
  if (scenarios.length === 0) throw new Error(`no scenario in ${file}${only ? ` starting with ${only}` : ''}`);
  const results: ScenarioResult[] = [];
  for (const s of scenarios) {
    const r = await playScenario(s);
    results.push(r);
    if (!quiet && !r.ok) {
      console.log(`✗ ${s.id} (${s.goal})`);
      for (const f of r.failures) console.log(`    ${f}`);
      for (const line of r.transcript) console.log(`      ${line.replace(/\n/g, ' ')}`);
    }
  }
  let allMet = true;
  console.log('\ntask success per channel and language (target 90%):');
  for (const channel of ['chat', 'voice', 'sms'] as const) {
    for (const language of ['en', 'es'] as const) {
      const group = results.filter((r) => r.scenario.channel === channel && r.scenario.language === language);
      if (!group.length) continue;
      const ok = group.filter((r) => r.ok).length;
      const rate = ok / group.length;
      allMet &&= rate >= TARGET;
      console.log(`  ${channel.padEnd(5)} ${language}: ${(rate * 100).toFixed(1)}% (${ok}/${group.length}) ${rate >= TARGET ? 'MET' : 'BELOW'}`);
    }
  }
  const ok = results.filter((r) => r.ok).length;
  console.log(`${ok} passed, ${results.length - ok} failed`);
  return allMet ? 0 : 1;
});
