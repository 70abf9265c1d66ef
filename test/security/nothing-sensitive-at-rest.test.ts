import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { actionValue, DirectLineConversation, type StreamActivity } from '../../transcripts/direct-line-client';
import { Recorder } from '../../transcripts/recorder';
import { PhoneCall, reminderCode, remindersSentTo, seededOn as seededOnOf, text, type IvrWorld } from '../ivr/harness';
import { filesUnder, settled } from '../support/files';
import { listeningTrap } from '../support/listening-trap';
import { startTestServer, type TestServer } from '../support/server';
import { targetOf } from '../support/transcripts';
import { addDays } from '../../core/shared/dates';

/**
 * After the full flows on every channel (web chat through the local Direct
 * Line, typed and masked; the Emulator on /api/messages; the phone; text
 * messages; a recorded transcript; TRANSCRIPT_DIR logs), not one byte at rest
 * holds a demo SSN/Tax ID or a bank account number in any form the assistant
 * accepts: the database (SQLite file with its WAL and SHM, or a pg_dump of the
 * PostgreSQL schema), every log line at trace level, the transcript folders and
 * the outbox (a table of the database).
 */

const JORDAN_SSN = '401227788';
const MARIA_SSN = '533182046';
const NEW_BANK_CHAT = '765432109876';
const NEW_BANK_VOICE = '987654321098';
const NEW_BANK_EMULATOR = '556677889900';

/** Every way these digits can be written so that the assistant reads them: separators of any kind, or words. */
function looseDigits(digits: string): RegExp {
  const words = ['(?:zero|oh|o|cero)', '(?:one|uno|una|un)', '(?:two|dos)', '(?:three|tres)', '(?:four|cuatro)', '(?:five|cinco)', '(?:six|seis)', '(?:seven|siete)', '(?:eight|ocho)', '(?:nine|nueve)'];
  const unit = (d: string) => `(?:${d}|${words[Number(d)]})`;
  return new RegExp([...digits].map(unit).join('[^0-9A-Za-z]{0,4}'), 'i');
}

const CARD = '4111111111111111';
const DECLINED_CARD = '4000000000000002';
const AMEX_CARD = '378282246310005';

const SECRETS = [JORDAN_SSN, MARIA_SSN, NEW_BANK_CHAT, NEW_BANK_VOICE, NEW_BANK_EMULATOR, '000123454321' /* Jordan's bank on file */, CARD, DECLINED_CARD, AMEX_CARD];

let server: TestServer;
let transcriptDir: string;
let recordDir: string;
const logLines: string[] = [];

beforeAll(async () => {
  transcriptDir = mkdtempSync(path.join(tmpdir(), 'at-rest-transcripts-'));
  recordDir = mkdtempSync(path.join(tmpdir(), 'at-rest-recorded-'));
  server = await startTestServer(
    { TRANSCRIPT_DIR: transcriptDir, LOG_LEVEL: 'trace', BOT_EMULATOR: 'true', TWILIO_PAY_CONNECTOR: 'Default' },
    {
      logDestination: new Writable({
        write(chunk, _enc, done) {
          logLines.push(String(chunk));
          done();
        },
      }),
    },
  );
});

afterAll(async () => {
  await settled(transcriptDir);
  await server.close();
  rmSync(transcriptDir, { recursive: true, force: true });
  rmSync(recordDir, { recursive: true, force: true });
});

async function chat(): Promise<DirectLineConversation> {
  const c = new DirectLineConversation(`${server.base}/v3/directline`);
  await c.open();
  return c;
}

/** Verifies Jordan in a new web chat, the SSN written as given (typed, or sent as the page's masked entry). */
async function verifiedChat(ssn: string, masked = false): Promise<{ c: DirectLineConversation; last: StreamActivity }> {
  const c = await chat();
  await c.turn({ type: 'message', text: 'I want to make a payment' });
  await c.turn({ type: 'message', text: '2HGFE2F5XMH512345' });
  const { reply } = await c.turn(masked ? { type: 'message', text: '•••••••••', value: { secret: ssn } } : { type: 'message', text: ssn });
  expect(reply.text).toMatch(/verified/);
  return { c, last: reply };
}

