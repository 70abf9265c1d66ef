import { Client } from 'pg';
import type { ActivitySignalHandlers, ActivitySignals } from '../core/store/direct-line-store';
import { postgresTarget } from './connect';

/** Settings of {@link postgresActivitySignals}. */
export interface PostgresSignalOptions {
  /** Wait between attempts to reconnect after the listening connection is lost. Default 1000 ms. */
  reconnectMs?: number;
  /** Told when the connection is lost or cannot be made (the message only; never credentials). */
  onError?: (message: string) => void;
}

/**
 * The notification channel of the Direct Line activities in one schema.
 * Channels are database-wide, so each schema (each deployment or test run on
 * a shared database) gets its own and never wakes another's streams.
 */
export function activityChannel(databaseUrl: string): string {
  return `directline_${postgresTarget(databaseUrl).schema}`.slice(0, 63);
}

/**
 * Direct Line activity signals over PostgreSQL LISTEN/NOTIFY. The store sends
 * `pg_notify` inside the transaction that appends an activity, so the
 * notification arrives only once the activity can be read, on every instance.
 * Listening takes one connection of its own, outside Prisma's pool (a pooled
 * connection cannot stay in LISTEN); when it drops, the handlers are told
 * (`lost`) so the caller can poll until it is back (`restored`).
 */
export function postgresActivitySignals(databaseUrl: string, options: PostgresSignalOptions = {}): ActivitySignals {
  const { connectionString } = postgresTarget(databaseUrl);
  const channel = activityChannel(databaseUrl);
  const reconnectMs = options.reconnectMs ?? 1000;
  let client: Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  let handlers: ActivitySignalHandlers | null = null;
  /** True while signals may be missed: before the first connection and after a loss, until LISTEN succeeds again. */
  let down = false;

  const markDown = (message: string) => {
    if (closed) return;
    options.onError?.(message);
    if (!down) {
      down = true;
      handlers?.lost();
    }
    scheduleReconnect();
  };

  const scheduleReconnect = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, reconnectMs);
    retry.unref();
  };

  const connect = async (): Promise<void> => {
    // Named for its channel, so an operator (or a test) can tell whose listening connection it is.
    const c = new Client({ connectionString, application_name: `listen ${channel}`.slice(0, 63) });
    // Errors after connecting (server restart, network) surface here and as 'end'.
    c.on('error', (error) => {
      if (client === c) client = null;
      markDown(error.message);
      c.end().catch(() => undefined);
    });
    c.on('end', () => {
      if (client === c) {
        client = null;
        markDown('the listening connection ended');
      }
    });
    c.on('notification', (n) => {
      if (n.channel === channel && n.payload) handlers?.activity(n.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN "${channel}"`);
    } catch (error) {
      c.removeAllListeners('end');
      await c.end().catch(() => undefined);
      markDown((error as Error).message);
      return;
    }
    if (closed) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    if (down) {
      down = false;
      handlers?.restored();
    }
  };

  return {
    async listen(h) {
      handlers = h;
      await connect();
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
