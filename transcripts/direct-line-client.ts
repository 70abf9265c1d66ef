import { WebSocket } from 'ws';

/** An activity as the benchmark reads it off the Direct Line stream. */
export interface StreamActivity {
  id?: string;
  type: string;
  text?: string;
  from: { id: string };
  suggestedActions?: { actions: { title?: string; value?: unknown }[] };
  attachments?: { contentType: string; content?: unknown }[];
  channelData?: { intent?: string; expect?: string; sensitive?: boolean; prompt?: string };
  name?: string;
}

/**
 * A minimal Direct Line 3.0 client over HTTP and the WebSocket stream, the way
 * Web Chat talks: one turn is "post an activity, wait for the bot's next
 * message on the stream". The transcript runner drives chats with it, and the
 * benchmark measures the product and the echo baseline with exactly the same
 * client. `turn` resolves with the bot's text reply; `others` collects what
 * came with it (cards, handoff events).
 */
export class DirectLineConversation {
  private socket: WebSocket | null = null;
  private readonly queue: StreamActivity[] = [];
  /** Activities from the bot that are not the text reply of a turn (a receipt card, a handoff event). */
  readonly others: StreamActivity[] = [];
  private waiter: ((a: StreamActivity) => void) | null = null;
  private token = '';
  private conversationId = '';
  /** The id the service gave the last activity posted (`<conversation>|<sequence>`). */
  private lastPostedId = '';
  readonly userId = `dl_bench_${Math.random().toString(36).slice(2)}`;

  /** `secret`: a Direct Line secret, for a service that does not start conversations anonymously (Azure's). */
  constructor(
    private readonly directLineUrl: string,
    private readonly secret?: string,
  ) {}

  async open(): Promise<void> {
    const res = await fetch(`${this.directLineUrl}/conversations`, {
      method: 'POST',
      ...(this.secret ? { headers: { Authorization: `Bearer ${this.secret}` } } : {}),
    });
    if (res.status !== 201) throw new Error(`start conversation: HTTP ${res.status}`);
    const body = (await res.json()) as { conversationId: string; token: string; streamUrl: string };
    this.token = body.token;
    this.conversationId = body.conversationId;
    const socket = new WebSocket(body.streamUrl);
    this.socket = socket;
    socket.on('message', (data) => {
      const text = data.toString();
      if (!text) return;
      const set = JSON.parse(text) as { activities?: StreamActivity[] };
      for (const a of set.activities ?? []) {
        if (a.from.id === this.userId) continue;
        // A turn ends on the bot's text; cards sent before it (a receipt) are not the reply.
        if (a.type !== 'message' || !a.text) {
          this.others.push(a);
          continue;
        }
        if (this.waiter) {
          const w = this.waiter;
          this.waiter = null;
          w(a);
        } else this.queue.push(a);
      }
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
  }

  /** Posts one activity and resolves with the bot's next message and the turn's latency in ms. */
  async turn(activity: Record<string, unknown>, timeoutMs = 15_000): Promise<{ reply: StreamActivity; ms: number }> {
    const started = performance.now();
    const reply = this.next(timeoutMs);
    const res = await fetch(`${this.directLineUrl}/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ from: { id: this.userId }, locale: 'en-US', ...activity }),
    });
    if (res.status !== 200) throw new Error(`post activity: HTTP ${res.status} ${await res.text()}`);
    this.lastPostedId = ((await res.json()) as { id?: string }).id ?? '';
    const got = await reply;
    return { reply: got, ms: performance.now() - started };
  }

  private next(timeoutMs: number): Promise<StreamActivity> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new Error('timed out waiting for the bot'));
      }, timeoutMs);
      this.waiter = (a) => {
        clearTimeout(timer);
        resolve(a);
      };
    });
  }

  /**
   * Everything the bot sent in answer to the last posted activity, from the
   * history rather than the stream: the post returns once the bot's turn is
   * over, so the history is complete, while the stream may still be on its way.
   * Null when the service's activity ids carry no sequence number.
   */
  async turnActivities(): Promise<StreamActivity[] | null> {
    const seq = /\|(\d+)$/.exec(this.lastPostedId)?.[1];
    if (!seq) return null;
    const res = await fetch(`${this.directLineUrl}/conversations/${this.conversationId}/activities?watermark=${Number(seq)}`, {
      headers: { Authorization: `Bearer ${this.token}` },
    });
    if (res.status !== 200) return null;
    const page = (await res.json()) as { activities?: StreamActivity[] };
    return (page.activities ?? []).filter((a) => a.from.id !== this.userId);
  }

  close(): void {
    this.socket?.close();
  }
}

/** The value of the suggested action whose title matches, as a button click sends it. */
export function actionValue(reply: StreamActivity, title: RegExp): unknown {
  const action = reply.suggestedActions?.actions.find((a) => title.test(a.title ?? ''));
  if (!action) throw new Error(`no suggested action ${title} in: ${reply.text ?? ''}`);
  return action.value;
}
