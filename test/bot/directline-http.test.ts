import {
  eventually,
  SECRET,
  startDirectLineHarness,
  type DirectLineHarness,
} from '../support/directline-harness';

interface Started {
  conversationId: string;
  token: string;
}

let h: DirectLineHarness;

beforeEach(async () => {
  h = await startDirectLineHarness();
});

afterEach(async () => {
  await h.close();
});

function call(path: string, init: { method?: string; token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  let body: string | undefined = init.rawBody;
  if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined) headers['Content-Type'] ??= 'application/json';
  return fetch(`${h.directLineUrl}${path}`, { method: init.method ?? 'GET', headers, body });
}

async function startConversation(): Promise<Started> {
  const res = await call('/conversations', { method: 'POST' });
  expect(res.status).toBe(201);
  return (await res.json()) as Started;
}

async function say(c: Started, text: string, extra: Record<string, unknown> = {}) {
  return call(`/conversations/${c.conversationId}/activities`, {
    method: 'POST',
    token: c.token,
    body: { type: 'message', text, from: { id: 'user-1', name: 'Ana' }, ...extra },
  });
}

async function poll(c: Started, watermark = '') {
  const res = await call(`/conversations/${c.conversationId}/activities?watermark=${watermark}`, { token: c.token });
  expect(res.status).toBe(200);
  return (await res.json()) as { activities: Record<string, unknown>[]; watermark: string };
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
}

describe('starting a conversation', () => {
  test('an anonymous visitor starts a conversation and gets a token and a WebSocket URL on this server', async () => {
    const res = await call('/conversations', { method: 'POST' });

    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['conversationId', 'expires_in', 'streamUrl', 'token']);
    expect(body.expires_in).toBe(3600);
    const streamUrl = new URL(String(body.streamUrl));
    expect(`${streamUrl.protocol}//${streamUrl.host}`).toBe(h.baseUrl.replace('http', 'ws'));
    expect(streamUrl.pathname).toBe(`/v3/directline/conversations/${String(body.conversationId)}/stream`);
    expect(streamUrl.searchParams.get('t')).toBe(body.token);
  });

  test('a page generates a token first and the client then starts that same conversation with it', async () => {
    const generated = await call('/tokens/generate', { method: 'POST' });
    expect(generated.status).toBe(200);
    const token = (await generated.json()) as Record<string, unknown>;
    expect(Object.keys(token).sort()).toEqual(['conversationId', 'expires_in', 'token']);

    const started = await call('/conversations', { method: 'POST', token: String(token.token) });

    expect(started.status).toBe(201);
    expect(((await started.json()) as Started).conversationId).toBe(token.conversationId);
  });

  test('the secret may start conversations, but a wrong secret is refused', async () => {
    expect((await call('/conversations', { method: 'POST', token: SECRET })).status).toBe(201);
    await expectError(await call('/conversations', { method: 'POST', token: 'not-the-secret' }), 403, 'Forbidden');
    await expectError(await call('/tokens/generate', { method: 'POST', token: 'not-the-secret' }), 403, 'Forbidden');
  });

  test('only the secret holder may vouch for a "dl_" user id, and posts then speak as that user', async () => {
    await expectError(await call('/tokens/generate', { method: 'POST', body: { user: { id: 'dl_mallory' } } }), 400, 'BadArgument');

    const res = await call('/tokens/generate', { method: 'POST', token: SECRET, body: { user: { id: 'dl_ana' } } });
    const c = (await res.json()) as Started;
    await say(c, 'hi', { from: { id: 'someone-else' } });

    const { activities } = await poll(c);
    const echo = activities.find((a) => a.text === 'hi');
    expect(echo?.from).toEqual({ id: 'dl_ana', role: 'user' });
  });

  test('no more conversations are opened than the configured limit', async () => {
    await h.close();
    h = await startDirectLineHarness({ maxConversations: 1 });
    await startConversation();

    await expectError(await call('/conversations', { method: 'POST' }), 429, 'TooManyRequests');
  });
});

