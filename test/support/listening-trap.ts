import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in for another party's web server on this machine: answers every request and records its body. */
export async function listeningTrap(): Promise<{ url: string; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const trap: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(body);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"id":"x"}');
    });
  });
  await new Promise<void>((r) => trap.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(trap.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((r) => trap.close(() => r())),
  };
}
