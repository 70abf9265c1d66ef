import type { TurnEvent } from '../../core/conversation';
import type { Locale } from '../../core/shared/types';
import { engineWorld, Talk, accountId, type EngineWorld } from '../support/engine-harness';
import { prng } from '../support/prng';

/**
 * Thousands of random and hostile answers at every prompt of the payment
 * flow, in both languages, on chat and on the phone. Between inputs the
 * session is put back as it was at the prompt, so every input meets the same
 * question. Seeded: a failure prints the seed and the input, and reproduces.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const INPUTS_PER_PROMPT = Number(process.env.FUZZ_INPUTS ?? 450);
const SSNS = ['401227788', '401-22-7788', '533182046', '533-18-2046'];


const FRAGMENTS = [
  "'; DROP TABLE \"Payment\"; --",
  '" OR 1=1 --',
  '<script>alert(document.cookie)</script>',
  '<img src=x onerror=alert(1)>',
  '{{constructor.constructor("return process")()}}',
  '$t(error.unexpected)',
  '${process.env.VAULT_KEY}',
  '../../etc/passwd',
  '\u0000\u0001\u0002\u001b[31m',
  '\u202e\u200b\ufeff',
  '😀💸🚗🔥',
  'ñáéíóú¿¡',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x41',
  '$-50',
  '$0.001',
  '99999999999999999999',
  '2HGFE2F5XMH512346',
  '40122778',
  '000000000',
  '12/32',
  '02/30',
  'yes no',
  '#',
  '*',
  '**##**',
];

function randomInput(rand: () => number, channel: 'chat' | 'voice'): TurnEvent {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const roll = rand();
  if (channel === 'voice' && roll < 0.35) {
    const length = Math.floor(rand() * 25);
    const keys = '0123456789*#';
    return { kind: 'digits', digits: Array.from({ length }, () => pick([...keys])).join('') };
  }
  if (roll < 0.45) return { kind: 'button', value: pick(['intent:none', 'intent:../../x', 'yes\u0000', '', 'x'.repeat(5000), 'acc_4100020003', 'lang:xx']) };
  let text: string;
  const kind = rand();
  if (kind < 0.1) text = 'x'.repeat(10_000 + Math.floor(rand() * 90_000));
  else if (kind < 0.2) text = Array.from({ length: 200 }, () => String.fromCharCode(Math.floor(rand() * 0xffff))).join('');
  else if (kind < 0.7) text = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(FRAGMENTS)).join(' ');
  else text = String(Math.floor(rand() * 10 ** Math.floor(rand() * 18)));
  return channel === 'voice' ? { kind: 'speech', text, confidence: rand() } : { kind: 'text', text };
}

/** A prompt of the payment flow and how to reach it and answer it correctly. */
interface Prompt {
  name: string;
  reach: string[];
  answer: string;
}

const CHAT_PROMPTS = (locale: Locale): Prompt[] => {
  const start = [locale === 'es' ? 'quiero hacer un pago' : 'I want to make a payment'];
  const verified = [...start, '4100020002', '533182046'];
  return [
    { name: 'VIN or account number', reach: start, answer: '4100020002' },
    { name: 'SSN or Tax ID', reach: [...start, '4100020002'], answer: '533182046' },
    { name: 'amount choice', reach: verified, answer: 'other' },
    { name: 'amount', reach: [...verified, 'other'], answer: '$5' },
    { name: 'date choice', reach: [...verified, 'other', '$5'], answer: 'later' },
    { name: 'date', reach: [...verified, 'other', '$5', 'later'], answer: locale === 'es' ? 'mañana' : 'tomorrow' },
    { name: 'routing number', reach: [...verified, 'other', '$5', 'today'], answer: '021000021' },
    { name: 'bank account number', reach: [...verified, 'other', '$5', 'today', '021000021'], answer: '123456789' },
    { name: 'confirmation', reach: [...verified, 'other', '$5', 'today', '021000021', '123456789'], answer: 'yes' },
  ];
};

// A fresh world per prompt: random nine-digit answers at the SSN prompt are real failed
// verifications, and three of them rightly lock the account for everything after.
let world: EngineWorld;
beforeEach(async () => {
  world = await engineWorld();
});

