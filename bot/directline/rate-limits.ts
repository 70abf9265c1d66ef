import type { IncomingMessage } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { clientAddress } from './client-address';
import type { DirectLineContext } from './context';
import { DirectLineHttpError } from './http-io';

/** Per-address budgets, each well under the service's global conversation cap. */
export interface RateLimitSettings {
  /** Conversations (or anonymous tokens) one address may start per minute. */
  startsPerMinute: number;
  /** Activities one address may post per minute, over all its conversations. */
  postsPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = { startsPerMinute: 20, postsPerMinute: 120 };

export interface RateLimits {
  start: RateLimiterMemory;
  post: RateLimiterMemory;
}

/**
 * Token buckets per visitor address. They are per instance: behind a load
 * balancer each instance grants its own budget, which still keeps any one
 * address far below the cap that would shut others out.
 */
export function createRateLimits(settings: RateLimitSettings): RateLimits {
  return {
    start: new RateLimiterMemory({ points: settings.startsPerMinute, duration: 60 }),
    post: new RateLimiterMemory({ points: settings.postsPerMinute, duration: 60 }),
  };
}

/** Spends one unit of the caller's budget, or refuses the request with 429 and when to retry. */
export async function limit(ctx: DirectLineContext, req: IncomingMessage, kind: keyof RateLimits): Promise<void> {
  const key = clientAddress(req, ctx.trustedProxyHops) ?? 'unknown';
  try {
    await ctx.limits[kind].consume(key);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw new DirectLineHttpError(429, 'TooManyRequests', `Too many requests from this address; try again in ${seconds} seconds.`, { 'Retry-After': String(seconds) });
  }
}
