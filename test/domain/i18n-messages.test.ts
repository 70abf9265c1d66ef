import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Every message the product says exists in English and in Spanish: the two
 * locale files hold the same keys, and every key the code names is in them
 * (a missing one would show the key itself to a customer).
 */
const root = path.join(__dirname, '..', '..');
const load = (lang: string) => JSON.parse(readFileSync(path.join(root, 'core/i18n/locales', `${lang}.json`), 'utf8')) as Record<string, unknown>;

function flatten(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.ts$/.test(name) && !/\.d\.ts$/.test(name) ? [full] : [];
  });
}

const en = new Set(flatten(load('en')));
const es = new Set(flatten(load('es')));

describe('messages in both languages', () => {
  it('the English and Spanish files have exactly the same keys', () => {
    expect([...en].filter((k) => !es.has(k))).toEqual([]);
    expect([...es].filter((k) => !en.has(k))).toEqual([]);
  });

  it('every message key named in the code exists (channel variants fall back to it)', () => {
    const namespaces = Object.keys(load('en')).join('|');
    const key = `'((?:${namespaces})\\.[A-Za-z0-9_.]+)'`;
    // Where the code names a message: say('…'), ask('…'), { key: '…' }, a choice's label key.
    const literal = new RegExp(`(?:\\b(?:say|ask)\\(\\s*|\\bkey:\\s*|\\blabelKey:\\s*|\\bchoice\\([^,()]+,\\s*)${key}`, 'g');
    const named = new Map<string, string>();
    for (const file of ['core', 'bot', 'ivr', 'app'].flatMap((d) => sources(path.join(root, d)))) {
      for (const m of readFileSync(file, 'utf8').matchAll(literal)) {
        // A key ending in a dot is a prefix completed at run time (e.g. `faq.` + intent).
        if (!m[1]!.endsWith('.')) named.set(m[1]!, path.relative(root, file));
      }
    }
    expect(named.size).toBeGreaterThan(50);
    const missing = [...named].filter(([key]) => !en.has(key)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });
});
