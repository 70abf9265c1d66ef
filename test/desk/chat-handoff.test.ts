import { startTestServer, type TestServer } from '../support/server';
import { AGENT, DeskClient, Visitor, type ChatActivity } from './desk-client';

/*
 * A web chat handed to a person through the agent desk's API, the visitor on
 * the local Direct Line: the queue, the summary, messages both ways, masking,
 * the Bot Framework handoff.initiate event, cancelling, and the hand back.
 */

interface HandoffView {
  id: string;
  reason: string;
  language: string;
  verified: boolean;
  account: string | null;
  lastTurns: { from: string; text: string }[];
}

async function queueOf(desk: DeskClient): Promise<{ waiting: HandoffView[]; mine: HandoffView[] }> {
  return (await (await desk.get('/agent/api/queue')).json()) as { waiting: HandoffView[]; mine: HandoffView[] };
}

async function messagesOf(desk: DeskClient, id: string): Promise<{ sender: string; text: string }[]> {
  return ((await (await desk.get(`/agent/api/handoffs/${id}/messages`)).json()) as { messages: { sender: string; text: string }[] }).messages;
}

describe('with nobody signed in at the desk', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('when a visitor asks for a person, then they get the phone number and chat hours instead of a promise, and nothing is queued', async () => {
    const visitor = new Visitor(server.base);
    await visitor.start();
    const reply = await visitor.say('I want to talk to a person');
    expect(reply?.text).toMatch(/can't take chats right now/);
    expect(reply?.text).toMatch(/1-888-925-2559/);
    expect(reply?.text).not.toMatch(/I'm connecting you/);
    expect(await server.app.repos.handoffs.waiting()).toEqual([]);
  });
});

describe('out of the desk hours', () => {
  let server: TestServer;
  beforeAll(async () => {
    // A desk open one minute a week, on a day that is not today.
    const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
    const other = days[(new Date().getUTCDay() + 3) % 7]!;
    server = await startTestServer({ AGENT_HOURS: `${other} 03:00-03:01`, TIME_ZONE: 'UTC' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('when a visitor asks for a person in Spanish while an agent is signed in, then they get the number and the hours, in Spanish', async () => {
    expect((await new DeskClient(server.base).signIn(AGENT.username, AGENT.password)).status).toBe(200);
    const visitor = new Visitor(server.base, 'es-US');
    await visitor.start();
    const reply = await visitor.say('quiero hablar con una persona');
    expect(reply?.text).toMatch(/no pueden atender el chat en este momento/);
    expect(reply?.text).toMatch(/03:00-03:01/);
    expect(await server.app.repos.handoffs.waiting()).toEqual([]);
  });
});

describe('a live handoff on the web chat', () => {
  let server: TestServer;
  let desk: DeskClient;
  beforeAll(async () => {
    server = await startTestServer();
    desk = new DeskClient(server.base);
    expect((await desk.signIn(AGENT.username, AGENT.password)).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('when a verified visitor asks for a person, then they are told their place, the agent sees the summary, and the handoff.initiate event carries a masked transcript', async () => {
    const visitor = new Visitor(server.base);
    await visitor.start();
    await visitor.say('I want to make a payment');
    await visitor.say('2HGFE2F5XMH512345');
    await visitor.post({ type: 'message', text: '••••• 7788', value: { secret: '401227788' } }, /Jordan/);
    const queued = await visitor.say('I want to talk to a person', /number 1 in line/);
    expect(queued?.text).toMatch(/I'm connecting you with a customer service representative/);

    const { waiting } = await queueOf(desk);
    const mine = waiting.find((h) => h.lastTurns.some((t) => /make a payment/.test(t.text)));
    expect(mine).toMatchObject({ reason: 'requested', language: 'en', verified: true });
    expect(JSON.stringify(mine)).not.toMatch(/401227788|401-22-7788/);

    const initiate = visitor.seen.find((a: ChatActivity) => a.type === 'event' && a.name === 'handoff.initiate');
    expect(initiate).toBeDefined();
    const transcript = initiate?.attachments?.find((x) => x.name === 'Transcript');
    expect(transcript?.contentType).toBe('application/json');
    const lines = JSON.stringify(transcript?.content);
    expect(lines).toMatch(/make a payment/);
    expect(lines).not.toMatch(/401227788|401-22-7788/);
    await desk.post(`/agent/api/handoffs/${mine!.id}/accept`);
    await visitor.next(/Alex from customer service has joined/);
    await desk.post(`/agent/api/handoffs/${mine!.id}/end`);
    await visitor.next(/back with the virtual assistant/);
  });

  it('when the agent accepts, then messages go both ways, the visitor\'s numbers reach the agent masked, and after the hand back the assistant answers again', async () => {
    const visitor = new Visitor(server.base);
    await visitor.start();
    await visitor.say('talk to a person', /number \d+ in line/);
    const { waiting } = await queueOf(desk);
    const handoff = waiting[waiting.length - 1]!;

    const accepted = await desk.post(`/agent/api/handoffs/${handoff.id}/accept`);
    expect(accepted.status).toBe(200);
    await visitor.next(/Alex from customer service has joined the chat/);

    await fetch(`${server.base}/v3/directline/conversations/${visitor.conversationId}/activities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${visitor.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', from: { id: visitor.user }, text: 'my card 4111 1111 1111 1111 was charged twice' }),
    });
    const deadline = Date.now() + 5000;
    let seen: { sender: string; text: string }[] = [];
    while (Date.now() < deadline && !seen.some((m) => m.sender === 'visitor')) seen = await messagesOf(desk, handoff.id);
    const fromVisitor = seen.find((m) => m.sender === 'visitor');
    expect(fromVisitor?.text).toMatch(/charged twice/);
    expect(fromVisitor?.text).not.toMatch(/4111 1111 1111 1111|4111111111111111/);

    expect((await desk.post(`/agent/api/handoffs/${handoff.id}/messages`, { text: 'Let me look into that charge.' })).status).toBe(201);
    const reply = await visitor.next(/Alex: Let me look into that charge\./);
    expect(reply.from.name).toBe('Alex');

    const empty = await desk.post(`/agent/api/handoffs/${handoff.id}/messages`, { text: '   ' });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({ error: { code: 'BadArgument', message: 'Write a message first.' } });

    expect((await desk.post(`/agent/api/handoffs/${handoff.id}/end`)).status).toBe(200);
    await visitor.next(/Alex has left the chat, and you're back with the virtual assistant/);
    const resumed = await visitor.say('where do I mail a payment?', /71119/);
    expect(resumed?.from.id).not.toMatch(/^agent:/);
    expect((await desk.post(`/agent/api/handoffs/${handoff.id}/messages`, { text: 'still there?' })).status).toBe(409);
  });

  it('when a waiting visitor writes, then they hear their place; when they cancel, then they leave the line and the assistant is back', async () => {
    const visitor = new Visitor(server.base);
    await visitor.start();
    await visitor.say('I need a representative', /in line/);
    const still = await visitor.say('hello?', /still number \d+ in line/);
    expect(still?.text).toMatch(/type "cancel"/);
    const before = (await queueOf(desk)).waiting.length;
    await visitor.post({ type: 'message', text: 'Stop waiting', value: { choice: 'handoff:cancel' } }, /out of the line/);
    expect((await queueOf(desk)).waiting.length).toBe(before - 1);
    await visitor.say('what is the mailing address for payments', /71119/);
  });

  it('when two agents accept the same chat, then one gets it and the other is told it is taken', async () => {
    const visitor = new Visitor(server.base);
    await visitor.start();
    await visitor.say('agent please', /in line/);
    const { waiting } = await queueOf(desk);
    const id = waiting[waiting.length - 1]!.id;
    const other = new DeskClient(server.base);
    await other.signIn('sam', 'desk-demo-supervisor');
    const results = await Promise.all([desk.post(`/agent/api/handoffs/${id}/accept`), other.post(`/agent/api/handoffs/${id}/accept`)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });
});
