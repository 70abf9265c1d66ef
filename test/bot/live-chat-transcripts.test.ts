import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importTranscriptStoreFolder } from '../../transcripts/importers';
import { formatReport, runTranscripts } from '../../transcripts/runner';
import { startIvrWorld, type IvrWorld } from '../ivr/harness';
import { filesUnder, settled } from '../support/files';

let world: IvrWorld;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'live-transcripts-'));
  world = await startIvrWorld({ TRANSCRIPT_DIR: dir });
});
afterAll(async () => {
  await settled(dir);
  await world.close();
  rmSync(dir, { recursive: true, force: true });
});

async function waitFor<T>(check: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('transcripts of live chats', () => {
  it('record the conversation for testers with the SSN masked and the bot replies intact', async () => {
    const dl = `${world.base}/v3/directline`;
    const start = (await (await fetch(`${dl}/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string };
    const headers = { Authorization: `Bearer ${start.token}`, 'Content-Type': 'application/json' };
    let replies = 0;
    const say = async (text: string) => {
      await fetch(`${dl}/conversations/${start.conversationId}/activities`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ type: 'message', text, from: { id: 'dl_tester' }, locale: 'en-US' }),
      });
      replies += 1;
      await waitFor(async () => {
        const page = (await (await fetch(`${dl}/conversations/${start.conversationId}/activities`, { headers })).json()) as {
          activities: { from: { id: string }; type: string }[];
        };
        const fromBot = page.activities.filter((a) => a.from.id !== 'dl_tester' && a.type === 'message');
        return fromBot.length >= replies ? true : undefined;
      });
    };
    await say('I want to make a payment');
    await say('2HGFE2F5XMH512345');
    await say('401 22 7788');

    const logged = await waitFor(async () => {
      const files = filesUnder(dir);
      const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');
      return /You're verified/.test(text) ? text : undefined;
    });
    expect(logged).toContain('•••••7788');
    expect(logged).not.toMatch(/401\D?22\D?7788/);
    expect(logged).toContain('I want to make a payment');
  });

  it('replay as scripts: the runner plays a live chat\'s file directly, the masked SSN given as a variable', async () => {
    // TRANSCRIPT_DIR holds a folder per channel and conversation; the runner takes one as it is.
    const file = path.dirname(filesUnder(dir)[0]!);
    const [conversation] = importTranscriptStoreFolder(file);
    const users = conversation!.steps.flatMap(({ value }) => ('user' in value ? [value.user] : []));
    expect(users).toEqual(['I want to make a payment', '2HGFE2F5XMH512345', '${ssn}']);

    const target = { base: world.base, twilioAuthToken: world.authToken };
    const replay = await runTranscripts({ paths: [file], target, vars: { ssn: '401-22-7788' } });
    expect(formatReport(replay)).toMatch(/1 passed, 0 failed/);
  });

  it('a replay that fails names the file of the activity that did not hold, not the folder', async () => {
    // The first test's own chat (its visitor is dl_tester), not one a replay added to the store since.
    const folder = path.dirname(filesUnder(dir).find((f) => readFileSync(f, 'utf8').includes('"dl_tester"'))!);
    const copy = path.join(mkdtempSync(path.join(tmpdir(), 'live-copy-')), path.basename(folder));
    cpSync(folder, copy, { recursive: true });
    // The bot's answer to the VIN, changed to something it never says.
    const [prompt] = readdirSync(copy)
      .sort()
      .map((n) => path.join(copy, n))
      .filter((f) => /Social Security/.test(readFileSync(f, 'utf8')));
    expect(prompt).toBeDefined();
    const activity = JSON.parse(readFileSync(prompt!, 'utf8')) as { text: string };
    writeFileSync(prompt!, JSON.stringify({ ...activity, text: 'Please tell me your favourite colour.' }, null, 2));

    const target = { base: world.base, twilioAuthToken: world.authToken };
    const replay = await runTranscripts({ paths: [copy], target, vars: { ssn: '401-22-7788' } });
    expect(replay.failed).toBe(1);
    expect(replay.outcomes[0]!.failure).toMatchObject({ file: prompt, line: 1 });
    expect(formatReport(replay)).toContain(`at ${prompt}:1`);
    rmSync(path.dirname(copy), { recursive: true, force: true });
  });
});