describe('per-address limits', () => {
  test('one address cannot open conversations without end: past its budget it gets 429 with Retry-After, while the service stays open to others', async () => {
    await h.close();
    h = await startDirectLineHarness({ rateLimits: { startsPerMinute: 5, postsPerMinute: 1000 }, maxConversations: 100 });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await call('/conversations', { method: 'POST' })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    const refused = await call('/tokens/generate', { method: 'POST' });
    await expectError(refused.clone(), 429, 'TooManyRequests');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another visitor (the secret holder's own back end here, which is not limited) still gets in.
    expect((await call('/conversations', { method: 'POST', token: SECRET })).status).toBe(201);
  });

  test('one address cannot flood posts', async () => {
    await h.close();
    h = await startDirectLineHarness({ rateLimits: { startsPerMinute: 100, postsPerMinute: 3 } });
    const c = await startConversation();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await say(c, `message ${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  test('conversations opened and never used are reclaimed within minutes, and sooner when the service fills up', async () => {
    await h.close();
    h = await startDirectLineHarness({ maxConversations: 10, unusedConversationSeconds: 600, idleConversationSeconds: 3600 });
    const used = await startConversation();
    expect((await say(used, 'hello')).status).toBe(200);
    for (let i = 0; i < 8; i++) await startConversation();
    // 9 of 10 open: the idle windows shrink to a fifth, so two minutes of silence is enough for the unused ones.
    h.advanceClock(2.5 * 60 * 1000);
    await eventually(async () => expect((await call('/conversations', { method: 'POST' })).status).toBe(201), 4000);
    expect((await poll(used)).activities.length).toBeGreaterThan(0);
  });
});

describe('posting and polling', () => {
  test('the user\'s message comes back with a server id, then the bot\'s reply to it', async () => {
    const c = await startConversation();

    const res = await say(c, 'hello', { locale: 'es-US', channelData: { clientActivityID: 'client-1' } });

    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    expect(id).toMatch(new RegExp(`^${escape(c.conversationId)}\\|\\d{7}$`));
    const { activities } = await poll(c);
    const echo = activities.find((a) => a.id === id);
    expect(echo).toMatchObject({
      type: 'message',
      text: 'hello',
      locale: 'es-US',
      channelId: 'directline',
      conversation: { id: c.conversationId },
      from: { id: 'user-1', name: 'Ana', role: 'user' },
      recipient: { id: 'bot' },
      channelData: { clientActivityID: 'client-1' },
    });
    expect(new Date(String(echo?.timestamp)).toISOString()).toBe(echo?.timestamp);
    const reply = activities[activities.indexOf(echo!) + 1];
    expect(reply).toMatchObject({ type: 'message', text: 'you said hello', replyToId: id, from: { id: 'bot' } });
  });

  test('the bot receives the activity as the Bot Framework channel sends it, after a join announcement', async () => {
    const c = await startConversation();

    await say(c, 'hello', { locale: 'es-US' });

    expect(h.botInbox).toEqual([
      expect.objectContaining({ type: 'conversationUpdate', membersAdded: [expect.objectContaining({ id: 'user-1' })] }),
      expect.objectContaining({ type: 'message', text: 'hello', locale: 'es-US', serviceUrl: h.baseUrl, from: expect.objectContaining({ id: 'user-1' }) }),
    ]);
    await say(c, 'again');
    expect(h.botInbox.filter((a) => a.type === 'conversationUpdate')).toHaveLength(1);
  });

  test('an event such as webchat/join is forwarded to the bot like a message', async () => {
    const c = await startConversation();

    const res = await call(`/conversations/${c.conversationId}/activities`, {
      method: 'POST',
      token: c.token,
      body: { type: 'event', name: 'webchat/join', value: { locale: 'es-US' }, from: { id: 'user-1' } },
    });

    expect(res.status).toBe(200);
    const texts = (await poll(c)).activities.map((a) => a.text);
    expect(texts).toContain('Welcome! (es-US)');
  });

  test('polling with a watermark returns only what came after it', async () => {
    const c = await startConversation();
    await say(c, 'one');
    const first = await poll(c);
    expect(first.activities.map((a) => a.text)).toEqual(['hello user-1', 'one', 'you said one']);
    expect(first.watermark).toBe('3');

    expect(await poll(c, first.watermark)).toEqual({ activities: [], watermark: '3' });

    await say(c, 'two');
    const second = await poll(c, first.watermark);
    expect(second.activities.map((a) => a.text)).toEqual(['two', 'you said two']);
    expect(second.watermark).toBe('5');
  });

  test('concurrent posts are handled one turn at a time, each reply right after its message', async () => {
    const c = await startConversation();
    await say(c, 'warm-up');

    const ids = await Promise.all(['a', 'b', 'c', 'd'].map(async (t) => ((await (await say(c, t)).json()) as { id: string }).id));

    expect(new Set(ids).size).toBe(4);
    const after = (await poll(c, '3')).activities;
    expect(after).toHaveLength(8);
    for (let i = 0; i < after.length; i += 2) {
      expect(after[i + 1]?.text).toBe(`you said ${String(after[i]?.text)}`);
      expect(after[i + 1]?.replyToId).toBe(after[i]?.id);
    }
    const seqs = after.map((a) => Number(String(a.id).split('|')[1]));
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  });

  test('a bad watermark is a client error', async () => {
    const c = await startConversation();
    const res = await call(`/conversations/${c.conversationId}/activities?watermark=abc`, { token: c.token });
    await expectError(res, 400, 'BadArgument');
  });

  test('when the bot fails a turn the client is told the bot failed, and the message stays in the history', async () => {
    const c = await startConversation();
    // botbuilder prints the failed turn to the console; the test expects that failure.
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);

    await expectError(await say(c, 'crash'), 502, 'BotError');
    quiet.mockRestore();

    expect((await poll(c)).activities.map((a) => a.text)).toContain('crash');
  });

  test('what the user types never reaches the logs', async () => {
    const c = await startConversation();
    await say(c, 'my ssn is 123-45-6789');
    await say(c, 'crash 123-45-6789');

    expect(JSON.stringify(h.logs)).not.toContain('123-45-6789');
    expect(JSON.stringify(h.logs)).not.toContain(c.token);
  });
});

describe('tokens', () => {
  test('every conversation endpoint needs a token: none is 401', async () => {
    const c = await startConversation();
    await expectError(await call(`/conversations/${c.conversationId}/activities`), 401, 'Unauthorized');
    await expectError(await call(`/conversations/${c.conversationId}`), 401, 'Unauthorized');
    await expectError(
      await call(`/conversations/${c.conversationId}/activities`, { method: 'POST', body: { type: 'message', text: 'x', from: { id: 'u' } } }),
      401,
      'Unauthorized',
    );
    await expectError(await call('/tokens/refresh', { method: 'POST' }), 401, 'Unauthorized');
  });

  test('a token for one conversation cannot read or write another', async () => {
    const mine = await startConversation();
    const theirs = await startConversation();
    await say(theirs, 'private');

    await expectError(await call(`/conversations/${theirs.conversationId}/activities`, { token: mine.token }), 403, 'Forbidden');
    await expectError(await say({ conversationId: theirs.conversationId, token: mine.token }, 'x'), 403, 'Forbidden');
  });

  test('a tampered token is refused', async () => {
    const c = await startConversation();
    const [header, payload] = c.token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ conv: c.conversationId, exp: 9999999999 })).toString('base64url');
    await expectError(await call(`/conversations/${c.conversationId}/activities`, { token: `${header}.${forgedPayload}.${payload}` }), 403, 'Forbidden');
  });

  test('an expired token is refused, also for refresh', async () => {
    const c = await startConversation();

    h.advanceClock(61 * 60 * 1000);

    await expectError(await call(`/conversations/${c.conversationId}/activities`, { token: c.token }), 403, 'TokenExpired');
    await expectError(await call('/tokens/refresh', { method: 'POST', token: c.token }), 403, 'TokenExpired');
  });

  test('a refreshed token continues the same conversation after the old one expires', async () => {
    const c = await startConversation();
    await say(c, 'before');
    h.advanceClock(20 * 60 * 1000);

    const res = await call('/tokens/refresh', { method: 'POST', token: c.token });
    expect(res.status).toBe(200);
    const refreshed = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(refreshed).sort()).toEqual(['conversationId', 'expires_in', 'token']);
    expect(refreshed.conversationId).toBe(c.conversationId);
    expect(refreshed.token).not.toBe(c.token);

    h.advanceClock(45 * 60 * 1000);
    const renewed = { conversationId: c.conversationId, token: String(refreshed.token) };
    expect((await say(renewed, 'after')).status).toBe(200);
    expect((await poll(renewed)).activities.map((a) => a.text)).toEqual(
      expect.arrayContaining(['before', 'you said before', 'after', 'you said after']),
    );
  });

  test('a refresh retires the token it renewed, and a second refresh with the old token is refused', async () => {
    const c = await startConversation();
    const first = await call('/tokens/refresh', { method: 'POST', token: c.token });
    expect(first.status).toBe(200);
    const renewed = { conversationId: c.conversationId, token: String(((await first.json()) as { token: string }).token) };

    await expectError(await say(c, 'with the old token'), 403, 'TokenExpired');
    await expectError(await call(`/conversations/${c.conversationId}/activities`, { token: c.token }), 403, 'TokenExpired');
    await expectError(await call('/tokens/refresh', { method: 'POST', token: c.token }), 403, 'TokenExpired');
    expect((await say(renewed, 'with the new one')).status).toBe(200);
  });

  test('two refreshes racing with the same token: exactly one gets a new token', async () => {
    const c = await startConversation();
    const answers = await Promise.all([1, 2, 3].map(() => call('/tokens/refresh', { method: 'POST', token: c.token })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 403, 403]);
  });

  test('a chain of refreshes ends a day after its first token: the visitor starts a new conversation', async () => {
    let c = await startConversation();
    for (let hour = 0; hour < 23; hour++) {
      h.advanceClock(50 * 60 * 1000);
      const res = await call('/tokens/refresh', { method: 'POST', token: c.token });
      if (res.status !== 200) break;
      c = { conversationId: c.conversationId, token: String(((await res.json()) as { token: string }).token) };
    }
    h.advanceClock(5 * 60 * 60 * 1000 - 23 * 50 * 60 * 1000 + 24 * 60 * 60 * 1000 - 5 * 60 * 60 * 1000);
    await expectError(await call('/tokens/refresh', { method: 'POST', token: c.token }), 403, 'TokenExpired');
  });

  test('a token whose own expiry claims more than the service grants is refused, even with a valid signature', async () => {
    const c = await startConversation();
    const [header, payload] = c.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { exp: number };
    const stretched = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 10 * 365 * 24 * 3600 })).toString('base64url');
    const { createHmac } = await import('node:crypto');
    const { SIGNING_KEY } = await import('../support/directline-harness');
    const signature = createHmac('sha256', SIGNING_KEY).update(`${header}.${stretched}`).digest('base64url');
    await expectError(await call(`/conversations/${c.conversationId}/activities`, { token: `${header}.${stretched}.${signature}` }), 403, 'Forbidden');
  });

  test('reconnecting returns a fresh token and a stream URL that resumes at the watermark', async () => {
    const c = await startConversation();

    const res = await call(`/conversations/${c.conversationId}?watermark=2`, { token: c.token });

    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['conversationId', 'expires_in', 'streamUrl', 'token']);
    expect(body.conversationId).toBe(c.conversationId);
    const streamUrl = new URL(String(body.streamUrl));
    expect(streamUrl.searchParams.get('watermark')).toBe('2');
    expect(streamUrl.searchParams.get('t')).toBe(body.token);
  });

  test('the secret works on conversation endpoints too', async () => {
    const c = await startConversation();
    const res = await call(`/conversations/${c.conversationId}/activities`, { token: SECRET });
    expect(res.status).toBe(200);
  });
});

describe('malformed requests', () => {
  test('a body that is not JSON is a 400, not a 500', async () => {
    const c = await startConversation();
    const res = await call(`/conversations/${c.conversationId}/activities`, { method: 'POST', token: c.token, rawBody: '{"type": "message",' });
    await expectError(res, 400, 'MalformedData');
  });

  test('an activity without a type is a 400 naming the missing property', async () => {
    const c = await startConversation();
    const res = await call(`/conversations/${c.conversationId}/activities`, { method: 'POST', token: c.token, body: { text: 'hi', from: { id: 'u' } } });
    await expectError(res, 400, 'MissingProperty');
  });

  test('fields of the wrong type are a 400', async () => {
    const c = await startConversation();
    await expectError(await say(c, 'x', { text: 42 }), 400, 'BadArgument');
    await expectError(await say(c, 'x', { channelData: 'not an object' }), 400, 'BadArgument');
    await expectError(await call('/conversations', { method: 'POST', body: { user: 'ana' } }), 400, 'BadArgument');
  });

  test('an activity from nobody is a 400', async () => {
    const c = await startConversation();
    const res = await call(`/conversations/${c.conversationId}/activities`, { method: 'POST', token: c.token, body: { type: 'message', text: 'hi' } });
    await expectError(res, 400, 'MissingProperty');
  });

  test('a body over 64 KB is refused and nothing reaches the bot', async () => {
    const c = await startConversation();
    const res = await say(c, 'x'.repeat(70 * 1024));
    await expectError(res, 400, 'MessageSizeTooBig');
    expect(h.botInbox.filter((a) => a.type === 'message')).toHaveLength(0);
  });

  test('an unknown conversation is a 404', async () => {
    await expectError(await call('/conversations/no-such-conversation/activities', { token: SECRET }), 404, 'ConversationNotFound');
  });

  test('unknown Direct Line paths answer in the same JSON error shape', async () => {
    const res = await call('/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  test('attachments upload is refused with a reason', async () => {
    const c = await startConversation();
    const res = await call(`/conversations/${c.conversationId}/upload?userId=u`, { method: 'POST', token: c.token, rawBody: 'file', headers: { 'Content-Type': 'text/plain' } });
    await expectError(res, 400, 'NotSupported');
  });
});

describe('the bot\'s replies, in-process', () => {
  test('the bot can update and delete what it sent', async () => {
    const c = await startConversation();
    const texts = async () => (await poll(c)).activities.map((a) => a.text).filter((t) => t !== 'hello user-1');
    expect((await say(c, 'draft then final')).status).toBe(200);
    expect(await texts()).toEqual(['draft then final', 'final']);

    expect((await say(c, 'say then take back')).status).toBe(200);
    expect(await texts()).toEqual(['draft then final', 'final', 'say then take back']);
  });

  test('typing is not kept in the polling history', async () => {
    const c = await startConversation();
    expect((await say(c, 'show typing')).status).toBe(200);
    expect((await poll(c)).activities.map((a) => a.type)).toEqual(['message', 'message', 'message']);
  });

  test('there is no connector API: nothing on the network can speak as the bot, not even from this host', async () => {
    const c = await startConversation();
    for (const [method, path] of [
      ['POST', `/${c.conversationId}/activities`],
      ['POST', `/${c.conversationId}/activities/x`],
      ['PUT', `/${c.conversationId}/activities/x`],
      ['DELETE', `/${c.conversationId}/activities/x`],
      ['GET', `/${c.conversationId}/members`],
    ] as const) {
      const res = await fetch(`${h.baseUrl}/v3/conversations${path}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify({ type: 'message', text: 'from a stranger' }),
      });
      expect([404, 405]).toContain(res.status);
    }
    expect((await poll(c)).activities).toEqual([]);
  });
});

