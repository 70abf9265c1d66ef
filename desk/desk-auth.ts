import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AgentAccount } from '../core/config/config';
import type { AgentSessionStore } from '../core/handoff';
import { passwordMatches, UNKNOWN_USER_HASH } from './passwords';

export const SESSION_COOKIE = 'desk_session';
/** Window of the sign-in limits. */
const SIGN_IN_WINDOW_SECONDS = 15 * 60;

/** An answer the desk gives with a status and a stable code. */
export class DeskHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Who is signed in, for one request. */
export interface DeskUser {
  id: string;
  name: string;
  role: AgentAccount['role'];
  csrfToken: string;
  tokenHash: string;
  expiresAt: Date;
}

export interface DeskAuthOptions {
  accounts: AgentAccount[];
  sessions: AgentSessionStore;
  sessionMinutes: number;
  signInAttempts: number;
  /** Cookies carry Secure when the desk is served over https. */
  secureCookies: boolean;
  clientAddress: (req: IncomingMessage) => string;
  now?: () => Date;
}

const tokenHash = (token: string): string => createHash('sha256').update(token).digest('base64url');

function cookieValue(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Sign-in and sessions of the agent desk. Passwords are checked against
 * scrypt hashes from the configuration; a session is a random token in a
 * SameSite=Strict, HttpOnly cookie, kept in the database only as its hash,
 * with an absolute expiry. Every state-changing request also carries the
 * session's CSRF token in a header. Failed sign-ins are limited per account
 * and address, and per address.
 */
export class DeskAuth {
  private readonly perAccount: RateLimiterMemory;
  private readonly perAddress: RateLimiterMemory;
  private readonly now: () => Date;

  constructor(private readonly opts: DeskAuthOptions) {
    this.now = opts.now ?? (() => new Date());
    this.perAccount = new RateLimiterMemory({ points: opts.signInAttempts, duration: SIGN_IN_WINDOW_SECONDS });
    this.perAddress = new RateLimiterMemory({ points: opts.signInAttempts * 4, duration: SIGN_IN_WINDOW_SECONDS });
  }

  /** Checks the password; on success starts a session and sets its cookie. */
  async signIn(req: IncomingMessage, res: ServerResponse, username: string, password: string): Promise<DeskUser> {
    const address = this.opts.clientAddress(req);
    const accountKey = `${username.toLowerCase()}|${address}`;
    await this.refuseWhenSpent(accountKey, address);
    const account = this.opts.accounts.find((a) => a.id === username.toLowerCase());
    const ok = await passwordMatches(password, account?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!account || !ok) {
      await Promise.all([this.perAccount.penalty(accountKey, 1), this.perAddress.penalty(address, 1)]);
      throw new DeskHttpError(401, 'WrongCredentials', 'The user name or password is not right.');
    }
    await this.perAccount.delete(accountKey);
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const row = {
      tokenHash: tokenHash(token),
      agentId: account.id,
      role: account.role,
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.opts.sessionMinutes * 60_000),
    };
    await this.opts.sessions.create(row);
    res.setHeader('Set-Cookie', this.cookie(token, this.opts.sessionMinutes * 60));
    return { id: account.id, name: account.name, role: account.role, csrfToken: row.csrfToken, tokenHash: row.tokenHash, expiresAt: row.expiresAt };
  }

  private async refuseWhenSpent(accountKey: string, address: string): Promise<void> {
    const [account, byAddress] = await Promise.all([this.perAccount.get(accountKey), this.perAddress.get(address)]);
    const spent = [account, byAddress].filter((r): r is RateLimiterRes => r !== null && r.remainingPoints <= 0);
    if (spent.length) {
      const wait = Math.max(...spent.map((r) => Math.ceil(r.msBeforeNext / 1000)));
      throw new DeskHttpError(429, 'TooManyAttempts', `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minutes.`, wait);
    }
  }

  async signOut(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = cookieValue(req, SESSION_COOKIE);
    if (token) await this.opts.sessions.delete(tokenHash(token));
    res.setHeader('Set-Cookie', this.cookie('', 0));
  }

  private cookie(value: string, maxAgeSeconds: number): string {
    return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${this.opts.secureCookies ? '; Secure' : ''}`;
  }

  /**
   * The signed-in user of a request. A bearer token (a web chat visitor's
   * Direct Line token, say) is refused outright: the desk knows only its own
   * sessions. State-changing requests must carry the CSRF token, and
   * `/ops` needs the supervisor role.
   */
  async authenticate(req: IncomingMessage, need: { csrf: boolean; role?: 'supervisor' }): Promise<DeskUser> {
    if (req.headers.authorization !== undefined) {
      throw new DeskHttpError(403, 'Forbidden', 'The agent desk accepts agent sessions only, not tokens.');
    }
    const token = cookieValue(req, SESSION_COOKIE);
    if (!token) throw new DeskHttpError(401, 'SignInRequired', 'Please sign in.');
    const row = await this.opts.sessions.find(tokenHash(token));
    if (!row) throw new DeskHttpError(401, 'SignInRequired', 'Please sign in.');
    if (row.expiresAt.getTime() <= this.now().getTime()) {
      await this.opts.sessions.delete(row.tokenHash);
      throw new DeskHttpError(401, 'SessionExpired', 'Your session has expired. Please sign in again.');
    }
    const account = this.opts.accounts.find((a) => a.id === row.agentId);
    if (!account) throw new DeskHttpError(401, 'SignInRequired', 'Please sign in.');
    if (need.csrf) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameText(sent, row.csrfToken)) {
        throw new DeskHttpError(403, 'CsrfTokenMissing', 'This request needs the page\'s CSRF token.');
      }
    }
    if (need.role === 'supervisor' && account.role !== 'supervisor') {
      throw new DeskHttpError(403, 'SupervisorsOnly', 'This page is for supervisors.');
    }
    return { id: account.id, name: account.name, role: account.role, csrfToken: row.csrfToken, tokenHash: row.tokenHash, expiresAt: row.expiresAt };
  }
}
