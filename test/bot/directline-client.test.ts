import XMLHttpRequestPolyfill from 'xhr2';
import { WebSocket } from 'ws';
import { DirectLine, type Activity, type Message } from 'botframework-directlinejs';
import type { Subscription } from 'rxjs/Subscription';
import { startDirectLineHarness, type DirectLineHarness } from '../support/directline-harness';

// DirectLineJS is written for browsers: it needs these two globals, as Web Chat has them there.
const globals = globalThis as unknown as { XMLHttpRequest?: unknown; WebSocket?: unknown };
const originalGlobals = { XMLHttpRequest: globals.XMLHttpRequest, WebSocket: globals.WebSocket };
beforeAll(() => {
  globals.XMLHttpRequest = XMLHttpRequestPolyfill;
  globals.WebSocket = WebSocket;
});
afterAll(() => {
  globals.XMLHttpRequest = originalGlobals.XMLHttpRequest;
  globals.WebSocket = originalGlobals.WebSocket;
});

/** Records everything a DirectLine client receives, and waits for a matching activity without fixed sleeps. */
function record(directLine: DirectLine) {
  const seen: Activity[] = [];
  const waiters: { match: (a: Activity) => boolean; resolve: (a: Activity) => void }[] = [];
  const subscription: Subscription = directLine.activity$.subscribe((activity) => {
    seen.push(activity);
    for (const waiter of [...waiters]) {
      if (waiter.match(activity)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(activity);
      }
    }
  });
  return {
    seen,
    waitFor(match: (a: Activity) => boolean, what: string, timeoutMs = 8000): Promise<Activity> {
      const already = seen.find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; saw ${JSON.stringify(seen.map((a) => [a.type, (a as Message).text]))}`)), timeoutMs);
        waiters.push({ match, resolve: (a) => { clearTimeout(timer); resolve(a); } });
      });
    },
    stop() {
      subscription.unsubscribe();
      directLine.end();
    },
  };
}

function post(directLine: DirectLine, activity: Activity): Promise<string> {
  return new Promise((resolve, reject) => {
    directLine.postActivity(activity).subscribe({ next: resolve, error: reject });
  });
}

const textOf = (a: Activity) => (a as Message).text;

let h: DirectLineHarness;
beforeEach(async () => {
  h = await startDirectLineHarness();
});
afterEach(async () => {
  await h.close();
});

async function generateToken(): Promise<string> {
  const res = await fetch(`${h.directLineUrl}/tokens/generate`, { method: 'POST' });
  return ((await res.json()) as { token: string }).token;
}

describe.each([
  ['polling', false],
  ['WebSocket', true],
])('botframework-directlinejs over %s', (_transport, webSocket) => {
  test('a visitor joins, is welcomed, sends a message, sees it confirmed with its id and gets the reply', async () => {
    const directLine = new DirectLine({ token: await generateToken(), domain: h.directLineUrl, webSocket, pollingInterval: 200 });
    const client = record(directLine);
    try {
      await post(directLine, { type: 'event', name: 'webchat/join', value: { locale: 'es-US' }, from: { id: 'web-user' } } as Activity);
      await client.waitFor((a) => textOf(a) === 'Welcome! (es-US)', 'the welcome');

      const id = await post(directLine, {
        type: 'message',
        text: 'hola',
        from: { id: 'web-user' },
        channelData: { clientActivityID: 'web-1' },
      } as Activity);

      const echo = await client.waitFor((a) => a.id === id, 'the echo of our own message');
      expect(echo).toMatchObject({ text: 'hola', from: { id: 'web-user' }, channelData: { clientActivityID: 'web-1' } });
      const reply = await client.waitFor((a) => textOf(a) === 'you said hola', 'the reply');
      expect((reply as Activity & { replyToId?: string }).replyToId).toBe(id);
      const texts = client.seen.map(textOf);
      expect(texts.indexOf('hello web-user')).toBeLessThan(texts.indexOf('Welcome! (es-US)'));
      expect(texts.indexOf('hola')).toBeLessThan(texts.indexOf('you said hola'));
      expect(new Set(client.seen.map((a) => a.id)).size).toBe(client.seen.length);
    } finally {
      client.stop();
    }
  });
});

test('over WebSocket the client also sees the bot typing', async () => {
  const directLine = new DirectLine({ token: await generateToken(), domain: h.directLineUrl, webSocket: true });
  const client = record(directLine);
  try {
    // Typing is momentary: it reaches only a stream that is already open, so see one reply on it first.
    await post(directLine, { type: 'message', text: 'warm up', from: { id: 'web-user' } } as Activity);
    await client.waitFor((a) => textOf(a) === 'you said warm up', 'the first reply');
    await post(directLine, { type: 'message', text: 'show typing', from: { id: 'web-user' } } as Activity);

    await client.waitFor((a) => a.type === 'typing', 'typing');
    await client.waitFor((a) => textOf(a) === 'you said show typing', 'the reply');
  } finally {
    client.stop();
  }
});

describe('the WebSocket stream itself', () => {
  async function start() {
    const res = await fetch(`${h.directLineUrl}/conversations`, { method: 'POST' });
    return (await res.json()) as { conversationId: string; token: string; streamUrl: string };
  }

  function open(url: string) {
    const socket = new WebSocket(url);
    const frames: { activities: { id?: string; text?: string }[]; watermark?: string }[] = [];
    socket.on('message', (data) => frames.push(JSON.parse(String(data))));
    const until = async (check: () => boolean, what: string) => {
      const deadline = Date.now() + 5000;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    return { socket, frames, until, close: async () => { socket.close(); await closed; } };
  }

  async function say(c: { conversationId: string; token: string }, text: string) {
    await fetch(`${h.directLineUrl}/conversations/${c.conversationId}/activities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${c.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text, from: { id: 'u' } }),
    });
  }

  test('each frame is an ActivitySet with a watermark, and history sent before connecting is delivered', async () => {
    const c = await start();
    await say(c, 'early');

    const stream = open(c.streamUrl);
    try {
      await stream.until(() => stream.frames.flatMap((f) => f.activities).some((a) => a.text === 'you said early'), 'history');
      for (const frame of stream.frames) {
        expect(Array.isArray(frame.activities)).toBe(true);
        expect(frame.watermark).toMatch(/^\d+$/);
      }
    } finally {
      await stream.close();
    }
  });

  test('a reconnect at a watermark resumes without repeating anything', async () => {
    const c = await start();
    await say(c, 'one');
    const reconnect = await fetch(`${h.directLineUrl}/conversations/${c.conversationId}?watermark=3`, {
      headers: { Authorization: `Bearer ${c.token}` },
    });
    const { streamUrl } = (await reconnect.json()) as { streamUrl: string };

    const stream = open(streamUrl);
    try {
      await stream.until(() => stream.socket.readyState === WebSocket.OPEN, 'open');
      await say(c, 'two');
      await stream.until(() => stream.frames.flatMap((f) => f.activities).some((a) => a.text === 'you said two'), 'the new reply');
      expect(stream.frames.flatMap((f) => f.activities).map((a) => a.text)).toEqual(['two', 'you said two']);
    } finally {
      await stream.close();
    }
  });

  test('a stream without a valid token for its conversation is refused', async () => {
    const mine = await start();
    const theirs = await start();
    const refused = (url: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(url);
        socket.on('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          socket.terminate();
        });
        socket.on('error', () => undefined);
      });

    const wrong = new URL(theirs.streamUrl);
    wrong.searchParams.set('t', mine.token);
    expect(await refused(wrong.toString())).toBe(403);
    const none = new URL(theirs.streamUrl);
    none.searchParams.delete('t');
    expect(await refused(none.toString())).toBe(401);
  });
});