async function countPayments(): Promise<number> {
  const id = await accountId(world, '4100020002');
  return (await world.repos.payments.history(id, 1000)).length;
}

describe.each(['en', 'es'] as const)('hostile answers at every prompt (chat, %s)', (locale) => {
  it.each(CHAT_PROMPTS(locale).map((p) => [p.name, p] as const))('at the %s prompt, nothing breaks, leaks or pays', async (_name, prompt) => {
    const rand = prng(SEED + prompt.name.length * 7919 + (locale === 'es' ? 1 : 0));
    const talk = new Talk(world, 'chat', locale);
    await talk.start();
    for (const step of prompt.reach) {
      if (['other', 'later', 'today'].includes(step)) await talk.click(step);
      else await talk.say(step);
    }
    const snapshot = (await world.repos.sessions.load(talk.sessionId))!;
    let payments = await countPayments();

    for (let i = 0; i < INPUTS_PER_PROMPT; i++) {
      const current = (await world.repos.sessions.load(talk.sessionId))!;
      await world.repos.sessions.save(talk.sessionId, snapshot.state, current.version, new Date());
      const input = randomInput(rand, 'chat');
      const context = `seed ${SEED}, input ${i}: ${JSON.stringify(input).slice(0, 200)}`;
      const reply = await talk.send(input).catch((e: unknown) => {
        throw new Error(`${context}: the engine threw ${String(e)}`);
      });
      expect({ context, spoke: reply.output.messages.length > 0 }).toEqual({ context, spoke: true });
      for (const ssn of SSNS) expect({ context, leaked: reply.text.includes(ssn) }).toEqual({ context, leaked: false });
      expect({ context, echoed: /<script|onerror=/.test(reply.text) }).toEqual({ context, echoed: false });
      // Only a confirmation with a receipt may pay (a "1" or "sí" at the read-back is a real yes).
      const now = await countPayments();
      if (!reply.output.receipt) expect({ context, payments: now }).toEqual({ context, payments });
      payments = now;
    }

    // After all that, the right answer at the same prompt still works.
    const current = (await world.repos.sessions.load(talk.sessionId))!;
    await world.repos.sessions.save(talk.sessionId, snapshot.state, current.version, new Date());
    const good = ['other', 'later', 'today', 'yes'].includes(prompt.answer) ? await talk.click(prompt.answer) : await talk.say(prompt.answer);
    expect(good.output.messages.length).toBeGreaterThan(0);
    expect(good.text).not.toMatch(/didn't understand|no entendí|isn't valid|no es válid/i);
  });
});

describe('hostile keypad and speech on the phone', () => {
  it.each(['en', 'es'] as const)('at every prompt of a phone payment (%s), nothing breaks, leaks or pays', async (locale) => {
    const rand = prng(SEED + (locale === 'es' ? 17 : 3));
    const keys = ['1', '4100020002', '533182046', '2', '5*00', '1', '021000021', '123456789'];
    for (let prompt = 0; prompt <= keys.length; prompt++) {
      world = await engineWorld();
      const talk = new Talk(world, 'voice', null, '+15555550100');
      await talk.start();
      await talk.press(locale === 'es' ? '2' : '1');
      for (const k of keys.slice(0, prompt)) await talk.press(k);
      const snapshot = (await world.repos.sessions.load(talk.sessionId))!;
      let payments = await countPayments();
      for (let i = 0; i < INPUTS_PER_PROMPT / 3; i++) {
        const current = (await world.repos.sessions.load(talk.sessionId))!;
        await world.repos.sessions.save(talk.sessionId, snapshot.state, current.version, new Date());
        const input = randomInput(rand, 'voice');
        const context = `seed ${SEED}, prompt ${prompt}, input ${i}: ${JSON.stringify(input).slice(0, 200)}`;
        const reply = await talk.send(input);
        expect({ context, locale: reply.output.locale }).toEqual({ context, locale });
        for (const ssn of SSNS) expect({ context, leaked: reply.text.includes(ssn) }).toEqual({ context, leaked: false });
        const now = await countPayments();
        if (!reply.output.receipt) expect({ context, payments: now }).toEqual({ context, payments });
        payments = now;
      }
    }
  });
});
