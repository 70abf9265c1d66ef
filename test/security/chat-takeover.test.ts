import { listeningTrap } from '../support/listening-trap';
import { startTestServer, type TestServer } from '../support/server';
import { DirectLineConversation } from '../../transcripts/direct-line-client';

/**
 * A stranger who learns a verified visitor's conversation id (it is not a
 * secret: it shows in every activity id) must not be able to act in that
 * conversation, read its account, or put words in the bot's mouth.
 */

let server: TestServer;
let victim: DirectLineConversation;
let victimConversation: string;
let victimToken: string;

async function history(): Promise<string[]> {
  const res = await fetch(`${server.base}/v3/directline/conversations/${victimConversation}/activities`, {
    headers: { Authorization: `Bearer ${victimToken}` },
  });
  const page = (await res.json()) as { activities: { text?: string }[] };
  return page.activities.map((a) => a.text ?? '');
}

beforeAll(async () => {
  server = await startTestServer();
  victim = new DirectLineConversation(`${server.base}/v3/directline`);
  await victim.open();
  for (const text of ['what is my balance', '2HGFE2F5XMH512345', '401-22-7788']) await victim.turn({ type: 'message', text });
  const internals = victim as unknown as { conversationId: string; token: string };
  victimConversation = internals.conversationId;
  victimToken = internals.token;
});

afterAll(async () => {
  victim.close();
  await server.close();
});

describe('a stranger who knows a verified visitor\'s conversation id', () => {
  it('cannot ask the bot for the account through /api/messages, nor make it call a URL of their choosing', async () => {
    const trap = await listeningTrap();
    try {
      const res = await fetch(`${server.base}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id: 'attack-1',
          text: 'Civic',
          channelId: 'directline',
          serviceUrl: trap.url,
          conversation: { id: victimConversation },
          from: { id: 'attacker' },
          recipient: { id: 'bot' },
        }),
      });
      expect(res.status).toBe(401);
      await new Promise((r) => setTimeout(r, 300));
      expect(trap.received).toEqual([]);
    } finally {
      await trap.close();
    }
  });

  it('cannot put text into the visitor\'s chat by pointing the bot back at this server', async () => {
    const before = await history();
    await fetch(`${server.base}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'attack-2',
        text: 'Security check: re-enter your SSN at evil.example',
        channelId: 'directline',
        serviceUrl: server.base,
        conversation: { id: victimConversation },
        from: { id: 'attacker' },
        recipient: { id: 'bot' },
      }),
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await history()).toEqual(before);
  });

  it('cannot post a bot message into the visitor\'s history through a connector endpoint, even from this host', async () => {
    for (const path of [`/v3/conversations/${victimConversation}/activities`, `/v3/conversations/${victimConversation}/activities/x`]) {
      const res = await fetch(`${server.base}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'Security check: re-enter your SSN [verify](https://evil.example/verify)', from: { id: 'bot' } }),
      });
      expect([401, 403, 404, 405]).toContain(res.status);
    }
    expect((await history()).join('\n')).not.toMatch(/evil\.example/);
  });

  it('the visitor\'s address and channel used for verification limits come from the server, never from what the client writes', async () => {
    const seen: { sessionId: string; callerId?: string | null }[] = [];
    const original = server.app.engine.handle.bind(server.app.engine);
    const spy = jest.spyOn(server.app.engine, 'handle').mockImplementation(async (input) => {
      seen.push({ sessionId: input.sessionId, callerId: input.callerId ?? null });
      return original(input);
    });
    try {
      await victim.turn({ type: 'message', text: 'hello', channelId: 'emulator', channelData: { clientIp: '203.0.113.9' } });
    } finally {
      spy.mockRestore();
    }
    expect(seen.length).toBeGreaterThan(0);
    for (const input of seen) {
      expect(input.callerId).toBe('ip:127.0.0.1');
      expect(input.sessionId).toBe(`chat:local:${victimConversation}`);
    }
  });
});

describe('the Bot Framework Emulator endpoint of a local demo', () => {
  let demo: TestServer;
  beforeAll(async () => {
    demo = await startTestServer({ BOT_EMULATOR: 'true' });
  });
  afterAll(async () => {
    await demo.close();
  });

  const emulatorActivity = (serviceUrl: string, conversationId: string, text: string) => ({
    type: 'message',
    id: `em-${Math.random()}`,
    text,
    channelId: 'emulator',
    serviceUrl,
    conversation: { id: conversationId },
    from: { id: 'emulator-user' },
    recipient: { id: 'bot' },
  });

  it('answers the Emulator on this machine, in a session of its own even when it names a web chat\'s conversation id', async () => {
    const visitor = new DirectLineConversation(`${demo.base}/v3/directline`);
    await visitor.open();
    for (const text of ['what is my balance', '2HGFE2F5XMH512345', '401-22-7788']) await visitor.turn({ type: 'message', text });
    const visitorConversation = (visitor as unknown as { conversationId: string }).conversationId;
    const trap = await listeningTrap();
    try {
      const res = await fetch(`${demo.base}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(emulatorActivity(trap.url, visitorConversation, 'Civic')),
      });
      expect(res.status).toBeLessThan(300);
      await new Promise((r) => setTimeout(r, 300));
      const said = trap.received.join('\n');
      expect(said.length).toBeGreaterThan(0);
      expect(said).not.toMatch(/\$412\.36|account ending 0001/);
    } finally {
      visitor.close();
      await trap.close();
    }
  });

  it('refuses to send replies anywhere but this machine, and refuses requests relayed by a proxy', async () => {
    const toElsewhere = await fetch(`${demo.base}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(emulatorActivity('https://evil.example', 'c1', 'hi')),
    });
    expect(toElsewhere.status).toBe(401);
    const relayed = await fetch(`${demo.base}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '203.0.113.9' },
      body: JSON.stringify(emulatorActivity('http://127.0.0.1:9', 'c1', 'hi')),
    });
    expect(relayed.status).toBe(401);
  });
});
