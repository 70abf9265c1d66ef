import fs from 'node:fs';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createServices } from '../../core/services';
import { manualClock } from '../../core/shared/clock';
import { SENSITIVE_LOG_PATHS } from '../../core/security';
import { seedDemoData } from '../../prisma/seed-data';
import { sqliteStore } from './support';
import { bankChecks } from '../domain/helpers';

const HASH_KEY = 'leak-test-hash-key-0123456789abcdef012345';
const NEW_BANK_ACCOUNT = '8765432109876';

describe('sensitive numbers on SQLite', () => {
  it('when Jordan verifies and pays from a new bank account, then neither his SSN nor the account number is in the database file or the log', async () => {
    const store = await sqliteStore();
    const logged: string[] = [];
    const log = pino(
      { level: 'trace', redact: { paths: [...SENSITIVE_LOG_PATHS], censor: '[redacted]' } },
      new Writable({
        write(chunk, _enc, done) {
          logged.push(String(chunk));
          done();
        },
      }),
    );
    try {
      const clock = manualClock('2025-03-10T14:00:00Z');
      await seedDemoData(store.repos.insert, store.repos.vault, { today: '2025-03-10', identityHashKey: HASH_KEY });
      const services = createServices(store.repos, { identityHashKey: HASH_KEY, timeZone: 'America/New_York', clock, ...bankChecks(store.repos.vault) });

      // A front end logs what it sends and gets back; the redaction paths must catch the raw fields.
      const request = { sessionId: 'leak-1', channel: 'chat' as const, taxId: '401-22-7788', accountReference: '4100020001' };
      log.info({ request }, 'verify request');
      const verified = await services.identity.verify(request);
      log.info({ verified }, 'verify result');
      expect(verified.ok).toBe(true);

      const funding = { kind: 'bank_new' as const, routingNumber: '021000021', accountNumber: NEW_BANK_ACCOUNT };
      log.info({ funding }, 'payment request');
      const paid = await services.payments.pay(
        { sessionId: 'leak-1', customerId: 'cus_jordan_avery', channel: 'chat' },
        { accountId: 'acc_4100020001', amount: { kind: 'amount_due' }, funding, idempotencyKey: 'leak-turn-1' },
      );
      log.info({ paid }, 'payment result');
      expect(paid).toMatchObject({ ok: true, value: { payment: { bankAccountLast4: '9876', status: 'posted' } } });
      expect(await store.repos.vault.reveal(paid.ok ? paid.value.payment.bankAccountToken! : '')).toMatchObject({ accountNumber: NEW_BANK_ACCOUNT });

      const files = [store.file, `${store.file}-wal`, `${store.file}-journal`].filter((f) => fs.existsSync(f));
      const bytes = Buffer.concat(files.map((f) => fs.readFileSync(f)));
      const text = logged.join('');
      expect(bytes.length).toBeGreaterThan(10_000);
      expect(text).toContain('verify result');
      for (const secret of ['401227788', '401-22-7788', NEW_BANK_ACCOUNT, '000123454321']) {
        expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
        expect(text).not.toContain(secret);
      }
      // Sanity check that the search would see a number written in clear.
      expect(bytes.includes(Buffer.from('4100020001', 'utf8'))).toBe(true);
    } finally {
      await store.cleanup();
    }
  });
});
