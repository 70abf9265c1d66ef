import { manualClock, type ManualClock } from '../../core/shared/clock';
import { PhoneCall, startIvrWorld, type IvrWorld } from '../ivr/harness';

/**
 * Verification belongs to one conversation and one stretch of time: goodbye,
 * a hang-up or the end of a chat forget it, and a verified session lasts at
 * most 30 minutes however busy it is (besides the 15-minute idle limit).
 */
const JORDAN = '+17045550101';

let world: IvrWorld;
let clock: ManualClock;
beforeEach(async () => {
  clock = manualClock(new Date());
  world = await startIvrWorld({}, { clock });
});
afterEach(async () => {
  await world.close();
});

interface Chat {
  say(text: string): Promise<string>;
  post(activity: Record<string, unknown>): Promise<void>;
}

/** A web chat over the local Direct Line; `say` returns every reply to that message, joined. */
async function chat(): Promise<Chat> {
  const dl = `${world.base}/v3/directline`;
  const start = (await (await fetch(`${dl}/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string };
  const headers = { Authorization: `Bearer ${start.token}`, 'Content-Type': 'application/json' };
  let seen = 0;
  const post = async (activity: Record<string, unknown>) => {
    const res = await fetch(`${dl}/conversations/${start.conversationId}/activities`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ from: { id: 'dl_visitor' }, locale: 'en-US', ...activity }),
    });
    expect(res.status).toBe(200);
  };
  const replies = async () => {
    const page = (await (await fetch(`${dl}/conversations/${start.conversationId}/activities`, { headers })).json()) as {
      activities: { from: { id: string }; type: string; text?: string; replyToId?: string }[];
    };
    return page.activities.filter((a) => a.from.id !== 'dl_visitor' && a.type === 'message' && a.text);
  };
  return {
    post,
    say: async (text: string) => {
      await post({ type: 'message', text });
      for (let i = 0; i < 300; i++) {
        const all = await replies();
        // The engine answers a message with its activities in one batch; wait until they settle.
        if (all.length > seen) {
          await new Promise((r) => setTimeout(r, 60));
          const settled = await replies();
          const fresh = settled.slice(seen).map((a) => a.text!);
          seen = settled.length;
          return fresh.join(' ');
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('no reply');
    },
  };
}

async function verifiedChat(): Promise<Chat> {
  const c = await chat();
  await c.say('what is my balance');
  await c.say('4100020001');
  const verified = await c.say('401227788');
  expect(verified).toMatch(/Thank you, Jordan\. You're verified\./);
  expect(await c.say('the Civic')).toMatch(/due on/);
  return c;
}

async function verifiedCall(): Promise<PhoneCall> {
  const call = new PhoneCall(world, JORDAN);
  await call.dial();
  await call.press('2'); // amount due
  await call.press('4100020001');
  const verified = await call.press('401227788');
  expect(verified.text).toMatch(/You're verified/);
  expect((await call.press('1')).text).toMatch(/due on/); // the Civic
  return call;
}

describe('verification ends with the conversation', () => {
  it('when a verified chat says goodbye, then a new message in the same conversation must verify again', async () => {
    const c = await verifiedChat();
    expect(await c.say('goodbye')).toMatch(/Goodbye!/);

    const after = await c.say('what is my balance');

    expect(after).toMatch(/First I need to verify your identity/);
    expect(after).not.toMatch(/due on/);
  });

  it('when a verified chat ends (endOfConversation), then the same conversation must verify again', async () => {
    const c = await verifiedChat();
    await c.post({ type: 'endOfConversation' });
    // The end of the chat has no reply; give the bot its turn before the next message.
    await new Promise((r) => setTimeout(r, 200));

    const after = await c.say('what is my balance');

    expect(after).toMatch(/First I need to verify your identity/);
    expect(after).not.toMatch(/due on/);
  });

  it('when a verified call completes (status callback), then the same CallSid cannot carry on verified', async () => {
    const call = await verifiedCall();
    expect((await call.hangUp('completed')).status).toBe(200);

    const after = await call.say('what is my balance');

    expect(after.text).toMatch(/First I need to verify your identity/);
    expect(after.text).not.toMatch(/due on/);
  });
});

describe('a verified session has an absolute lifetime', () => {
  it('when a verified call stays busy past 30 minutes, never 15 idle, then it must verify again', async () => {
    const call = await verifiedCall();
    for (let minutes = 10; minutes <= 30; minutes += 10) {
      clock.advanceMinutes(10);
      const repeated = await call.press('*');
      expect(repeated.text).not.toMatch(/verify/);
    }
    clock.advanceMinutes(2);

    const after = await call.say('what is my balance');

    expect(after.text).toMatch(/at most 30 minutes/);
    expect(after.text).toMatch(/First I need to verify your identity/);
    expect(after.text).not.toMatch(/due on/);
  });

  it('when a verified chat stays busy past 30 minutes, then it must verify again', async () => {
    const c = await verifiedChat();
    for (let minutes = 10; minutes <= 30; minutes += 10) {
      clock.advanceMinutes(10);
      expect(await c.say('thanks')).not.toMatch(/verify/);
    }
    clock.advanceMinutes(2);

    const after = await c.say('what is my balance');

    expect(after).toMatch(/at most 30 minutes/);
    expect(after).not.toMatch(/due on/);
  });

  it('when a verified call is 25 minutes old and active, then it is still verified', async () => {
    const call = await verifiedCall();
    clock.advanceMinutes(12);
    await call.press('*');
    clock.advanceMinutes(13);

    const after = await call.say('what is my balance');

    expect(after.text).not.toMatch(/verify/);
  });
});