describe('every byte at rest after the full flows on every channel', () => {
  it('holds no SSN/Tax ID and no bank account number, in any form', async () => {
    // Web chat: the SSN typed in every form the assistant accepts, and through the page's masked entry.
    for (const form of ['401-22-7788', '401.22.7788', '401 - 22 - 7788', '4 0 1 2 2 7 7 8 8', 'four oh one two two seven seven eight eight']) {
      const { c } = await verifiedChat(form);
      c.close();
    }
    {
      // An SSN volunteered before it was asked for, inside a sentence.
      const c = await chat();
      await c.turn({ type: 'message', text: 'my social is 401 22 7788 and I want my balance' });
      c.close();
    }
    {
      // An SSN given where the VIN is asked waits sealed in the session, then the VIN verifies with it.
      const c = await chat();
      await c.turn({ type: 'message', text: 'I want to make a payment' });
      await c.turn({ type: 'message', text: 'ssn 401-22-7788' });
      const { reply } = await c.turn({ type: 'message', text: '2HGFE2F5XMH512345' });
      expect(reply.text).toMatch(/Jordan/);
      c.close();
    }
    {
      // A payment from a new bank account typed at the prompt, after the masked SSN.
      const { c, last } = await verifiedChat('401227788', true);
      let reply = last;
      const click = async (title: RegExp) => (reply = (await c.turn({ type: 'message', value: actionValue(reply, title) })).reply);
      if (reply.suggestedActions?.actions.some((a) => /Honda Civic/.test(a.title ?? ''))) await click(/Honda Civic/);
      reply = (await c.turn({ type: 'message', text: '$7' })).reply;
      await click(/^Today$/);
      await click(/different bank account/i);
      reply = (await c.turn({ type: 'message', text: '021000021' })).reply;
      reply = (await c.turn({ type: 'message', text: NEW_BANK_CHAT })).reply;
      expect(reply.text).toMatch(/ending 9876 as a checking account/);
      reply = (await c.turn({ type: 'message', value: actionValue(reply, /^Yes$/) })).reply;
      expect(reply.text).toMatch(/confirmation number is \d{10}|being verified/);
      c.close();
    }

    // The Bot Framework Emulator on /api/messages (local demo), replies to a listener on this machine.
    const trap = await listeningTrap();
    try {
      const conversation = { id: `emulator-${Date.now()}` };
      for (const [i, words] of ['what is my balance', '2HGFE2F5XMH512345', '401-22-7788', `my bank account is ${NEW_BANK_EMULATOR}`].entries()) {
        const res = await fetch(`${server.base}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ type: 'message', id: `em-${i}`, text: words, channelId: 'emulator', serviceUrl: trap.url, conversation, from: { id: 'u' }, recipient: { id: 'bot' } }),
        });
        expect(res.status).toBeLessThan(300);
      }
    } finally {
      await trap.close();
    }

    // The phone: María verifies by keypad and pays from a new bank account; Jordan says his SSN aloud where a VIN is asked.
    const world: IvrWorld = { app: server.app, base: server.base, authToken: server.app.config.twilio.authToken, close: server.close };
    {
      const call = new PhoneCall(world, '+13055550122');
      await call.dial();
      await call.press('1');
      await call.press('4100020002');
      await call.press(MARIA_SSN);
      await call.press('1');
      await call.press('1');
      await call.press('1'); // a new bank account (no bank on file)
      await call.press('021000021');
      const readBack = await call.press(NEW_BANK_VOICE); // read back as checking
      expect(readBack.text).toMatch(/1 0 9 8/);
      await call.press('1');
      await call.hangUp();
    }
    {
      // Card payments through the phone line's card capture: one declined, one charged, one abandoned by hanging up.
      const call = new PhoneCall(world, '+17045550101');
      await call.dial();
      for (const keys of ['1', '4100020001', JORDAN_SSN, '1', '2', '9*00', '1']) await call.press(keys);
      await call.press('3');
      const declined = await call.enterCard([DECLINED_CARD, '1230', '123', '28202']);
      expect(declined.text).toMatch(/declined/);
      await call.press('3');
      const done = await call.enterCard([CARD, '1230', '123', '28202']);
      expect(done.text).toMatch(/card ending 1 1 1 1/);
      await call.hangUp();
    }
    {
      const call = new PhoneCall(world, '+17045550101');
      await call.dial();
      for (const keys of ['1', '4100020001', JORDAN_SSN, '1', '2', '3*00', '1', '3']) await call.press(keys);
      const gone = await call.enterCard([AMEX_CARD, '1230', null]);
      expect(gone.hangup).toBe(true);
    }
    {
      // A card number keyed at the ways-to-pay question, where no card is taken: not kept anywhere.
      const call = new PhoneCall(world, '+17045550101');
      await call.dial();
      for (const keys of ['1', '4100020001', JORDAN_SSN, '1', '2', '4*00', '1']) await call.press(keys);
      const early = await call.press(CARD);
      expect(early.text).toMatch(/isn't one of the options/);
      expect(early.pay).toBeNull();
      await call.press('3');
      const gone = await call.enterCard([CARD, null]);
      expect(gone.hangup).toBe(true);
    }
    {
      const call = new PhoneCall(world, '+17045550101');
      await call.dial();
      await call.press('1');
      await call.say('four oh one two two seven seven eight eight');
      await call.hangUp();
    }

    // Text messages: a reminder and its PAY, and an SSN sent by text.
    const seededOn = await seededOnOf(server.app);
    const code = reminderCode((await remindersSentTo(world, '+17045550101', new Date(`${addDays(seededOn, 5)}T14:00:00Z`)))[0]);
    await text(world, '+17045550101', `PAY ${code}`);
    await text(world, '+17045550101', 'my ssn is 401-22-7788');

    // A tester records a chat: the sensitive answers become variables in the file.
    const recorder = new Recorder({ target: targetOf(server), channel: 'chat', language: 'en', name: 'recorded at rest' });
    await recorder.start();
    for (const line of ['what do I owe', '2HGFE2F5XMH512345', '401-22-7788']) await recorder.input(line);
    recorder.close();
    writeFileSync(path.join(recordDir, 'recorded.yaml'), recorder.toYaml());

    await new Promise((r) => setTimeout(r, 300));
    const places = atRest();
    expect(places.map((p) => p.name)).toEqual(expect.arrayContaining(['log']));
    expect(places.some((p) => p.name.includes('transcript'))).toBe(true);
    const found: string[] = [];
    for (const place of places) {
      for (const secret of SECRETS) {
        if (looseDigits(secret).test(place.text)) found.push(`${secret} in ${place.name}`);
      }
    }
    expect(found).toEqual([]);
    // The search sees what is there in clear: the loan account numbers, the VIN.
    const everything = places.map((p) => p.text).join('\n');
    expect(everything).toContain('4100020002');
    expect(everything).toContain('2HGFE2F5XMH512345');
  }, 120_000);
});

/** Every place the service keeps bytes, as text (binary database pages read as latin1 so every byte is seen). */
function atRest(): { name: string; text: string }[] {
  const places: { name: string; text: string }[] = [{ name: 'log', text: logLines.join('') }];
  for (const file of filesUnder(transcriptDir)) places.push({ name: `transcript ${path.basename(file)}`, text: readFileSync(file, 'utf8') });
  for (const file of filesUnder(recordDir)) places.push({ name: `recorded transcript ${path.basename(file)}`, text: readFileSync(file, 'utf8') });
  const url = server.app.config.databaseUrl;
  if (server.app.config.databaseKind === 'sqlite') {
    const db = url.replace(/^file:/, '');
    for (const file of [db, `${db}-wal`, `${db}-shm`, `${db}-journal`].filter(existsSync)) {
      places.push({ name: `database ${path.basename(file)}`, text: readFileSync(file).toString('latin1') });
    }
  } else {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? 'public';
    parsed.search = '';
    const dump = execFileSync('pg_dump', ['--data-only', '--schema', schema, parsed.toString()], { maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
    places.push({ name: 'database pg_dump', text: dump });
  }
  return places;
}
