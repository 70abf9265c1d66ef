import type { IncomingMessage } from 'node:http';
import { clientAddress } from '../../bot/directline/client-address';
import { loadConfig } from '../../core/config/config';

function request(peer: string, forwardedFor?: string | string[]): IncomingMessage {
  return { socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } } as unknown as IncomingMessage;
}

describe("the visitor's address for per-address verification limits", () => {
  it('with no trusted proxy, is the connection peer, whatever X-Forwarded-For claims', () => {
    expect(clientAddress(request('203.0.113.7'), 0)).toBe('203.0.113.7');
    expect(clientAddress(request('203.0.113.7', '198.51.100.1'), 0)).toBe('203.0.113.7');
  });

  it('behind one proxy, is the address that proxy saw, and entries a client wrote further left are ignored', () => {
    expect(clientAddress(request('10.0.0.5', '198.51.100.1'), 1)).toBe('198.51.100.1');
    expect(clientAddress(request('10.0.0.5', '1.2.3.4, 198.51.100.1'), 1)).toBe('198.51.100.1');
    expect(clientAddress(request('10.0.0.5', ['1.2.3.4', '198.51.100.1']), 1)).toBe('198.51.100.1');
  });

  it('behind two proxies, counts both from the right', () => {
    expect(clientAddress(request('10.0.0.5', '6.6.6.6, 198.51.100.1, 10.0.0.9'), 2)).toBe('198.51.100.1');
  });

  it('when the header is shorter than the proxies configured, falls back to its leftmost entry rather than to nothing', () => {
    expect(clientAddress(request('10.0.0.5'), 1)).toBe('10.0.0.5');
    expect(clientAddress(request('10.0.0.5', '198.51.100.1'), 3)).toBe('198.51.100.1');
  });

  it('is configured by TRUSTED_PROXY_HOPS, 0 by default, and a bad value names the variable', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).trustedProxyHops).toBe(0);
    expect(loadConfig({ NODE_ENV: 'test', TRUSTED_PROXY_HOPS: '1' }).trustedProxyHops).toBe(1);
    expect(() => loadConfig({ NODE_ENV: 'test', TRUSTED_PROXY_HOPS: 'many' })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});
