import path from 'node:path';
import { importBotFrameworkTranscript, importBotiumConvo } from '../../transcripts/importers';
import { runTranscripts } from '../../transcripts/runner';
import { startTestServer, type TestServer } from '../support/server';

const IMPORTS = path.join(__dirname, 'imports');

describe('importing a Bot Framework .transcript (the Emulator\'s array form)', () => {
  const [c] = importBotFrameworkTranscript(path.join(IMPORTS, 'fico-score.transcript'));

  it('keeps the visitor\'s messages, clicks on offered buttons, and checks each bot reply by its first sentence', () => {
    expect(c!.channels).toEqual(['chat']);
    expect(c!.steps.map((s) => s.value)).toEqual([
      { bot: { contains: "Hi! I'm the servicing assistant for your vehicle account.", actions: ['Make a payment', 'FICO® Score'] } },
      { click: 'FICO® Score' },
      { bot: { contains: 'Happy to help with your FICO® Score.' } },
      { user: '4100020002' },
      { bot: { contains: 'Now enter the full Social Security number or Tax ID on the account (9 digits).' } },
      { user: '533182046' },
      { bot: { contains: "Thank you, María. You're verified." } },
    ]);
  });
});

describe('importing Botium convos', () => {
  it('expands an utterance list into one conversation per variant, with asserters and includes', () => {
    const convos = importBotiumConvo(path.join(IMPORTS, 'ways-to-pay.convo.txt'));
    expect(convos).toHaveLength(3);
    expect(convos.map((c) => c.steps[0]!.value)).toEqual([
      { user: 'what are my payment options' },
      { user: 'what payment methods do you accept' },
      { user: 'what are the different ways to make a payment' },
    ]);
    expect(convos[0]!.steps[1]!.value).toEqual({ bot: { contains: ['CheckFreePay', 'ACI'], not_contains: ['error', 'Sorry'] } });
    // INCLUDE brought in the mailing-address convo's steps.
    expect(convos[0]!.steps.slice(2).map((s) => s.value)).toEqual([
      { user: 'where do I mail a check?' },
      { bot: { any_of: ['P.O. Box 71119', 'Payment Processing Center'] } },
    ]);
    expect(convos[0]!.steps[1]!.line).toBe(7);
  });
});

describe('imported transcripts run against the server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('pass, as the Emulator and Botium recorded them', async () => {
    const report = await runTranscripts({ paths: [IMPORTS], target: { base: server.base, twilioAuthToken: server.app.config.twilio.authToken } });
    expect(report.outcomes.filter((o) => !o.passed).map((o) => `${o.conversation.name}: ${o.failure?.reason}`)).toEqual([]);
    expect(report.passed).toBe(5);
  });
});
