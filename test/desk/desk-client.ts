import { randomBytes } from 'node:crypto';

/** One activity as a Direct Line client reads it. */
export interface ChatActivity {
  type: string;
  id?: string;
  name?: string;
  text?: string;
  from: { id: string; name?: string; role?: string };
  attachments?: { contentType: string; name?: string; content?: unknown }[];
  value?: unknown;
}

/** A web chat visitor speaking to the server's own Direct Line over HTTP, as Web Chat does when polling. */
export class Visitor {
  readonly user = `dl_${randomBytes(4).toString('hex')}`;
  token = '';
  conversationId = '';
  private read = 0;
  readonly seen: ChatActivity[] = [];

  constructor(
    private readonly base: string,
    private readonly locale: 'en-US' | 'es-US' = 'en-US',
  ) {}

  async start(): Promise<void> {
    const r = (await (await fetch(`${this.base}/v3/directline/conversations`, { method: 'POST' })).json()) as { token: string; conversationId: string };
    this.token = r.token;
    this.conversationId = r.conversationId;
    await this.post({ type: 'event', name: 'webchat/join', value: { locale: this.locale } });
  }

  /** Posts an activity and waits for the next bot message whose text matches (or any message when none is given). */
  async post(activity: Record<string, unknown>, expect?: RegExp): Promise<ChatActivity | null> {
    const res = await fetch(`${this.base}/v3/directline/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ from: { id: this.user }, locale: this.locale, ...activity }),
    });
    if (res.status !== 200) throw new Error(`post refused: ${res.status} ${await res.text()}`);
    return this.next(expect ?? /./);
  }

  say(text: string, expect?: RegExp): Promise<ChatActivity | null> {
    return this.post({ type: 'message', text }, expect);
  }

  /** Waits for a message not from the visitor whose text matches. */
  async next(expect: RegExp, timeoutMs = 10_000): Promise<ChatActivity> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const page = (await (
        await fetch(`${this.base}/v3/directline/conversations/${this.conversationId}/activities?watermark=${this.read}`, { headers: { Authorization: `Bearer ${this.token}` } })
      ).json()) as { activities: ChatActivity[]; watermark: string };
      this.read = Number(page.watermark);
      this.seen.push(...page.activities);
      const hit = page.activities.find((a) => a.from.id !== this.user && a.type === 'message' && expect.test(a.text ?? ''));
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no reply matching ${String(expect)}; seen:\n${this.seen.map((a) => `${a.from.id}: ${a.text ?? a.type}`).join('\n')}`);
  }
}

/** An agent (or supervisor) using the desk's API with its session cookie and CSRF token. */
export class DeskClient {
  cookie = '';
  csrf = '';

  constructor(private readonly base: string) {}

  async signIn(username: string, password: string): Promise<Response> {
    const res = await fetch(`${this.base}/agent/api/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const setCookie = res.headers.get('set-cookie');
    if (res.ok && setCookie) {
      this.cookie = setCookie.split(';')[0]!;
      this.csrf = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    }
    return res;
  }

  get(path: string): Promise<Response> {
    return fetch(`${this.base}${path}`, { headers: { Cookie: this.cookie } });
  }

  post(path: string, body: unknown = {}, opts: { csrf?: boolean } = {}): Promise<Response> {
    const headers: Record<string, string> = { Cookie: this.cookie, 'Content-Type': 'application/json' };
    if (opts.csrf !== false) headers['X-CSRF-Token'] = this.csrf;
    return fetch(`${this.base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  }
}

export const AGENT = { username: 'alex', password: 'desk-demo-agent' };
export const SUPERVISOR = { username: 'sam', password: 'desk-demo-supervisor' };
