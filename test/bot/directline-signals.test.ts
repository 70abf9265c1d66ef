import { WebSocket } from 'ws';
import { InMemoryDirectLineStore, type ActivitySignalHandlers, type ActivitySignals } from '../../bot/directline';
import { eventually, startDirectLineHarness, type DirectLineHarness } from '../support/directline-harness';

/**
 * Two Direct Line instances sharing one store, as behind a load balancer:
 * a stream on one gets the other's replies when signalled, polls only while
 * signals are lost, and catches up on what it missed when they are back.
 */

/** A stand-in for the database's signals whose connection the test cuts and restores. */
class SwitchableSignals implements ActivitySignals {
  handlers: ActivitySignalHandlers | null = null;
  async listen(handlers: ActivitySignalHandlers): Promise<void> {
    this.handlers = handlers;
  }
  async close(): Promise<void> {
    this.handlers = null;
  }
}

interface Started {
  conversationId: string;
  token: string;
}

let a: DirectLineHarness;
let b: DirectLineHarness;
let signalsOfB: SwitchableSignals;
const sockets: WebSocket[] = [];

async function startPair(streamPollMs: number): Promise<void> {
  const store = new InMemoryDirectLineStore();
  signalsOfB = new SwitchableSignals();
  a = await startDirectLineHarness({ store });
  b = await startDirectLineHarness({ store, signals: signalsOfB, streamPollMs });
}

afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await a?.close();
  await b?.close();
});

async function startOn(h: DirectLineHarness): Promise<Started> {
  return (await (await fetch(`${h.directLineUrl}/conversations`, { method: 'POST' })).json()) as Started;
}

async function sayOn(h: DirectLineHarness, c: Started, text: string): Promise<void> {
  const res = await fetch(`${h.directLineUrl}/conversations/${c.conversationId}/activities`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${c.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'message', from: { id: 'visitor' }, text }),
  });
  expect(res.status).toBe(200);
}

/** Opens a stream of the conversation on `h` and collects the texts it is sent. */
async function streamOn(h: DirectLineHarness, c: Started): Promise<string[]> {
  const texts: string[] = [];
  const socket = new WebSocket(`${h.baseUrl.replace(/^http/, 'ws')}/v3/directline/conversations/${c.conversationId}/stream?t=${encodeURIComponent(c.token)}`);
  sockets.push(socket);
  socket.on('message', (data: Buffer) => {
    for (const x of (JSON.parse(data.toString()) as { activities: { text?: string }[] }).activities) if (x.text) texts.push(x.text);
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return texts;
}

describe('Direct Line streams over instances that signal each other', () => {
  test("a signal wakes a stream on one instance for the other instance's reply", async () => {
    await startPair(0);
    const c = await startOn(a);
    const heardOnB = await streamOn(b, c);
    await sayOn(a, c, 'hi');
    expect(heardOnB).not.toContain('you said hi');
    signalsOfB.handlers!.activity(c.conversationId);
    await eventually(() => expect(heardOnB).toContain('you said hi'));
  });

  test("while signals are lost, a stream polls and still gets the other instance's reply", async () => {
    await startPair(50);
    const c = await startOn(a);
    const heardOnB = await streamOn(b, c);
    signalsOfB.handlers!.lost();
    await sayOn(a, c, 'are you there');
    await eventually(() => expect(heardOnB).toContain('you said are you there'));
    expect(b.logs.some((l) => l.level === 'warn' && /signals lost/.test(l.message ?? ''))).toBe(true);
  });

  test('when signals are back, a stream gets what was appended while they were lost, without a poll', async () => {
    await startPair(0);
    const c = await startOn(a);
    const heardOnB = await streamOn(b, c);
    signalsOfB.handlers!.lost();
    await sayOn(a, c, 'missed');
    expect(heardOnB).not.toContain('you said missed');
    signalsOfB.handlers!.restored();
    await eventually(() => expect(heardOnB).toContain('you said missed'));
  });
});
