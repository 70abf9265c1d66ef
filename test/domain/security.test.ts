import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { hashTaxId, holdsCardNumber, newBankToken, redactDetails, seal, unseal } from '../../core/security';

describe('keeping sensitive numbers safe', () => {
  const key = Buffer.alloc(32, 1);

  it('hashes a tax id with the key, so another key gives another hash', () => {
    const a = hashTaxId('k'.repeat(32), '401227788');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toContain('401227788');
    expect(hashTaxId('j'.repeat(32), '401227788')).not.toBe(a);
    expect(() => hashTaxId('k'.repeat(32), '401-22-7788')).toThrow();
  });

  it('seals a bank account number so it opens only with the same key and token', () => {
    const token = newBankToken();
    const sealed = seal(key, token, '000123454321');
    expect(JSON.stringify(sealed)).not.toContain('000123454321');
    expect(unseal(key, token, sealed)).toBe('000123454321');
    expect(() => unseal(Buffer.alloc(32, 2), token, sealed)).toThrow();
    expect(() => unseal(key, newBankToken(), sealed)).toThrow();
  });

  it('makes random opaque tokens', () => {
    expect(newBankToken()).toMatch(/^bat_[0-9a-f]{32}$/);
    expect(newBankToken()).not.toBe(newBankToken());
  });

  it('masks audit details under sensitive keys to the last 4', () => {
    expect(redactDetails({ ssn: '401227788', bankAccountNumber: '000123454321', amountCents: 5 })).toEqual({ ssn: '***7788', bankAccountNumber: '***4321', amountCents: 5 });
  });
});

describe('a card number typed where cards are not taken', () => {
  it.each([
    ['the number is 4111 1111 1111 1111', true],
    ['4111-1111-1111-1111', true],
    ['5500005555555559 exp 12/30', true],
    ['4111 1111 1111 1112', false],
    ['my account is 4100020001', false],
    ['routing 021000021 account 88120457', false],
  ])('"%s" holds one: %s', (text, holds) => {
    expect(holdsCardNumber(text)).toBe(holds);
  });
});

describe('dependency direction', () => {
  const root = join(__dirname, '..', '..', 'core');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
    });
  const forbidden = /from\s+['"](botbuilder[^'"]*|restify[^'"]*|twilio[^'"]*|@prisma\/[^'"]*|[^'"]*generated\/[^'"]*|[^'"]*\/data\/[^'"]*)['"]|require\(\s*['"](botbuilder|restify|twilio|@prisma)/;

  it.each(files(root).map((f) => [f.slice(root.length + 1), f]))('core/%s imports no channel SDK or Prisma client', (_rel, file) => {
    expect(readFileSync(file, 'utf8')).not.toMatch(forbidden);
  });

  it('the check itself catches a forbidden import', () => {
    expect("import { PrismaClient } from '../../generated/sqlite/client';").toMatch(forbidden);
    expect("import twilio from 'twilio';").toMatch(forbidden);
    expect("import { x } from '../shared/result';").not.toMatch(forbidden);
  });
});
