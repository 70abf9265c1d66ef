import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importBotFrameworkTranscript } from '../../transcripts/importers';
import { exitCode, formatReport, runTranscripts } from '../../transcripts/runner';
import { startTestServer, type TestServer } from '../support/server';
import { targetOf } from '../support/transcripts';

const IMPORTS = path.join(__dirname, 'imports');

describe('importing a Bot Framework .transcript (the Emulator\'s array form)', () => {
  const [c] = importBotFrameworkTranscript(path.join(IMPORTS, 'fico-score.transcript'));

  it('keeps the visitor\'s messages and clicks, checks each bot message one to one at the line of its activity, and lists what it does not replay', () => {
    expect(c!.channels).toEqual(['chat']);
    const kinds = c!.steps.map((s) => Object.keys(s.value)[0]);
    expect(kinds).toEqual(['message', 'click', 'message', 'user', 'message', 'user', 'message']);
    // The answer to the SSN prompt is a variable, never the value.
    expect(c!.steps[5]!.value).toEqual({ user: '${ssn}' });
    expect(c!.steps[0]!.line).toBeGreaterThan(1);
    expect(c!.ignored).toMatchObject({ conversationUpdate: 1, typing: 1 });
  });
});

describe('Botium and Bot Framework files run against the server', () => {
  let server: TestServer;
  beforeAll(async () => {
    process.env.TRANSCRIPT_QUESTION = 'where do I mail my payment?';
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('every convo of the Botium corpus passes, two at a time', async () => {
    const report = await runTranscripts({ paths: [path.join(IMPORTS, 'botium')], target: targetOf(server), jobs: 2 });
    if (report.failed || report.unreadable.length) console.log(formatReport(report));
    expect(report.unreadable).toEqual([]);
    expect(report.failed).toBe(0);
    expect(report.passed).toBeGreaterThanOrEqual(50);
    expect(exitCode(report)).toBe(0);
  }, 180_000);

  it('the Emulator\'s recording replays, the SSN given as a variable, its date a pattern', async () => {
    const report = await runTranscripts({ paths: [path.join(IMPORTS, 'fico-score.transcript')], target: targetOf(server), vars: { ssn: '533182046' } });
    expect(formatReport(report)).toMatch(/1 passed, 0 failed/);
  });

  it('a clear SSN answering the prompt is refused with the line of its activity and the variable to use', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'clear-ssn-'));
    const file = path.join(dir, 'clear.transcript');
    writeFileSync(file, readFileSync(path.join(IMPORTS, 'fico-score.transcript'), 'utf8').replace('"text": "${ssn}"', '"text": "533182046"'));
    expect(() => importBotFrameworkTranscript(file)).toThrow(/clear\.transcript:53: .*written in clear: replace it with \$\{ssn\}/);
  });
});
