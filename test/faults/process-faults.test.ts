import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import twilio from 'twilio';
import { loadConfig } from '../../core/config/config';
import { readVoiceScreen } from '../../ivr/twiml-reader';
import { newCallSid } from '../ivr/harness';
import { startServerProcess, type ServerProcess } from '../support/server-process';

/** Faults of the process itself: killed mid-payment, and stopped with SIGTERM under load. */
const AUTH_TOKEN = loadConfig({ NODE_ENV: 'test' }).twilio.authToken;
let dir: string;
let dbFile: string;
const started: ServerProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'faults-'));
  dbFile = path.join(dir, 'servicing.db');
});
afterEach(async () => {
  for (const s of started.splice(0)) {
    if (s.child.exitCode === null) s.child.kill('SIGKILL');
    await s.exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<ServerProcess> {
  const s = await startServerProcess({ DATABASE_URL: `file:${dbFile}`, SHUTDOWN_GRACE_SECONDS: '1' });
  started.push(s);
  return s;
}

/** A phone call to one server process, with every request signed as Twilio signs it. */
class Call {
  readonly callSid = newCallSid();
  private next = '';
  constructor(public base: string) {}

  async post(url: string, extra: Record<string, string>): Promise<{ status: number; text: string; action: string }> {
    const params = { CallSid: this.callSid, From: '+17045550101', To: '+18005550100', ...extra };
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params) },
      body: new URLSearchParams(params).toString(),
    });
    const body = await res.text();
    const screen = res.status === 200 ? readVoiceScreen(body) : null;
    return { status: res.status, text: screen?.says.map((s) => s.text).join(' ') ?? body, action: screen?.gather?.action ?? screen?.redirect ?? '' };
  }
  async dial() {
    const r = await this.post(`${this.base}/voice/incoming`, {});
    this.next = r.action;
    return r;
  }
  /** Presses keys at the current prompt; `url` replays an earlier request. */
  async press(digits: string, url = this.next) {
    const r = await this.post(url.replace(/^http:\/\/127\.0\.0\.1:\d+/, this.base), { Digits: digits });
    this.next = r.action;
    return r;
  }
  get actionUrl() {
    return this.next;
  }
}

function paymentsOf(callSid: string): number {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM "Payment" WHERE "idempotencyKey" LIKE ?').get(`%${callSid}%`) as { n: number }).n;
  } finally {
    db.close();
  }
}

// Each test starts whole server processes (the language model trains at start), so it gets more than the default 30 s.
describe('a process killed between a payment and its reply', () => {
  it('neither loses nor duplicates the payment: the retried request gets the same confirmation from a new process', async () => {
    const first = await start();
    const call = new Call(first.base);
    await call.dial();
    for (const keys of ['1', '4100020001', '401227788', '1', '2', '7*00', '1', '1']) await call.press(keys);
    const confirmUrl = call.actionUrl;

    // The session as it was at the confirmation prompt: what a process that died before saving leaves behind.
    const db = new Database(dbFile);
    const atConfirm = db.prepare('SELECT state, version FROM "ConversationSession" WHERE id = ?').get(`voice:${call.callSid}`) as { state: string; version: number };
    db.close();

    const answered = await call.press('1', confirmUrl);
    const confirmation = /confirmation number is ([\d ]+)\./.exec(answered.text)?.[1];
    expect(confirmation).toBeDefined();
    expect(paymentsOf(call.callSid)).toBe(1);

    // Kill the process without warning, and put the session back as if the kill had come
    // after the payment committed but before the turn was saved and answered.
    first.child.kill('SIGKILL');
    await first.exited;
    const rewind = new Database(dbFile);
    rewind.prepare('UPDATE "ConversationSession" SET state = ?, version = ? WHERE id = ?').run(atConfirm.state, atConfirm.version, `voice:${call.callSid}`);
    rewind.close();

    // Twilio retries the same request (same URL, same parameters) against a new process.
    const second = await start();
    call.base = second.base;
    const retried = await call.press('1', confirmUrl);
    expect(retried.status).toBe(200);
    expect(retried.text).toContain(`confirmation number is ${confirmation}.`);
    expect(paymentsOf(call.callSid)).toBe(1);
  }, 90_000);
});

describe('SIGTERM', () => {
  it('drains the requests in flight, refuses new ones, and exits 0', async () => {
    const server = await start();
    const calls = Array.from({ length: 40 }, () => new Call(server.base));
    const inFlight = calls.map((c) =>
      c.dial().then(
        (r) => ({ ok: r.status === 200 && r.text.length > 0, error: '' }),
        (e: unknown) => ({ ok: false, error: String((e as { cause?: { code?: string } }).cause?.code ?? e) }),
      ),
    );
    await new Promise((r) => setTimeout(r, 5));
    server.child.kill('SIGTERM');
    // While draining, readiness says so and requests are still answered.
    await new Promise((r) => setTimeout(r, 200));
    const ready = await fetch(`${server.base}/readyz`).catch((e: unknown) => {
      throw new Error(`readyz failed (${String(e)}); server output:\n${server.output()}`);
    });
    expect(ready.status).toBe(503);
    const results = await Promise.all(inFlight);
    const code = await server.exited;

    expect(code).toBe(0);
    // Every request either completed or was refused before it started: none was cut off halfway.
    const cutOff = results.filter((r) => !r.ok && !/ECONNREFUSED/.test(r.error));
    expect(cutOff).toEqual([]);
    expect(results.filter((r) => r.ok).length).toBeGreaterThan(0);
    await expect(fetch(`${server.base}/healthz`)).rejects.toThrow();
  }, 90_000);
});
