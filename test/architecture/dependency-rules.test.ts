import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(ROOT, 'node_modules', '.bin', 'depcruise');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/** Runs dependency-cruiser with the project's rules over `folders` of `cwd`, and returns the violations. */
function cruise(cwd: string, folders: string[]): Violation[] {
  const run = spawnSync(DEPCRUISE, ['--config', CONFIG, '--output-type', 'json', ...folders], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  const report = JSON.parse(run.stdout) as { summary: { violations: Violation[]; totalCruised: number } };
  expect(report.summary.totalCruised).toBeGreaterThan(0);
  return report.summary.violations;
}

describe('the dependency rules (dependency-cruiser, .dependency-cruiser.cjs)', () => {
  it('hold for the product: core knows no front end, data layer or framework; the engine reaches no repository; front ends use the core surface; data implements the ports', () => {
    const violations = cruise(ROOT, ['core', 'bot', 'ivr', 'data', 'app']);
    expect(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  }, 60_000);

  it('catch a forbidden import (a tree that breaks each rule on purpose)', () => {
    const violations = cruise(path.join(__dirname, 'fixture'), ['core', 'bot', 'data']);
    const broken = new Set(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`));
    expect(broken).toEqual(
      new Set([
        'core-knows-no-front-end-or-data: core/payments/pay.ts → bot/origin.ts',
        'core-knows-no-framework: core/payments/pay.ts → ../../../node_modules/restify/lib/index.js',
        'engine-reaches-no-repository: core/conversation/engine.ts → core/store/ports.ts',
        'front-ends-use-the-core-surface: bot/origin.ts → core/payments/pay.ts',
        'data-implements-core-ports: data/repo.ts → bot/origin.ts',
      ]),
    );
  }, 60_000);
});
