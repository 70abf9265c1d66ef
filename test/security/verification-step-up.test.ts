import fs from 'node:fs';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { manualClock, type ManualClock } from '../../core/shared/clock';
import { PhoneCall, startIvrWorld, type IvrWorld } from '../ivr/harness';

/**
 * Verification throttling that an anonymous party cannot turn against the
 * owner (OWASP ASVS 2.2), attacked through the real server: web chat over our
 * Direct Line (behind one trusted proxy, so each visitor has an address of its
 * own) and the phone line over signed Twilio webhooks. Texts go to a fake of
 * Twilio's Messages API, the outer edge.
 */
let world: IvrWorld;
let clock: ManualClock;
let texts: { to: string; body: string }[];
let logged: string[];

beforeEach(async () => {
  texts = [];
  logged = [];
  clock = manualClock(new Date());
  const logDestination = new Writable({
    write(chunk, _enc, done) {
      logged.push(String(chunk));
      done();
    },
  });
  world = await startIvrWorld(
    { TRUSTED_PROXY_HOPS: '1', LOG_LEVEL: 'trace' },
    { clock, logDestination, smsSender: { send: async (to, body) => void texts.push({ to, body }) } },
  );
});
afterEach(async () => {
  await world.close();
});

const JORDAN_SSN = '401-22-7788';
const WRONG_SSN = '444-44-4444';

interface Chat {
  /** Sends a typed message, or a masked entry the way the web page sends SSNs and codes; returns the bot's answer. */
  say(text: string, opts?: { secret?: boolean }): Promise<string>;
  history(): Promise<string>;
}

