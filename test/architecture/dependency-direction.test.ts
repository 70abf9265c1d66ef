import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(entry.name) ? [full] : [];
  });
}

/** Every module specifier a file imports, requires or dynamically imports. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  const patterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, /^\s*import\s+['"]([^'"]+)['"]/gm];
  for (const re of patterns) for (const m of text.matchAll(re)) found.push(m[1]!);
  return found;
}

/** True when a relative import from `file` leaves `folder`. */
function leaves(file: string, spec: string, folder: string): boolean {
  if (!spec.startsWith('.')) return false;
  const target = path.resolve(path.dirname(file), spec);
  return !target.startsWith(path.join(ROOT, folder) + path.sep);
}

describe('dependencies point inward', () => {
  const coreFiles = sourceFiles(path.join(ROOT, 'core'));

  it('finds the core sources', () => {
    expect(coreFiles.length).toBeGreaterThan(30);
  });

  it('core/ imports no channel library, no web framework and not the generated Prisma client', () => {
    const forbidden = /^(botbuilder|botframework-|restify|twilio|@prisma\/|prisma\b|express|ws$)/;
    const offenders = coreFiles.flatMap((file) =>
      importsOf(file)
        .filter((spec) => forbidden.test(spec) || /generated\//.test(spec))
        .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('core/ never reaches into bot/, ivr/, data/ or app/', () => {
    const offenders = coreFiles.flatMap((file) =>
      importsOf(file)
        .filter((spec) => leaves(file, spec, 'core'))
        .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the bot and the phone line do not import each other', () => {
    const offenders = [
      ...sourceFiles(path.join(ROOT, 'bot')).flatMap((f) => importsOf(f).filter((s) => s.startsWith('.') && path.resolve(path.dirname(f), s).startsWith(path.join(ROOT, 'ivr'))).map((s) => `${f} → ${s}`)),
      ...(fs.existsSync(path.join(ROOT, 'ivr'))
        ? sourceFiles(path.join(ROOT, 'ivr')).flatMap((f) => importsOf(f).filter((s) => s.startsWith('.') && path.resolve(path.dirname(f), s).startsWith(path.join(ROOT, 'bot'))).map((s) => `${f} → ${s}`))
        : []),
    ];
    expect(offenders).toEqual([]);
  });

  it('only the config module reads process.env in core/', () => {
    const readers = coreFiles.filter((f) => /process\.env/.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(ROOT, f));
    expect(readers).toEqual(['core/config/config.ts']);
  });

  it('the check itself catches a forbidden import', () => {
    const probe = path.join(ROOT, 'core', '__probe__.ts');
    fs.writeFileSync(probe, "import { CloudAdapter } from 'botbuilder';\nexport const x = CloudAdapter;\n");
    try {
      expect(importsOf(probe)).toContain('botbuilder');
    } finally {
      fs.unlinkSync(probe);
    }
  });
});
