import { startDirectLineHarness, eventually } from '../support/directline-harness';

test('smoke', async () => {
  const h = await startDirectLineHarness();
  try {
    const start = await fetch(`${h.directLineUrl}/conversations`, { method: 'POST' });
    const body = await start.json();
    console.log(start.status, body);
    const post = await fetch(`${h.directLineUrl}/conversations/${body.conversationId}/activities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${body.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hi', from: { id: 'u1' } }),
    });
    console.log(post.status, await post.text());
    const poll = await fetch(`${h.directLineUrl}/conversations/${body.conversationId}/activities?watermark=`, {
      headers: { Authorization: `Bearer ${body.token}` },
    });
    console.log(JSON.stringify(await poll.json(), null, 1));
    console.log(h.botInbox, h.logs);
    const nf = await fetch(`${h.directLineUrl}/nope`);
    console.log(nf.status, await nf.text());
  } finally {
    await h.close();
  }
});