/** A web chat from one visitor address (the proxy in front writes it into X-Forwarded-For). */
async function chat(address: string, locale = 'en-US'): Promise<Chat> {
  const dl = `${world.base}/v3/directline`;
  const forwarded = { 'X-Forwarded-For': address };
  const start = (await (await fetch(`${dl}/conversations`, { method: 'POST', headers: forwarded })).json()) as { conversationId: string; token: string };
  const headers = { ...forwarded, Authorization: `Bearer ${start.token}`, 'Content-Type': 'application/json' };
  const activities = async () =>
    ((await (await fetch(`${dl}/conversations/${start.conversationId}/activities`, { headers })).json()) as {
      activities: { from: { id: string }; type: string; text?: string }[];
    }).activities;
  let seen = 0;
  return {
    async say(text, opts = {}) {
      const body = opts.secret
        ? { type: 'message', text: '•'.repeat(text.length), value: { secret: text }, from: { id: 'visitor' }, locale }
        : { type: 'message', text, from: { id: 'visitor' }, locale };
      const posted = await fetch(`${dl}/conversations/${start.conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify(body) });
      expect(posted.status).toBe(200);
      for (let i = 0; i < 200; i++) {
        const replies = (await activities()).filter((a) => a.from.id !== 'visitor' && a.type === 'message' && a.text);
        if (replies.length > seen) {
          seen = replies.length;
          return replies[replies.length - 1]!.text!;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('no reply');
    },
    history: async () => JSON.stringify(await activities()),
  };
}

/** The six digits of the newest text, as the customer reads them off the phone. */
function lastCode(): string {
  const m = /\b(\d{6})\b/.exec(texts[texts.length - 1]?.body ?? '');
  if (!m) throw new Error(`no code texted: ${JSON.stringify(texts)}`);
  return m[1]!;
}

/** Three strangers, each in a fresh chat from an address of their own, guess a wrong SSN for one account. */
async function strangersGuess(accountNumber: string): Promise<string[]> {
  const answers: string[] = [];
  for (const host of [11, 12, 13]) {
    const stranger = await chat(`198.51.100.${host}`);
    await stranger.say('make a payment');
    await stranger.say(accountNumber);
    answers.push(await stranger.say(WRONG_SSN, { secret: true }));
  }
  return answers;
}

/** A phone call that answers the menu with keys; the language menu only plays to unknown numbers. */
async function callAndGuess(from: string, accountNumber: string, ssnDigits: string): Promise<string> {
  const call = new PhoneCall(world, from);
  const first = await call.dial();
  if (/For English, press 1/.test(first.text)) await call.press('1');
  await call.press('1'); // make a payment
  await call.press(accountNumber);
  return (await call.press(ssnDigits)).text;
}

/** Everything the database holds, as text: the SQLite file, or every table of the test's PostgreSQL schema. */
async function databaseText(): Promise<string> {
  const url = world.app.config.databaseUrl;
  if (url.startsWith('file:')) {
    const file = url.slice('file:'.length);
    return [file, `${file}-wal`, `${file}-journal`]
      .filter((f) => fs.existsSync(f))
      .map((f) => fs.readFileSync(f).toString('latin1'))
      .join('\n');
  }
  const schema = new URL(url).searchParams.get('schema')!;
  const client = new Client({ connectionString: url.split('?')[0] });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema]);
    const dumps: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await client.query(`SELECT row_to_json(t)::text AS j FROM "${schema}"."${table_name}" t`);
      dumps.push(...rows.rows.map((r: { j: string }) => r.j));
    }
    return dumps.join('\n');
  } finally {
    await client.end();
  }
}

describe('an anonymous party cannot lock the owner out', () => {
  it('when three strangers guess wrong SSNs for Jordan\'s account in fresh chats, then Jordan still verifies on chat with a code texted to his mobile', async () => {
    expect(await strangersGuess('4100020001')).toEqual(Array(3).fill(expect.stringMatching(/doesn't match our records/)));

    const jordan = await chat('203.0.113.50');
    await jordan.say('make a payment');
    await jordan.say('4100020001');
    const stepUp = await jordan.say(JORDAN_SSN, { secret: true });
    expect(stepUp).toMatch(/we've texted a 6-digit code to the mobile number ending 0101\. It expires in 10 minutes\./);
    expect(stepUp).toMatch(/enter the 6-digit code/);
    expect(texts).toEqual([{ to: '+17045550101', body: expect.stringMatching(/^\d{6} is your verification code/) }]);

    const verified = await jordan.say(lastCode(), { secret: true });
    expect(verified).toMatch(/Thank you, Jordan\. You're verified\./);
  });

  it.each([
    ['Jordan', 'en', '+17045550101', '4100020001', '401227788', /texted a 6-digit code to the mobile number ending 0 1 0 1/, /Thank you, Jordan/, /^\d{6} is your verification code/],
    ['María', 'es', '+13055550122', '4100020002', '533182046', /código de 6 dígitos al celular que termina en 0 1 2 2/, /Gracias, María/, /^\d{6} es su codigo de verificacion/],
  ])('when strangers guess wrong SSNs for %s\'s account over the phone, then %s verifies on the phone with the texted code (%s)', async (_name, _lang, mobile, account, ssn, codeSent, verified, smsText) => {
    for (const stranger of ['+15555550201', '+15555550202', '+15555550203']) {
      expect(await callAndGuess(stranger, account, '444444444')).toMatch(/doesn't match our records/);
    }
    const call = new PhoneCall(world, mobile);
    await call.dial(); // a known number skips the language menu
    await call.press('1');
    await call.press(account);
    const stepUp = await call.press(ssn);
    expect(stepUp.text).toMatch(codeSent);
    // Six keypad digits, never speech: a transcript of the code would sit in Twilio's logs.
    expect(stepUp.gather).toMatchObject({ numDigits: '6', input: 'dtmf' });
    expect(texts).toEqual([{ to: mobile, body: expect.stringMatching(smsText) }]);
    expect((await call.press(lastCode())).text).toMatch(verified);
  });

  it('when the owner has no way to get a text, then a person is offered rather than a lock', async () => {
    await world.close();
    world = await startIvrWorld({ TRUSTED_PROXY_HOPS: '1' }, { clock });
    await strangersGuess('4100020001');
    const jordan = await chat('203.0.113.50');
    await jordan.say('make a payment');
    await jordan.say('4100020001');
    const answer = await jordan.say(JORDAN_SSN, { secret: true });
    expect(answer).toMatch(/extra verification step that I can't complete right now\. A representative can help at 1-888-925-2559/);
    expect(answer).not.toMatch(/locked/i);
  });
});

describe('answers do not reveal which accounts exist', () => {
  /** Five wrong answers from one visitor address, each in a fresh chat. */
  async function chatTries(accountNumber: string, address: string): Promise<string[]> {
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const visitor = await chat(address);
      const first = await visitor.say('make a payment');
      if (/please wait/.test(first)) {
        answers.push(first);
        continue;
      }
      await visitor.say(accountNumber);
      answers.push(await visitor.say('612-09-3345', { secret: true }));
    }
    return answers;
  }

  it('on chat, an unknown account, a real one with a wrong SSN and a real one with recent failures answer alike, try after try', async () => {
    const unknown = await chatTries('4199999999', '198.51.100.21');
    const real = await chatTries('4100020002', '198.51.100.22');
    const recentlyFailed = await chatTries('4100020002', '198.51.100.23');
    expect(real).toEqual(unknown);
    expect(recentlyFailed).toEqual(unknown);
    expect(unknown[0]).toMatch(/doesn't match our records/);
    expect(unknown[2]).toMatch(/please wait 5 minutes/);
  });

  it('on the phone, an unknown account and a real one answer alike, each guess from a fresh number (as the auditor tried)', async () => {
    const tries = async (account: string, prefix: string) => {
      const heard: string[] = [];
      for (let i = 0; i < 5; i++) heard.push(await callAndGuess(`${prefix}${i}`, account, '612093345'));
      return heard;
    };
    const unknown = await tries('4199999999', '+1555555031');
    const real = await tries('4100020001', '+1555555032');
    expect(real).toEqual(unknown);
    expect(unknown).toEqual(Array(5).fill(expect.stringMatching(/doesn't match our records/)));
  });
});

describe('one source is slowed, with a growing wait', () => {
  it('a caller number guessing over fresh calls waits 5, then 10, then 20 minutes, said plainly, while other callers are not slowed', async () => {
    const from = '+15555550142';
    expect(await callAndGuess(from, '4199999991', '444444444')).toMatch(/doesn't match/);
    expect(await callAndGuess(from, '4199999992', '444444444')).toMatch(/doesn't match/);
    expect(await callAndGuess(from, '4199999993', '444444444')).toMatch(/please wait 5 minutes before trying to verify again/);

    const during = new PhoneCall(world, from);
    await during.dial();
    await during.press('1');
    const slowed = await during.press('1');
    expect(slowed.text).toMatch(/please wait 5 minutes/);
    expect(slowed.dial).not.toBeNull(); // handed to a person

    clock.advanceMinutes(5);
    expect(await callAndGuess(from, '4199999994', '444444444')).toMatch(/please wait 10 minutes/);
    clock.advanceMinutes(10);
    expect(await callAndGuess(from, '4199999995', '444444444')).toMatch(/please wait 20 minutes/);

    // Priya calls meanwhile from her own phone: not slowed, and her account has no failures.
    const priya = new PhoneCall(world, '+13125550143');
    await priya.dial();
    await priya.press('1');
    await priya.press('4100020003');
    expect((await priya.press('612093345')).text).toMatch(/Thank you, Priya/);
  });

  it('a visitor address guessing over fresh chats is slowed; another address is not', async () => {
    expect(await strangersGuessFrom('198.51.100.77', 3)).toEqual([
      expect.stringMatching(/doesn't match/),
      expect.stringMatching(/doesn't match/),
      expect.stringMatching(/please wait 5 minutes/),
    ]);
    const again = await chat('198.51.100.77');
    expect(await again.say('make a payment')).toMatch(/please wait 5 minutes/);
    clock.advanceMinutes(5);
    expect(await strangersGuessFrom('198.51.100.77', 1)).toEqual([expect.stringMatching(/please wait 10 minutes/)]);

    const other = await chat('203.0.113.9');
    expect(await other.say('make a payment')).toMatch(/VIN|account number/);
  });

  async function strangersGuessFrom(address: string, n: number): Promise<string[]> {
    const answers: string[] = [];
    for (let i = 0; i < n; i++) {
      const visitor = await chat(address);
      await visitor.say('make a payment');
      await visitor.say(`419999998${i}`);
      answers.push(await visitor.say(WRONG_SSN, { secret: true }));
    }
    return answers;
  }
});

describe('the texted code', () => {
  async function jordanAtCode(address = '203.0.113.50'): Promise<Chat> {
    await strangersGuess('4100020001');
    const jordan = await chat(address);
    await jordan.say('make a payment');
    await jordan.say('4100020001');
    expect(await jordan.say(JORDAN_SSN, { secret: true })).toMatch(/texted a 6-digit code/);
    return jordan;
  }
  const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

  it('cannot be guessed: after wrong codes the session is stopped, and only a newly texted code verifies', async () => {
    const jordan = await jordanAtCode();
    const code = lastCode();
    expect(await jordan.say(wrongFor(code), { secret: true })).toMatch(/That code isn't right\.\s+Please enter the 6-digit code/);
    expect(await jordan.say(wrongFor(code), { secret: true })).toMatch(/That code isn't right/);
    const stopped = await jordan.say(wrongFor(code), { secret: true });
    expect(stopped).toMatch(/please wait 5 minutes/);
    expect(stopped).not.toMatch(/6-digit code/);

    clock.advanceMinutes(5);
    await jordan.say('start over');
    await jordan.say('make a payment');
    await jordan.say('4100020001');
    expect(await jordan.say(JORDAN_SSN, { secret: true })).toMatch(/texted a 6-digit code/);
    expect(texts).toHaveLength(2);
    expect(await jordan.say(lastCode(), { secret: true })).toMatch(/You're verified/);
  });

  it('expires after 10 minutes', async () => {
    const jordan = await jordanAtCode();
    clock.advanceMinutes(10);
    expect(await jordan.say(lastCode(), { secret: true })).toMatch(/That code can no longer be used, so let's start the verification again/);
  });

  it('is never logged, stored in clear or shown back', async () => {
    const jordan = await jordanAtCode();
    const code = lastCode();
    expect(await jordan.say(code, { secret: true })).toMatch(/You're verified/);
    const standalone = new RegExp(`(?<![0-9A-Za-z])${code}(?![0-9A-Za-z])`);
    const logs = logged.join('');
    expect(logs).toContain('verification code texted');
    expect(logs).not.toMatch(standalone);
    const stored = await databaseText();
    expect(stored).toContain('is your verification code');
    expect(stored).toContain('****** is your verification code');
    expect(stored).not.toMatch(standalone);
    expect(await jordan.history()).not.toMatch(standalone);
  });
});
