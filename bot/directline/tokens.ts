import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a Direct Line token proves: access to one conversation until a time. */
export interface TokenClaims {
  conversationId: string;
  /** Set when the token was issued for a named user; posts are then sent as that user. */
  userId?: string;
  /** Epoch milliseconds. */
  expiresAt: number;
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

  issue(conversationId: string, userId?: string): { token: string; expiresIn: number } {
    const iat = Math.floor(this.now() / 1000);
    const payload = {
      conv: conversationId,
      ...(userId === undefined ? {} : { user: userId }),
      iat,
      exp: iat + this.ttlSeconds,
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
    const expiresAt = payload.exp * 1000;
    if (expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return {
      ok: true,
      claims: {
        conversationId: payload.conv,
        ...(payload.user === undefined ? {} : { userId: payload.user }),
        expiresAt,
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

function isClaims(value: unknown): value is { conv: string; user?: string; exp: number } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.conv === 'string' &&
    typeof v.exp === 'number' &&
    (v.user === undefined || typeof v.user === 'string')
  );
}
