import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  checkRoutingNumber,
  FEDACH_RECORD_LENGTH,
  loadFedAchDirectory,
  parseFedAchDirectory,
  RoutingDirectoryError,
  type BankAccountValidation,
} from '../../core/payments';
import { ConfigError, loadConfig, SAMPLE_ROUTING_DIRECTORY } from '../../core/config/config';
import { createServices } from '../../core/services';
import { createPrenoteValidation } from '../../banking';
import { demoWorld, bankChecks, HASH_KEY, TIME_ZONE, TODAY, maria, jordan } from './helpers';

/** One FedACH record built from its fields, padded to the columns the Fed's format gives them. */
function record(over: Partial<Record<'routing' | 'office' | 'servicing' | 'type' | 'changed' | 'newRouting' | 'name' | 'status', string>> = {}): string {
  const f = {
    routing: '021000021',
    office: 'O',
    servicing: '021001208',
    type: '1',
    changed: '112622',
    newRouting: '000000000',
    name: 'JPMORGAN CHASE BANK, NA',
    status: '1',
    ...over,
  };
  return (
    f.routing +
    f.office +
    f.servicing +
    f.type +
    f.changed +
    f.newRouting +
    f.name.padEnd(36) +
    '10430 HIGHLAND MANOR DR'.padEnd(36) +
    'TAMPA'.padEnd(20) +
    'FL' +
    '33610' +
    '9128' +
    '8134323700' +
    f.status +
    '1' +
    '     '
  );
}

