/**
 * Plays the phone line in a terminal, the way Twilio would, against a running
 * server (`npm start`):
 *
 *   npm run call -- [--from +17045550101] [--base-url http://localhost:3978]
 *
 * Each request is signed with TWILIO_AUTH_TOKEN (the dev default unless set)
 * over the URL it is sent to, so --base-url must be the server's
 * PUBLIC_BASE_URL (by default http://localhost:<PORT>).
 *
 * At each prompt type:
 *   digits, * or #     keypad presses (spaces ignored), e.g. 4100020001
 *   "words  or say:words   speech, e.g. "make a payment  (confidence 0.9)
 *   (empty line)       silence: the Gather times out
 *   /hangup or Ctrl-D  hang up (sends the status callback)
 * The call ends on <Hangup> or <Dial> (a transfer to customer service).
 *
 * A card payment: Twilio's <Pay> cannot run here, so the simulator stands in
 * for Twilio's card capture and a test payment connector. It asks for the
 * card number, expiry (MMYY), security code and ZIP by keypad, as Twilio
 * would, and posts only what Twilio posts to the action URL (the result, a
 * token, the masked number, brand and expiry), signed. Test cards: 4111 1111
 * 1111 1111 is charged, 4000 0000 0000 0002 is declined, 4000 0000 0000 0119
 * meets a processor error; * stops the entry, /hangup hangs up.
 */
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import twilio from 'twilio';
import { loadConfig } from '../core/config/config';
import { readVoiceScreen, type VoiceScreen } from '../ivr/twiml-reader';
import { SimulatedPay } from '../ivr/pay-simulator';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const config = loadConfig();
const base = (argValue('--base-url') ?? config.publicBaseUrl).replace(/\/$/, '');
const from = argValue('--from') ?? '+17045550101';
const callSid = `CA${randomBytes(16).toString('hex')}`;
const common = { CallSid: callSid, AccountSid: `AC${'0'.repeat(32)}`, From: from, To: '+18005550100', Direction: 'inbound', CallStatus: 'in-progress' };

/** Twilio fetches TwiML URLs as given; ours are absolute, but keep the simulator on --base-url. */
function onBase(url: string): string {
  const u = new URL(url, base);
  return `${base}${u.pathname}${u.search}`;
}

async function post(url: string, params: Record<string, string>): Promise<string> {
  const signature = twilio.getExpectedTwilioSignature(config.twilio.authToken, url, params);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
    body: new URLSearchParams(params).toString(),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 200)}`);
  return body;
}

function show(screen: VoiceScreen): void {
  for (const s of screen.says) process.stdout.write(`\x1b[36m🔊 ${s.text}\x1b[0m\n`);
  if (screen.gather) {
    const g = screen.gather;
    const how = [`input=${g.input ?? 'dtmf'}`, g.numDigits ? `numDigits=${g.numDigits}` : '', g.finishOnKey ? `finishOnKey=${g.finishOnKey}` : '', g.language ? `language=${g.language}` : '']
      .filter(Boolean)
      .join(' ');
    process.stdout.write(`\x1b[2m   [gather ${how}]\x1b[0m\n`);
  }
}

/** What the caller typed, as the Gather would post it. */
function answer(line: string): Record<string, string> | 'hangup' {
  const trimmed = line.trim();
  if (trimmed === '/hangup') return 'hangup';
  if (trimmed === '') return {};
  if (trimmed.startsWith('"') || trimmed.toLowerCase().startsWith('say:')) {
    const words = trimmed.startsWith('"') ? trimmed.slice(1).replace(/"$/, '') : trimmed.slice(4);
    return { SpeechResult: words.trim(), Confidence: '0.9' };
  }
  return { Digits: trimmed.replace(/\s+/g, '') };
}

async function hangUp(): Promise<void> {
  await post(`${base}/voice/status`, { ...common, CallStatus: 'completed', CallDuration: '60' }).catch(() => undefined);
  process.stdout.write('📴 You hung up.\n');
}

async function main(): Promise<void> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  // The line iterator buffers, so keys piped in ahead of the prompts are not lost.
  const lines = rl[Symbol.asyncIterator]();
  /** The next line typed; a card entry piped in is echoed masked. */
  const nextLine = async (masked = false): Promise<string | null> => {
    process.stdout.write('> ');
    const next = await lines.next();
    if (next.done) return null;
    if (!process.stdin.isTTY) process.stdout.write(`${masked ? next.value.replace(/\d(?=(?:\D*\d){4})/g, '•') : next.value}\n`);
    return next.value;
  };
  process.stdout.write(`📞 Calling ${base} from ${from} (CallSid ${callSid})\n`);
  let screen = readVoiceScreen(await post(`${base}/voice/incoming`, { ...common, CallStatus: 'ringing' }));
  for (;;) {
    show(screen);
    if (screen.dial) {
      process.stdout.write(`☎️  Transferred to ${screen.dial}. End of the simulated call.\n`);
      await post(`${base}/voice/status`, { ...common, CallStatus: 'completed', CallDuration: '60' }).catch(() => undefined);
      break;
    }
    if (screen.hangup) {
      process.stdout.write('📴 The line hung up.\n');
      await post(`${base}/voice/status`, { ...common, CallStatus: 'completed', CallDuration: '60' }).catch(() => undefined);
      break;
    }
    if (screen.pay) {
      const pay = new SimulatedPay(screen.pay);
      const statusUrl = screen.pay.statusCallback;
      let step = pay.start();
      while (!step.done) {
        process.stdout.write(`\x1b[35m💳 ${step.prompt.text}\x1b[0m\n\x1b[2m   [Twilio <Pay>: ${step.prompt.for}, keypad only; the card never reaches the server]\x1b[0m\n`);
        if (statusUrl) await post(onBase(statusUrl), { ...common, ...step.progress });
        const line = await nextLine(true);
        step = pay.enter(line === null || line.trim() === '/hangup' ? null : line);
      }
      screen = readVoiceScreen(await post(onBase(step.actionUrl), { ...common, ...step.params }));
      if (step.params.Result === 'caller-hung-up') {
        await hangUp();
        break;
      }
      continue;
    }
    if (screen.gather) {
      const line = await nextLine();
      const params = line === null ? 'hangup' : answer(line);
      if (params === 'hangup') {
        await hangUp();
        break;
      }
      screen = readVoiceScreen(await post(onBase(screen.gather.action ?? `${base}/voice/gather`), { ...common, ...params }));
      continue;
    }
    if (screen.redirect) {
      screen = readVoiceScreen(await post(onBase(screen.redirect), common));
      continue;
    }
    process.stdout.write('The TwiML had nothing more to do; Twilio would hang up here.\n');
    break;
  }
  rl.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
