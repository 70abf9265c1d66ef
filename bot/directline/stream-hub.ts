import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { DirectLineStore } from './direct-line-store';
import type { DirectLineActivity, DirectLineLogger } from './types';

interface Subscriber {
  socket: WebSocket;
  /** The last watermark this socket has been sent; it pulls everything after it. */
  sent: number;
  pumping: boolean;
  dirty: boolean;
  alive: boolean;
}

const PAGE = 100;

/**
 * Fans a conversation's new activities out to its WebSocket subscribers.
 *
 * Sockets pull from the store rather than being handed each activity: a
 * socket that connects while an activity is being appended, or two appends
 * that finish out of order, can then neither lose nor duplicate anything,
 * because every frame is "all after my watermark".
 */
export class StreamHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  private poller: NodeJS.Timeout | null = null;

  /**
   * @param pollMs how often open streams look for activities another instance
   * appended while polling is on (see {@link startPolling}); 0 never polls.
   */
  constructor(
    private readonly store: DirectLineStore,
    private readonly logger: DirectLineLogger,
    heartbeatMs: number,
    private readonly pollMs = 0,
  ) {
    this.heartbeat = setInterval(() => this.beat(), heartbeatMs);
    this.heartbeat.unref();
  }

  /**
   * Another instance's appends do not reach this one's {@link notify} unless
   * signalled: without signals (or while they are lost), each open stream
   * pulls on a timer. Pulls are "everything after my watermark", so nothing doubles.
   */
  startPolling(): void {
    if (this.poller || this.pollMs <= 0 || this.closed) return;
    this.poller = setInterval(() => this.notifyAll(), this.pollMs);
    this.poller.unref();
  }

  /** Stops the timer of {@link startPolling}, once signals flow again. */
  stopPolling(): void {
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
  }

  /** Whether open streams are pulling on a timer. */
  get polling(): boolean {
    return this.poller !== null;
  }

  /** Wakes every open stream to pull what is new (after signals may have been missed). */
  notifyAll(): void {
    for (const conversationId of this.subscribers.keys()) this.notify(conversationId);
  }

  /** Completes a WebSocket upgrade and starts streaming from `afterWatermark`. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer, conversationId: string, afterWatermark: number): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const sub: Subscriber = { socket: ws, sent: afterWatermark, pumping: false, dirty: false, alive: true };
      let set = this.subscribers.get(conversationId);
      if (!set) {
        set = new Set();
        this.subscribers.set(conversationId, set);
      }
      set.add(sub);
      ws.on('pong', () => {
        sub.alive = true;
      });
      // Clients send empty keep-alive frames; there is nothing to do with them.
      ws.on('message', () => undefined);
      ws.on('error', (error) => this.logger.warn({ conversationId, err: error.message }, 'directline stream error'));
      ws.on('close', () => {
        set.delete(sub);
        if (set.size === 0 && this.subscribers.get(conversationId) === set) this.subscribers.delete(conversationId);
      });
      this.pump(conversationId, sub);
    });
  }

  /** Wakes the conversation's subscribers to pull what is new. */
  notify(conversationId: string): void {
    for (const sub of this.subscribers.get(conversationId) ?? []) this.pump(conversationId, sub);
  }

  /**
   * Sends activities that are not part of the history (typing indicators,
   * updates to an activity already sent) to the current subscribers only.
   */
  pushEphemeral(conversationId: string, activities: DirectLineActivity[]): void {
    const frame = JSON.stringify({ activities });
    for (const sub of this.subscribers.get(conversationId) ?? []) {
      if (sub.socket.readyState === WebSocket.OPEN) sub.socket.send(frame);
    }
  }

  /** Conversations that have a live socket; they are not idle even if nobody types. */
  activeConversations(): Set<string> {
    return new Set(this.subscribers.keys());
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    this.stopPolling();
    const closing: Promise<void>[] = [];
    for (const set of this.subscribers.values()) {
      for (const sub of set) {
        closing.push(new Promise((resolve) => {
          if (sub.socket.readyState === WebSocket.CLOSED) return resolve();
          sub.socket.once('close', () => resolve());
          sub.socket.close(1001, 'server shutting down');
          // A peer that never answers the close handshake must not hold up shutdown.
          setTimeout(() => sub.socket.terminate(), 1000).unref();
        }));
      }
    }
    await Promise.all(closing);
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private pump(conversationId: string, sub: Subscriber): void {
    if (sub.pumping) {
      sub.dirty = true;
      return;
    }
    sub.pumping = true;
    void (async () => {
      try {
        do {
          sub.dirty = false;
          for (;;) {
            if (sub.socket.readyState !== WebSocket.OPEN) return;
            const page = await this.store.listActivities(conversationId, sub.sent, PAGE);
            if (page.activities.length === 0) {
              // A watermark from before a restart may be ahead of the history; follow the history.
              if (page.watermark < sub.sent) sub.sent = page.watermark;
              break;
            }
            sub.socket.send(JSON.stringify({ activities: page.activities, watermark: String(page.watermark) }));
            sub.sent = page.watermark;
            // A short page was the end of the history; anything appended since has set `dirty`.
            if (page.activities.length < PAGE) break;
          }
        } while (sub.dirty);
      } catch (error) {
        // A store that is briefly unreachable must not cut the visitor off: the socket stays open
        // and the next notification or poll reads from the same watermark again.
        this.logger.warn({ conversationId, err: (error as Error).message }, 'directline stream read failed; will retry');
      } finally {
        sub.pumping = false;
      }
    })();
  }

  private beat(): void {
    for (const set of this.subscribers.values()) {
      for (const sub of set) {
        if (!sub.alive) {
          sub.socket.terminate();
          continue;
        }
        sub.alive = false;
        if (sub.socket.readyState !== WebSocket.OPEN) continue;
        sub.socket.ping();
        // An empty ActivitySet keeps proxies from closing a quiet socket and is ignored by clients.
        sub.socket.send(JSON.stringify(sub.sent > 0 ? { activities: [], watermark: String(sub.sent) } : { activities: [] }));
      }
    }
  }
}
