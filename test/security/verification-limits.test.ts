import { PhoneCall, startIvrWorld, type IvrWorld } from '../ivr/harness';

/**
 * Failed verifications slow down the session, the caller number and the
 * visitor address (an account is never locked; see verification-step-up):
 * starting a new chat or a new call does not buy more guesses.
 */
let world: IvrWorld;
beforeEach(async () => {
  world = await startIvrWorld();
});
afterEach(async () => {
  await world.close();
});

async function chat(): Promise<(text: string) => Promise<string>> {
  const dl = `${world.base}/v3/directline`;
  const start = (await (await fetch(`${dl}/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string };
  const headers = { Authorization: `Bearer ${start.token}`, 'Content-Type': 'application/json' };
  let seen = 0;
  return async (text: string) => {
    await fetch(`${dl}/conversations/${start.conversationId}/activities`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ type: 'message', text, from: { id: 'dl_guesser' }, locale: 'en-US', channelData: { clientIp: '203.0.113.9' } }),
    });
    for (let i = 0; i < 200; i++) {
      const page = (await (await fetch(`${dl}/conversations/${start.conversationId}/activities`, { headers })).json()) as {
        activities: { from: { id: string }; type: string; text?: string }[];
      };
      const replies = page.activities.filter((a) => a.from.id !== 'dl_guesser' && a.type === 'message' && a.text);
      if (replies.length > seen) {
        seen = replies.length;
        return replies[replies.length - 1]!.text!;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('no reply');
  };
}

describe('verification attempts are slowed', () => {
  it('per visitor address: three wrong guesses spread over three chats make a fourth chat from the same address wait', async () => {
    // Each chat guesses a different account, so only the address ties them together.
    const answers: string[] = [];
    for (const account of ['4100020001', '4100020002', '4100020003']) {
      const say = await chat();
      await say('make a payment');
      await say(account);
      answers.push(await say('444-44-4444'));
    }
    expect(answers[0]).toMatch(/doesn't match/);
    expect(answers[1]).toMatch(/doesn't match/);
    expect(answers[2]).toMatch(/please wait 5 minutes before trying to verify again/);
    const say = await chat();
    expect(await say('make a payment')).toMatch(/please wait 5 minutes/);
  });

  it('the address is the server\'s own observation: a client claiming another address in channelData does not escape the limit', async () => {
    // The chats above sent channelData.clientIp = 203.0.113.9; the bot still sees the real socket address.
    for (const account of ['4100020001', '4100020002', '4100020003']) {
      const say = await chat();
      await say('make a payment');
      await say(account);
      await say('444-44-4444');
    }
    const say = await chat();
    expect(await say('make a payment')).toMatch(/please wait/);
  });

  it('per caller number: three wrong guesses over three calls make the fourth call from that number wait', async () => {
    const answers: string[] = [];
    for (const account of ['4100020001', '4100020002', '4100020003']) {
      const call = new PhoneCall(world, '+15555550142');
      await call.dial();
      await call.press('1'); // English
      await call.press('1'); // make a payment
      await call.press(account);
      answers.push((await call.press('444444444')).text);
    }
    expect(answers.slice(0, 2)).toEqual([expect.stringMatching(/doesn't match/), expect.stringMatching(/doesn't match/)]);
    expect(answers[2]).toMatch(/please wait 5 minutes/);
    const call = new PhoneCall(world, '+15555550142');
    await call.dial();
    await call.press('1');
    const slowed = await call.press('1');
    expect(slowed.text).toMatch(/please wait/);
    expect(slowed.dial).not.toBeNull();
  });
});
