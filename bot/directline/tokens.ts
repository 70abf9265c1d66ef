import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a Direct Line token proves: access to one conversation until a time. */
export interface TokenClaims {
  conversationId: string;
  /** Set when the token was issued for a named user; posts are then sent as that user. */
  userId?: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** The conversation's token generation it was issued in: a refresh starts a new one and retires the old tokens. */
  generation: number;
  /** Epoch milliseconds when the first token of this refresh chain was issued; a chain cannot be renewed forever. */
  chainStartedAt: number;
}

/** What a new token carries besides its conversation. */
export interface TokenGrant {
  userId?: string;
  generation: number;
  /** Epoch milliseconds; default now (a new chain). */
  chainStartedAt?: number;
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/**
 * Issues and checks Direct Line tokens. They are compact HS256 JWTs: the
 * Direct Line client decodes tokens (without verifying) to look for a `user`
 * claim, so a JWT shape with the real service's claim names (`conv`, `user`)
 * keeps the client's behaviour the same as against Azure.
 */
export class TokenSigner {
  constructor(
    private readonly key: string,
    private readonly ttlSeconds: number,
    private readonly now: () => number,
  ) {}

  issue(conversationId: string, grant: TokenGrant): { token: string; expiresIn: number } {
    const iat = Math.floor(this.now() / 1000);
    const payload = {
      conv: conversationId,
      ...(grant.userId === undefined ? {} : { user: grant.userId }),
      iat,
      exp: iat + this.ttlSeconds,
      gen: grant.generation,
      chain: Math.floor((grant.chainStartedAt ?? this.now()) / 1000),
      // Two tokens issued in the same second must still differ, or a refresh would look like a no-op.
      jti: randomBytes(9).toString('base64url'),
    };
    const body = `${HEADER}.${base64url(JSON.stringify(payload))}`;
    return { token: `${body}.${this.sign(body)}`, expiresIn: this.ttlSeconds };
  }

  verify(token: string): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: 'malformed' };
    const [, payloadPart = '', signature = ''] = parts;
    const expected = Buffer.from(this.sign(`${HEADER}.${payloadPart}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: 'bad-signature' };
    }
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (!isClaims(payload)) return { ok: false, reason: 'malformed' };
    // No token outlives the configured lifetime, whatever its own expiry says.
    if (payload.exp - payload.iat > this.ttlSeconds) return { ok: false, reason: 'malformed' };
    const expiresAt = payload.exp * 1000;
    if (expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return {
      ok: true,
      claims: {
        conversationId: payload.conv,
        ...(payload.user === undefined ? {} : { userId: payload.user }),
        expiresAt,
        generation: payload.gen,
        chainStartedAt: payload.chain * 1000,
      },
    };
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }
}

/** Compares a presented secret with the configured one without leaking its length or prefix through timing. */
export function secretMatches(presented: string, secret: string): boolean {
  const a = createHmac('sha256', 'directline-secret').update(presented).digest();
  const b = createHmac('sha256', 'directline-secret').update(secret).digest();
  return timingSafeEqual(a, b);
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function isClaims(value: unknown): value is { conv: string; user?: string; iat: number; exp: number; gen: number; chain: number } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.conv === 'string' &&
    typeof v.iat === 'number' &&
    typeof v.exp === 'number' &&
    Number.isInteger(v.gen) &&
    typeof v.chain === 'number' &&
    (v.user === undefined || typeof v.user === 'string')
  );
}
