import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readTranscriptFile, TranscriptFormatError } from '../../transcripts/format';
import { formatReport, junit, runTranscripts } from '../../transcripts/runner';
import { startTestServer, type TestServer } from '../support/server';
import { targetOf, useTranscriptServer } from '../support/transcripts';

const { target, dir: scratch } = useTranscriptServer('transcripts-test-');

describe('the shipped transcript library', () => {
  it('passes on every channel its conversations name', async () => {
    // The library is the YAML files here; imports/ (Botium and Bot Framework files) run in importers.test.ts.
    const files = readdirSync(__dirname).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(__dirname, f));
    const report = await runTranscripts({ paths: files, target: target() });
    const text = formatReport(report);
    if (report.failed) console.log(text);
    expect(report.failed).toBe(0);
    expect(report.outcomes.length).toBeGreaterThanOrEqual(40);
    expect(new Set(report.outcomes.map((o) => o.channel))).toEqual(new Set(['chat', 'voice', 'sms']));
    expect(text).toMatch(/coverage: 41\/41 intents/);
    // Every prompt of every flow is reached (the language menu exists only on the phone), except the
    // texted-code step: it needs an account with recent failures, which would put every later script
    // on that account behind a code, and a text to read; test/security/verification-step-up covers it.
    expect(text).toMatch(/^prompts: 29\/30 flow steps reached on chat and phone; not reached: verify\.code$/m);
  }, 180_000);
});

describe('the runner, for testers', () => {
  function write(name: string, yaml: string): string {
    const file = path.join(scratch(), name);
    writeFileSync(file, yaml);
    return file;
  }

  it('reports a failing expectation with its file and line, expected against actual, and the conversation so far', async () => {
    const file = write(
      'failing.yaml',
      ['name: A wrong expectation', 'steps:', '  - user: where do I mail my payment?', '  - bot: { contains: "P.O. Box 12345" }', ''].join('\n'),
    );
    const report = await runTranscripts({ paths: [file], target: target() });
    expect(report.failed).toBe(1);
    const text = formatReport(report);
    expect(text).toContain(`at ${file}:4`);
    expect(text).toContain('expected: contains "P.O. Box 12345"');
    expect(text).toMatch(/actual: {3}Mail payments to: Payment Processing Center/);
    expect(text).toContain('user: where do I mail my payment?');
    const xml = junit(report);
    expect(xml).toContain('<testsuite name="transcripts" tests="1" failures="1"');
    expect(xml).toContain(`${file}:4`);
  });

  it('captures a value from one reply and uses it in a later step', async () => {
    const file = write(
      'capture.yaml',
      [
        'name: Capture the payoff amount',
        'steps:',
        '  - user: payoff quote',
        '  - user: "4100020002"',
        '  - user: "533182046"',
        "  - bot: { capture: { payoff: 'payoff amount is (\\$[\\d,]+\\.\\d\\d)' } }",
        '  - user: payoff quote',
        '  - bot: { contains: "${payoff}" }',
        '',
      ].join('\n'),
    );
    const report = await runTranscripts({ paths: [file], target: target() });
    expect(formatReport(report)).toMatch(/1 passed, 0 failed/);
  });

  it('filters by tag and by channel', async () => {
    const file = write(
      'tags.yaml',
      ['conversations:', '  - name: tagged', '    tags: [smoke]', '    channel: [chat, voice]', '    caller: "+17045550101"', '    steps:', '      - user: hello', '  - name: other', '    steps:', '      - user: hello', ''].join('\n'),
    );
    expect((await runTranscripts({ paths: [file], target: target(), tag: 'smoke' })).outcomes).toHaveLength(2);
    expect((await runTranscripts({ paths: [file], target: target(), tag: 'smoke', channel: 'voice' })).outcomes).toHaveLength(1);
  });

  it('refuses a malformed script with the line of the mistake', () => {
    const file = write('bad.yaml', ['name: Bad', 'steps:', '  - user: hi', '  - bot: { contians: typo }', ''].join('\n'));
    expect(() => readTranscriptFile(file)).toThrow(TranscriptFormatError);
    expect(() => readTranscriptFile(file)).toThrow(/bad\.yaml:4: .*contians/);
    expect(readFileSync(file, 'utf8')).toContain('contians');
  });

  it('expands a data table into one conversation per row, each row its own variables and language', async () => {
    const file = write(
      'table.yaml',
      [
        'name: "Mailing address (${language})"',
        'data:',
        '  - { language: en, ask: where do I mail my payment, box: "P.O. Box" }',
        '  - { language: es, ask: a dónde envío mi pago por correo, box: "P.O. Box" }',
        'steps:',
        '  - user: ${ask}',
        '  - bot: { contains: "${box}" }',
        '',
      ].join('\n'),
    );
    const conversations = readTranscriptFile(file);
    expect(conversations.map((c) => [c.name, c.language, c.line])).toEqual([
      ['Mailing address (en)', 'en', 3],
      ['Mailing address (es)', 'es', 4],
    ]);
    const report = await runTranscripts({ paths: [file], target: target() });
    expect(formatReport(report)).toMatch(/2 passed, 0 failed/);
  });

  it('plays a fixture before the steps, and reports a failure inside it at the fixture file and line', async () => {
    const sub = mkdtempSync(path.join(scratch(), 'fixtures-'));
    writeFileSync(
      path.join(sub, 'fixtures.yaml'),
      ['asked_for_title:', '  steps:', '    - user: where is my title', '    - bot: { contains: "not in the reply" }', ''].join('\n'),
    );
    const file = path.join(sub, 'uses.yaml');
    writeFileSync(file, ['name: Uses a fixture', 'fixtures: [asked_for_title]', 'steps:', '  - user: hello', ''].join('\n'));
    const report = await runTranscripts({ paths: [file], target: target() });
    const text = formatReport(report);
    expect(text).toContain(`at ${path.join(sub, 'fixtures.yaml')}:4 (fixture of ${file}:1)`);
    expect(text).toContain('user: where is my title');

    writeFileSync(file, ['name: Unknown fixture', 'fixtures: [verified_nobody]', 'steps:', '  - user: hello', ''].join('\n'));
    expect(() => readTranscriptFile(file)).toThrow(/uses\.yaml:2: no fixture "verified_nobody".*known: asked_for_title/);
  });
});

describe('the runner against a Direct Line that needs a secret (as Azure Bot Service does)', () => {
  const secret = 'transcripts-test-secret-0123456789abcdef';
  let guarded: TestServer;
  beforeAll(async () => {
    guarded = await startTestServer({ DIRECTLINE_SECRET: secret });
  });
  afterAll(async () => {
    await guarded.close();
  });

  it('authenticates with the secret it is given, and reports the refusal when the secret is wrong', async () => {
    const file = path.join(scratch(), 'secret.yaml');
    writeFileSync(file, ['name: Ways to pay', 'steps:', '  - user: what are the ways to pay', '  - bot: { contains: at no cost }', ''].join('\n'));
    const target = (s: string) => targetOf(guarded, { url: `${guarded.base}/v3/directline`, secret: s });
    expect(formatReport(await runTranscripts({ paths: [file], target: target(secret) }))).toMatch(/1 passed, 0 failed/);
    const refused = formatReport(await runTranscripts({ paths: [file], target: target('not-the-secret') }));
    expect(refused).toMatch(/0 passed, 1 failed/);
    expect(refused).toMatch(/HTTP 403/);
  });
});