describe('the FedACH routing directory', () => {
  it('when the shipped sample loads, then every routing number the demo data and the tests use is listed, read from its columns', () => {
    const directory = loadFedAchDirectory(SAMPLE_ROUTING_DIRECTORY);
    for (const r of ['011000015', '021000021']) expect(directory.lookup(r)).not.toBeNull();
    expect(directory.lookup('021000021')).toEqual({
      routingNumber: '021000021',
      office: 'main',
      servicingFrbNumber: '021001208',
      recordType: 'this_routing_number',
      changeDate: '2022-11-26',
      newRoutingNumber: null,
      name: 'JPMORGAN CHASE BANK, NA',
      address: '10430 HIGHLAND MANOR DR',
      city: 'TAMPA',
      state: 'FL',
      zip: '33610-9128',
      phone: '8134323700',
      statusCode: '1',
      viewCode: '1',
    });
    expect(directory.lookup('011000015')).toMatchObject({ recordType: 'federal_reserve_bank' });
    expect(directory.lookup('114000653')).toMatchObject({ office: 'branch', zip: '78753' });
    expect(directory.lookup('053101231')).toMatchObject({ recordType: 'new_routing_number', newRoutingNumber: '053000196' });
    expect(directory.lookup('122105278')).toBeNull();
  });

  it('when the sample file is read as bytes, then every record is exactly the 155 characters of the format', () => {
    const lines = fs.readFileSync(SAMPLE_ROUTING_DIRECTORY, 'latin1').split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const line of lines) expect(line).toHaveLength(FEDACH_RECORD_LENGTH);
  });

  it('when a record has lost its trailing filler, Windows line ends or blank lines, then it still reads', () => {
    const text = `${record().trimEnd()}\r\n\r\n${record({ routing: '011000015', type: '0', servicing: '011000015' })}\r\n`;
    const { directory, problems } = parseFedAchDirectory(text);
    expect(problems).toEqual([]);
    expect(directory.size).toBe(2);
  });

  it('when lines are malformed, then each problem is named with its line number and column', () => {
    const text = [
      record(), // 1: fine
      record({ routing: '021000022' }), // 2: checksum fails
      record({ office: 'X', changed: '133122' }), // 3: two problems on one line
      'too short', // 4
      record({ type: '2', routing: '053101231' }), // 5: record type 2 without a new routing number
      record(), // 6: the same routing number again
      record({ routing: '026009593', name: '' }), // 7: no name
    ].join('\n');
    const { directory, problems } = parseFedAchDirectory(text);
    expect(problems).toEqual([
      { line: 2, problem: expect.stringContaining('routing number "021000022" (columns 1-9)') },
      { line: 3, problem: expect.stringContaining('office code "X" (column 10)') },
      { line: 3, problem: expect.stringContaining('change date "133122" (columns 21-26)') },
      { line: 4, problem: 'expected a 155-character record, found 9 characters' },
      { line: 5, problem: expect.stringContaining('new routing number "000000000" (columns 27-35) must be a valid routing number for record type 2') },
      { line: 6, problem: 'routing number 021000021 is already listed on line 1' },
      { line: 7, problem: 'customer name (columns 36-71) is blank' },
    ]);
    expect(directory.lookup('021000021')).not.toBeNull();
    expect(directory.lookup('021000022')).toBeNull();
  });

  it('when the file to load has a malformed line, then loading refuses it and says which line and why', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fedach-'));
    const file = path.join(dir, 'FedACHdir.txt');
    fs.writeFileSync(file, `${record()}\n${record({ routing: '026009593', changed: '022924' }).slice(0, 120)}\n`);
    try {
      let thrown: unknown;
      try {
        loadFedAchDirectory(file);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(RoutingDirectoryError);
      expect((thrown as RoutingDirectoryError).problems).toEqual([{ line: 2, problem: 'expected a 155-character record, found 120 characters' }]);
      expect((thrown as Error).message).toContain(`${file}: 1 malformed line(s)`);
      fs.writeFileSync(file, '\n');
      expect(() => loadFedAchDirectory(file)).toThrow(/lists no routing numbers/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a routing number for a new bank account', () => {
  const { directory } = parseFedAchDirectory(
    [
      record(),
      record({ routing: '053101231', type: '2', newRouting: '053000196', name: 'FIRST PIEDMONT SAVINGS BANK' }),
      record({ routing: '026009593', status: '2', name: 'GOVERNMENT ONLY BANK' }),
    ].join('\n'),
  );

  it.each([
    ['021000021', { ok: true, value: '021000021' }],
    ['0210-00021', { ok: true, value: '021000021' }],
    ['021000022', { ok: false, code: 'PAYMENT.ROUTING_INVALID' }],
    ['122105278', { ok: false, code: 'PAYMENT.ROUTING_UNKNOWN' }],
    ['000000000', { ok: false, code: 'PAYMENT.ROUTING_UNKNOWN' }],
    ['053101231', { ok: false, code: 'PAYMENT.ROUTING_INACTIVE' }],
    ['026009593', { ok: false, code: 'PAYMENT.ROUTING_INACTIVE' }],
  ])('%p is %p', (input, expected) => {
    expect(checkRoutingNumber(input, directory)).toMatchObject(expected);
  });
});

describe('paying from a bank account used for the first time (domain)', () => {
  const base = (key: string) => ({ amount: { kind: 'other' as const, amount: 5000 }, idempotencyKey: key, accountId: 'acc_4100020002' });

  it('when validation is pending, then the payment is recorded as waiting and the balances do not move', async () => {
    const w = await demoWorld();
    const before = (await w.repos.accounts.byId('acc_4100020002'))!;
    const r = await w.services.payments.pay(maria, { ...base('k1'), funding: { kind: 'bank_new', routingNumber: '021000021', accountNumber: '55551111' } });
    expect(r).toMatchObject({ ok: true, value: { duplicate: false, payment: { status: 'awaiting_validation', scheduledFor: TODAY, bankAccountLast4: '1111' } } });
    expect(await w.repos.accounts.byId('acc_4100020002')).toEqual(before);
    expect((await w.repos.payments.pending('acc_4100020002')).map((p) => p.idempotencyKey)).toEqual(['k1']);
  });

  it('when the account is invalid, then the payment is refused and nothing is recorded', async () => {
    const w = await demoWorld();
    const r = await w.services.payments.pay(maria, { ...base('k2'), funding: { kind: 'bank_new', routingNumber: '021000021', accountNumber: '55550000' } });
    expect(r).toMatchObject({ ok: false, code: 'PAYMENT.BANK_ACCOUNT_INVALID', params: { last4: '0000' } });
    expect(await w.repos.payments.byIdempotencyKey('k2')).toBeNull();
  });

  it('when the routing number is not in the directory, then the payment is refused before the validation service is asked', async () => {
    const w = await demoWorld();
    const asked: string[] = [];
    const services = createServices(w.repos, {
      identityHashKey: HASH_KEY,
      timeZone: TIME_ZONE,
      clock: w.clock,
      ...bankChecks(w.repos.vault),
      bankValidation: { validate: async (routing) => (asked.push(routing), 'valid') },
    });
    const r = await services.payments.pay(maria, { ...base('k3'), funding: { kind: 'bank_new', routingNumber: '122105278', accountNumber: '55556789' } });
    expect(r).toMatchObject({ ok: false, code: 'PAYMENT.ROUTING_UNKNOWN' });
    expect(asked).toEqual([]);
  });

  it('with pre-notes only, every first-use account waits, while the bank on file still pays at once', async () => {
    const w = await demoWorld();
    const services = createServices(w.repos, { identityHashKey: HASH_KEY, timeZone: TIME_ZONE, clock: w.clock, ...bankChecks(w.repos.vault), bankValidation: createPrenoteValidation() });
    const fresh = await services.payments.pay(maria, { ...base('k4'), funding: { kind: 'bank_new', routingNumber: '021000021', accountNumber: '123456789' } });
    expect(fresh).toMatchObject({ ok: true, value: { payment: { status: 'awaiting_validation' } } });
    const onFile = await services.payments.pay(jordan, { ...base('k5'), accountId: 'acc_4100020001', funding: { kind: 'bank_on_file' } });
    expect(onFile).toMatchObject({ ok: true, value: { payment: { status: 'posted' } } });
  });

  it('when Auto Pay is set up from a new account still pending or invalid, then nothing is enrolled', async () => {
    const w = await demoWorld();
    const pending = await w.services.autopay.enroll(maria, { accountId: 'acc_4100020002', dayOfMonth: 5, funding: { kind: 'bank_new', routingNumber: '021000021', accountNumber: '44441111' } });
    expect(pending).toMatchObject({ ok: false, code: 'AUTOPAY.BANK_PENDING_VALIDATION', params: { last4: '1111' } });
    const invalid = await w.services.autopay.enroll(maria, { accountId: 'acc_4100020002', dayOfMonth: 5, funding: { kind: 'bank_new', routingNumber: '021000021', accountNumber: '44440000' } });
    expect(invalid).toMatchObject({ ok: false, code: 'PAYMENT.BANK_ACCOUNT_INVALID' });
    expect(await w.repos.autopay.forAccount('acc_4100020002')).toBeNull();
  });

  it('a validation service that holds an account is never asked about the bank on file', async () => {
    const w = await demoWorld();
    const hold: BankAccountValidation = { validate: async () => 'pending' };
    const services = createServices(w.repos, { identityHashKey: HASH_KEY, timeZone: TIME_ZONE, clock: w.clock, ...bankChecks(w.repos.vault), bankValidation: hold });
    const r = await services.autopay.enroll(jordan, { accountId: 'acc_4100020001', dayOfMonth: 3, funding: { kind: 'bank_on_file' } });
    expect(r).toMatchObject({ ok: true, value: { enrolled: true, bankAccountLast4: '4321' } });
  });
});

describe('configuration of the bank account checks', () => {
  it('defaults to the shipped sample directory and the simulated service, and to pre-notes in production', () => {
    expect(loadConfig({ LOCAL_DEMO: 'true' })).toMatchObject({ routingDirectoryFile: SAMPLE_ROUTING_DIRECTORY, bankAccountValidation: 'simulated' });
    expect(loadConfig({ LOCAL_DEMO: 'true', BANK_ACCOUNT_VALIDATION: 'prenote' }).bankAccountValidation).toBe('prenote');
    const production = loadConfig({
      NODE_ENV: 'production',
      PUBLIC_BASE_URL: 'https://assist.example.com/',
      IDENTITY_HASH_KEY: randomBytes(32).toString('base64'),
      VAULT_KEY: randomBytes(32).toString('base64'),
      TWILIO_AUTH_TOKEN: 'real-token',
      DIRECTLINE_SIGNING_KEY: randomBytes(32).toString('base64'),
      AGENT_DESK_ENABLED: 'false',
    });
    expect(production.bankAccountValidation).toBe('prenote');
  });

  it('refuses a directory file that is not there or a validation kind it does not know, naming the variable', () => {
    expect(() => loadConfig({ ROUTING_DIRECTORY_FILE: '/nowhere/FedACHdir.txt' })).toThrow(ConfigError);
    expect(() => loadConfig({ ROUTING_DIRECTORY_FILE: '/nowhere/FedACHdir.txt' })).toThrow(/ROUTING_DIRECTORY_FILE: expected the path of a FedACH directory file/);
    expect(() => loadConfig({ BANK_ACCOUNT_VALIDATION: 'trust-me' })).toThrow(/BANK_ACCOUNT_VALIDATION: expected simulated or prenote/);
  });
});
