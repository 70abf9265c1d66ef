import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { isHttpParserBindingDeprecation } from '../../app/restify-load-warning';

const ROOT = path.resolve(__dirname, '..', '..');

/** What a fresh Node process prints on stderr while running `code` (through tsx, from the project root). */
function stderrOf(code: string): string {
  return spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 }).stderr;
}

describe('the warning restify prints when it loads', () => {
  it('is the http_parser DEP0111 warning and only that one', () => {
    const message = "Access to process.binding('http_parser') is deprecated.";
    expect(isHttpParserBindingDeprecation(message, 'DeprecationWarning', 'DEP0111')).toBe(true);
    expect(isHttpParserBindingDeprecation(message, { type: 'DeprecationWarning', code: 'DEP0111' })).toBe(true);
    expect(isHttpParserBindingDeprecation(Object.assign(new Error(message), { code: 'DEP0111' }))).toBe(true);
    expect(isHttpParserBindingDeprecation("Access to process.binding('util') is deprecated.", 'DeprecationWarning', 'DEP0111')).toBe(false);
    expect(isHttpParserBindingDeprecation(message, 'DeprecationWarning', 'DEP0005')).toBe(false);
    expect(isHttpParserBindingDeprecation('Something else', 'Warning')).toBe(false);
  });

  it('loading the server module prints nothing, while other warnings still print', () => {
    const printed = stderrOf(
      "require('./app/server'); process.emitWarning('still shown', 'DeprecationWarning', 'DEP0999');",
    );
    expect(printed).not.toContain('DEP0111');
    expect(printed).toContain('still shown');
  });
});
