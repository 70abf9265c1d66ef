import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { HandoffDesk, HandoffStore } from '../core/handoff';
import type { Logger } from '../core/logging/logger';
import { DeskHttpError, type DeskAuth, type DeskUser } from './desk-auth';
import { handoffView, messageView } from './handoff-view';

export const STREAM_PATH = '/agent/stream';

interface Subscriber {
  socket: WebSocket;
  user: DeskUser;
  lastQueue: string;
  /** Per accepted handoff, the id of the last message this socket was sent. */
  seen: Map<string, number>;
  pumping: boolean;
  dirty: boolean;
}

/**
 * The agents' consoles, live: each open console gets the queue whenever it
 * changes, the messages of the chats its agent accepted, and the visitor's
 * typing. Consoles pull from the database ("everything after what I was
 * sent"), so a change made on another server instance reaches them on the
 * next poll and nothing is sent twice.
 */
export class DeskStream {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 });
  private readonly subscribers = new Set<Subscriber>();
  private readonly poller: NodeJS.Timeout | null;

  constructor(
    private readonly desk: HandoffDesk,
    private readonly store: HandoffStore,
    private readonly auth: DeskAuth,
    private readonly logger: Logger,
    private readonly allowedOrigin: () => string,
    pollMs: number,
  ) {
    desk.onChange((change) => {
      if (change.kind === 'typing') void this.typing(change.handoffId);
      else this.notify();
    });
    this.poller = pollMs > 0 ? setInterval(() => this.notify(), pollMs) : null;
    this.poller?.unref();
  }

  /** Completes an upgrade for a signed-in agent from the desk's own page; anything else is refused. */
  async accept(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    try {
      // Browsers send cookies with cross-site WebSocket handshakes only when SameSite allows; the origin is checked too.
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== this.allowedOrigin() && origin !== `http://${req.headers.host}` && origin !== `https://${req.headers.host}`) {
        throw new DeskHttpError(403, 'Forbidden', 'cross-site');
      }
      const user = await this.auth.authenticate(req, { csrf: false });
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        const sub: Subscriber = { socket: ws, user, lastQueue: '', seen: new Map(), pumping: false, dirty: false };
        this.subscribers.add(sub);
        ws.on('message', () => undefined);
        ws.on('error', (error) => this.logger.warn({ err: error.message }, 'desk stream error'));
        ws.on('close', () => this.subscribers.delete(sub));
        this.pump(sub);
      });
    } catch (error) {
      const status = error instanceof DeskHttpError ? error.status : 500;
      socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    }
  }

  notify(): void {
    for (const sub of this.subscribers) this.pump(sub);
  }

  private pump(sub: Subscriber): void {
    if (sub.pumping) {
      sub.dirty = true;
      return;
    }
    sub.pumping = true;
    void (async () => {
      do {
        sub.dirty = false;
        await this.send(sub);
      } while (sub.dirty);
    })()
      .catch((error: unknown) => this.logger.warn({ err: (error as Error)?.message }, 'desk stream pull failed'))
      .finally(() => {
        sub.pumping = false;
      });
  }

  private async send(sub: Subscriber): Promise<void> {
    if (sub.user.expiresAt.getTime() <= Date.now()) {
      sub.socket.close(4401, 'session expired');
      return;
    }
    const [waiting, mine, phone] = await Promise.all([this.store.waiting(), this.store.acceptedBy(sub.user.id), this.store.phone(null, 20)]);
    const queue = JSON.stringify({ type: 'queue', waiting: waiting.map(handoffView), mine: mine.map(handoffView), phone: phone.map(handoffView) });
    if (queue !== sub.lastQueue && sub.socket.readyState === WebSocket.OPEN) {
      sub.lastQueue = queue;
      sub.socket.send(queue);
    }
    for (const h of mine) {
      const after = sub.seen.get(h.id) ?? 0;
      const messages = await this.store.messagesAfter(h.id, after);
      if (!messages.length) continue;
      sub.seen.set(h.id, messages[messages.length - 1]!.id);
      if (sub.socket.readyState === WebSocket.OPEN) sub.socket.send(JSON.stringify({ type: 'messages', handoffId: h.id, messages: messages.map(messageView) }));
    }
  }

  private async typing(handoffId: string): Promise<void> {
    const handoff = await this.store.get(handoffId);
    if (!handoff?.agentId) return;
    for (const sub of this.subscribers) {
      if (sub.user.id === handoff.agentId && sub.socket.readyState === WebSocket.OPEN) sub.socket.send(JSON.stringify({ type: 'typing', handoffId }));
    }
  }

  async close(): Promise<void> {
    if (this.poller) clearInterval(this.poller);
    for (const sub of this.subscribers) sub.socket.terminate();
    this.subscribers.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