describe('botframework-directlinejs against the product bot', () => {
  it('a visitor greets, verifies as Jordan Avery and pays $25 toward the Civic over the WebSocket stream', async () => {
    const { startIvrWorld } = await import('../ivr/harness');
    const world = await startIvrWorld();
    try {
      const start = (await (await fetch(`${world.base}/v3/directline/conversations`, { method: 'POST' })).json()) as { token: string };
      const directLine = new DirectLine({ token: start.token, domain: `${world.base}/v3/directline`, webSocket: true });
      const client = record(directLine);
      const from = { id: 'dl_jordan', name: 'Jordan' };
      const botSaid = (re: RegExp) => (a: Activity) => a.from.id !== from.id && a.type === 'message' && re.test(textOf(a) ?? '');
      const click = (a: Activity, title: RegExp) => {
        const action = (a as Message).suggestedActions?.actions.find((x) => title.test(x.title ?? ''));
        if (!action) throw new Error(`no action ${title} in ${JSON.stringify((a as Message).suggestedActions)}`);
        return post(directLine, { type: 'message', from, text: action.title, value: action.value, locale: 'en-US' } as Activity);
      };

      await post(directLine, { type: 'event', name: 'webchat/join', from, value: { locale: 'en-US' }, locale: 'en-US' } as Activity);
      const welcome = await client.waitFor(botSaid(/servicing assistant/), 'the welcome');
      await click(welcome, /Make a payment/);
      await client.waitFor(botSaid(/VIN/), 'the VIN prompt');
      await post(directLine, { type: 'message', from, text: '2HGFE2F5XMH512345', locale: 'en-US' } as Activity);
      const ssnPrompt = await client.waitFor(botSaid(/Social Security/), 'the SSN prompt');
      expect((ssnPrompt as Message).channelData).toMatchObject({ sensitive: true });
      await post(directLine, { type: 'message', from, text: '••••• 7788', value: { secret: '401227788' }, locale: 'en-US' } as Activity);
      const pick = await client.waitFor(botSaid(/Which vehicle/), 'the vehicle choice');
      await click(pick, /Honda Civic/);
      const amount = await client.waitFor(botSaid(/How much would you like to pay\?$/), 'the amount choice');
      await click(amount, /Another amount/);
      await client.waitFor(botSaid(/For example/), 'the amount prompt');
      await post(directLine, { type: 'message', from, text: '$25', locale: 'en-US' } as Activity);
      const when = await client.waitFor(botSaid(/When should the payment be made/), 'the date choice');
      await click(when, /Today/);
      const bank = await client.waitFor(botSaid(/Which bank account/), 'the funding choice');
      await click(bank, /ending 4321/);
      const readBack = await client.waitFor(botSaid(/Please confirm: pay \$25\.00/), 'the read-back');
      await click(readBack, /^Yes$/);
      const done = await client.waitFor(botSaid(/confirmation number is \d{10}/), 'the confirmation');
      const echoed = client.seen.filter((a) => a.from.id === from.id).map((a) => JSON.stringify(a));
      expect(echoed.join('\n')).not.toContain('401227788');
      expect(textOf(done)).toMatch(/\$25\.00/);
      client.stop();
    } finally {
      await world.close();
    }
  });
});
