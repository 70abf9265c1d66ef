/**
 * `npx tsx bench/profile-summary.ts <file.cpuprofile>…`: where a profiled
 * assistant server spent its CPU time, as self time summed by package (or by
 * the project's own folder) and by function, so a bench run with
 * BENCH_PROFILE_DIR can be read without opening DevTools. `SKIP_MS` leaves
 * out the first milliseconds of each profile (start-up: training the intent
 * classifier, compiling modules), so what remains is the server under load.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The package a script belongs to (`node_modules/<pkg>`), or the project folder, or what V8 calls it. */
function ownerOf(url: string): string {
  if (!url) return '(native / idle / gc)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith('node:')) return 'node core';
  const rel = path.relative(process.cwd(), url.replace(/^file:\/\//, ''));
  return rel.startsWith('..') ? url : rel.split(path.sep).slice(0, 2).join('/');
}

function summarise(file: string, top: number): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  const skipUs = Number(process.env.SKIP_MS ?? 0) * 1000;
  let elapsedUs = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    elapsedUs += delta;
    if (elapsedUs >= skipUs) selfMs.set(id, (selfMs.get(id) ?? 0) + delta / 1000);
  });
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') continue;
    total += ms;
    const owner = ownerOf(frame.url);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + ms);
    const fn = `${frame.functionName || '(anonymous)'}  ${owner}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  const show = (title: string, m: Map<string, number>) => {
    console.log(`  ${title}`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`    ${((100 * v) / total).toFixed(1).padStart(5)}%  ${v.toFixed(0).padStart(6)} ms  ${k}`);
  };
  console.log(`${path.basename(file)}: ${total.toFixed(0)} ms busy`);
  show('by package or folder (self time)', byOwner);
  show('by function (self time)', byFunction);
}

for (const file of process.argv.slice(2)) summarise(file, Number(process.env.TOP ?? 25));