describe('lifetime', () => {
  test('an idle conversation is forgotten', async () => {
    await h.close();
    h = await startDirectLineHarness({ idleConversationSeconds: 1, tokenTtlSeconds: 10 * 3600 });
    const c = await startConversation();

    h.advanceClock(2 * 3600 * 1000);

    await eventually(async () => {
      await expectError(await call(`/conversations/${c.conversationId}/activities`, { token: c.token }), 404, 'ConversationNotFound');
    });
  });
});

describe('with a body parser installed for the whole server', () => {
  test('posting still works and bad JSON still gets the Direct Line error shape', async () => {
    await h.close();
    h = await startDirectLineHarness({ globalBodyParser: true });
    const c = await startConversation();

    expect((await say(c, 'hi')).status).toBe(200);
    expect((await poll(c)).activities.map((a) => a.text)).toContain('you said hi');
    const bad = await call(`/conversations/${c.conversationId}/activities`, { method: 'POST', token: c.token, rawBody: '{oops' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

describe('a masked entry', () => {
  it('reaches the bot with its secret, but the history and stream keep only the mask', async () => {
    const c = await startConversation();
    const res = await say(c, '••••• 7788', { value: { secret: '401227788' } });
    expect(res.status).toBe(200);
    const received = await eventually(() => {
      const hit = h.botInbox.find((a) => (a.value as { secret?: string } | undefined)?.secret === '401227788');
      if (!hit) throw new Error('not delivered yet');
      return hit;
    });
    expect(received.text).toBe('••••• 7788');
    const page = await call(`/conversations/${c.conversationId}/activities`, { token: c.token });
    const body = JSON.stringify(await page.json());
    expect(body).toContain('••••• 7788');
    expect(body).not.toContain('401227788');
  });
});
