import type { IncomingMessage } from 'node:http';

/**
 * The visitor's address. With no trusted proxy in front, the socket's peer.
 * Behind `trustedHops` reverse proxies (a load balancer, Azure Front Door),
 * each appends the address it received from to `X-Forwarded-For`, so the
 * visitor is the entry that many places from the right, counting the socket
 * peer (the nearest proxy) last. Entries further left were written by the
 * client and are never believed.
 */
export function clientAddress(req: IncomingMessage, trustedHops: number): string | null {
  const peer = req.socket.remoteAddress ?? null;
  if (trustedHops <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = peer ? [...forwarded, peer] : forwarded;
  const index = chain.length - 1 - trustedHops;
  return index >= 0 ? chain[index]! : (chain[0] ?? null);
}
