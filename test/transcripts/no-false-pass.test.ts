import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exitCode, formatReport, junit, runTranscripts } from '../../transcripts/runner';
import { useTranscriptServer } from '../support/transcripts';

const IMPORTS = path.join(__dirname, 'imports');
const { target } = useTranscriptServer('no-false-pass-');

describe('when a script cannot apply to this bot, then it is refused at its file and line, and nothing passes unchecked', () => {
  it('refuses each construct that cannot apply, with the line and the reason, and still runs the rest', async () => {
    const report = await runTranscripts({ paths: [path.join(IMPORTS, 'botium-refused'), path.join(IMPORTS, 'botium', 'faq-mail.convo.txt')], target: target() });
    const at = (name: string) => report.unreadable.find((u) => path.basename(u.file) === `${name}.convo.txt`);
    expect(at('intent-confidence')).toMatchObject({ line: 8, reason: expect.stringMatching(/INTENT_CONFIDENCE cannot apply.*no confidence/) });
    expect(at('entities')).toMatchObject({ line: 7, reason: expect.stringMatching(/ENTITIES cannot apply/) });
    expect(at('entity-values')).toMatchObject({ line: 7, reason: expect.stringMatching(/ENTITY_VALUES cannot apply/) });
    expect(at('channel-general')).toMatchObject({ line: 6, reason: expect.stringMatching(/#general.*chat, voice and sms/) });
    expect(at('conditional')).toMatchObject({ line: 8, reason: expect.stringMatching(/CONDITIONAL_STEP_TIME_BASED cannot apply/) });
    expect(at('nothing-checked')).toMatchObject({ line: 1, reason: expect.stringMatching(/checks nothing/) });
    expect(at('empty')).toMatchObject({ line: 1, reason: expect.stringMatching(/nothing is said and nothing is checked/) });
    expect(at('media-input')).toMatchObject({ line: 3, reason: expect.stringMatching(/MEDIA cannot apply.*no attachments/) });
    expect(at('form-fields')).toMatchObject({ line: 3, reason: expect.stringMatching(/FORM cannot apply/) });
    expect(at('begin-asserter')).toMatchObject({ line: 4, reason: expect.stringMatching(/asserters in #begin/) });
    expect(at('missing-partial')).toMatchObject({ reason: expect.stringMatching(/no partial convo named "Nobody"/) });
    // The readable file still ran, and the run is not a pass.
    expect(report.passed).toBe(3);
    expect(exitCode(report)).toBe(2);
    expect(formatReport(report)).toContain('files could not be read');
    expect(junit(report)).toMatch(/errors="12"/);
  }, 60_000);

  it('an empty .transcript, {} and a channel filter that selects nothing run nothing, and that is not a pass', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nothing-'));
    writeFileSync(path.join(dir, 'empty.transcript'), '[]');
    writeFileSync(path.join(dir, 'object.transcript'), '{}');
    const empty = await runTranscripts({ paths: [dir], target: target() });
    expect(empty.unreadable.map((u) => `${path.basename(u.file)}:${u.line}`)).toEqual(['empty.transcript:1', 'object.transcript:1']);
    expect(exitCode(empty)).toBe(2);
    const filtered = await runTranscripts({ paths: [path.join(IMPORTS, 'botium', 'faq-mail.convo.txt')], target: target(), channel: 'voice' });
    expect(filtered.outcomes).toHaveLength(0);
    expect(exitCode(filtered)).toBe(3);
    expect(formatReport(filtered)).toContain('nothing ran');
  });
});

describe('when a tester runs Botium files written for this bot, then they pass, and one wrong expectation fails at its file and line', () => {
  const files = ['balance-jordan.convo.txt', 'payment-receipt.convo.txt', 'faq-ways.convo.txt'];

  it('pass as written, each conversation with its steps in the JUnit report', async () => {
    const report = await runTranscripts({ paths: files.map((f) => path.join(IMPORTS, 'botium', f)), target: target() });
    expect(formatReport(report)).toMatch(/7 passed, 0 failed/);
    const xml = junit(report);
    expect(xml).toMatch(/<testcase [^>]*name="Jordan pays toward the Jeep[^"]*\[chat\]"[^>]*><system-out>ok {3}[^<]*partials\/login-jordan\.pconvo\.txt:\d+ user: ASK_BALANCE|<testcase [^>]*name="Jordan pays toward the Jeep/);
    expect(xml).toContain('payment-receipt.convo.txt:');
  }, 90_000);

  it('fail at the line of the wrong expectation, in the convo or in the partial convo it includes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wrong-'));
    cpSync(path.join(IMPORTS, 'botium'), dir, { recursive: true });
    const edit = (file: string, from: string, to: string) => {
      const full = path.join(dir, file);
      const text = readFileSync(full, 'utf8');
      expect(text).toContain(from);
      writeFileSync(full, text.replace(from, to));
    };
    edit('faq-ways.convo.txt', 'TEXT_CONTAINS_ALL CheckFreePay|ACI', 'TEXT_CONTAINS_ALL CheckFreePay|Bitcoin');
    edit('partials/login-jordan.pconvo.txt', '*Social Security number*', '*passport number*');
    edit('payment-receipt.convo.txt', 'CARDS_COUNT 1', 'CARDS_COUNT 2');
    const report = await runTranscripts({ paths: files.map((f) => path.join(dir, f)), target: target(), jobs: 2 });
    const where = report.outcomes.filter((o) => !o.passed).map((o) => `${path.relative(dir, o.failure!.file)}:${o.failure!.line}`);
    expect(where).toEqual([
      'partials/login-jordan.pconvo.txt:12',
      'partials/login-jordan.pconvo.txt:12',
      'partials/login-jordan.pconvo.txt:12',
      'partials/login-jordan.pconvo.txt:12',
      'faq-ways.convo.txt:6',
      'faq-ways.convo.txt:6',
      'faq-ways.convo.txt:6',
    ]);
    expect(exitCode(report)).toBe(1);
  }, 90_000);
});
