import { ConfigError, estimatedKeyBits, loadConfig } from '../../core/config/config';
import { randomBytes } from 'node:crypto';

const REAL = {
  PUBLIC_BASE_URL: 'https://assist.example.com/',
  IDENTITY_HASH_KEY: randomBytes(32).toString('base64'),
  VAULT_KEY: randomBytes(32).toString('base64'),
  TWILIO_AUTH_TOKEN: randomBytes(16).toString('hex'),
  DIRECTLINE_SIGNING_KEY: randomBytes(32).toString('base64'),
  AGENT_USERS: `kim:agent:Kim:scrypt$${randomBytes(16).toString('base64url')}$${randomBytes(32).toString('base64url')}`,
};

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.join('\n');
    throw e;
  }
  return '';
}

describe('configuration', () => {
  it('a local demo runs out of the box: SQLite, port 3978, demo data, development secrets, on this machine only', () => {
    const c = loadConfig({ LOCAL_DEMO: 'true' });
    expect(c).toMatchObject({ localDemo: true, host: '127.0.0.1', port: 3978, databaseKind: 'sqlite', seedDemoData: true, botEmulator: true });
    expect(c.vaultKey).toHaveLength(32);
    expect(c.publicBaseUrl).toBe('http://localhost:3978');
  });

  it('a local demo refuses to listen beyond this machine, and cannot be combined with production', () => {
    expect(problemsOf({ LOCAL_DEMO: 'true', HOST: '0.0.0.0' })).toMatch(/HOST: .*this machine only/);
    expect(problemsOf({ LOCAL_DEMO: 'true', NODE_ENV: 'production' })).toMatch(/LOCAL_DEMO/);
    expect(loadConfig({ LOCAL_DEMO: 'true', HOST: '::1' }).host).toBe('::1');
  });

  it('a start that is neither a local demo nor the test suite refuses to run on published secrets, naming each variable', () => {
    for (const env of [{}, { NODE_ENV: 'development' }, { NODE_ENV: 'production' }] as Record<string, string>[]) {
      const text = problemsOf(env);
      for (const name of ['IDENTITY_HASH_KEY', 'VAULT_KEY', 'TWILIO_AUTH_TOKEN', 'DIRECTLINE_SIGNING_KEY', 'PUBLIC_BASE_URL']) {
        expect(text).toContain(name);
      }
    }
  });

  it('the development values themselves are refused outside a local demo, even when set explicitly', () => {
    const dev = loadConfig({ LOCAL_DEMO: 'true' });
    const text = problemsOf({
      ...REAL,
      IDENTITY_HASH_KEY: dev.identityHashKey,
      DIRECTLINE_SIGNING_KEY: dev.directLine.signingKey,
      VAULT_KEY: dev.vaultKey.toString('base64'),
      TWILIO_AUTH_TOKEN: dev.twilio.authToken,
    });
    for (const name of ['IDENTITY_HASH_KEY', 'VAULT_KEY', 'TWILIO_AUTH_TOKEN', 'DIRECTLINE_SIGNING_KEY']) {
      expect(text).toMatch(new RegExp(`${name}: is the published development value`));
    }
  });

  it.each([
    ['IDENTITY_HASH_KEY', 'p'.repeat(40)],
    ['IDENTITY_HASH_KEY', 'abcd'.repeat(10)],
    ['DIRECTLINE_SIGNING_KEY', 'k'.repeat(64)],
    ['VAULT_KEY', Buffer.alloc(32, 1).toString('base64')],
    ['VAULT_KEY', Buffer.from('0123456789ab'.repeat(3).slice(0, 32)).toString('base64')],
  ])('a predictable %s is not a key', (name, value) => {
    expect(problemsOf({ ...REAL, NODE_ENV: 'production', [name]: value })).toMatch(new RegExp(`${name}: .*(predictable|distinct)`));
  });

  it('random keys pass the strength check with room to spare', () => {
    expect(estimatedKeyBits(Array.from(randomBytes(32).toString('base64'), (c) => c.charCodeAt(0)))).toBeGreaterThan(128);
    expect(estimatedKeyBits(Array.from('p'.repeat(40), (c) => c.charCodeAt(0)))).toBe(0);
  });

  it('production starts with real secrets, binds every interface, and seeds nothing', () => {
    const c = loadConfig({ NODE_ENV: 'production', ...REAL });
    expect(c.publicBaseUrl).toBe('https://assist.example.com');
    expect(c.seedDemoData).toBe(false);
    expect(c.host).toBe('0.0.0.0');
    expect(c.botEmulator).toBe(false);
  });

  it('the unauthenticated Emulator endpoint exists only in a local demo, and never beside an app id', () => {
    expect(problemsOf({ NODE_ENV: 'production', ...REAL, BOT_EMULATOR: 'true' })).toMatch(/BOT_EMULATOR/);
    expect(problemsOf({ LOCAL_DEMO: 'true', BOT_EMULATOR: 'true', MICROSOFT_APP_ID: 'a' })).toMatch(/BOT_EMULATOR/);
    expect(loadConfig({ LOCAL_DEMO: 'true', MICROSOFT_APP_ID: 'a' }).botEmulator).toBe(false);
  });

  it('the agent desk fails closed: in production it needs agent accounts, unless it is switched off', () => {
    const { AGENT_USERS: _accounts, ...withoutAccounts } = REAL;
    expect(problemsOf({ NODE_ENV: 'production', ...withoutAccounts })).toMatch(/AGENT_USERS: is required while the agent desk is enabled/);
    expect(loadConfig({ NODE_ENV: 'production', ...withoutAccounts, AGENT_DESK_ENABLED: 'false' }).desk.enabled).toBe(false);
    const c = loadConfig({ NODE_ENV: 'production', ...REAL });
    expect(c.desk.accounts).toEqual([{ id: 'kim', role: 'agent', name: 'Kim', passwordHash: REAL.AGENT_USERS.split(':')[3] }]);
  });

  it('reads the desk hours as day ranges with times', () => {
    const c = loadConfig({ NODE_ENV: 'test', AGENT_HOURS: 'mon-fri 08:00-20:00; sat 09:00-13:00' });
    expect(c.desk.hours.days).toEqual({ 1: [480, 1200], 2: [480, 1200], 3: [480, 1200], 4: [480, 1200], 5: [480, 1200], 6: [540, 780] });
  });

  it('picks PostgreSQL from a postgres URL', () => {
    expect(loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgresql://u@db:5432/x' }).databaseKind).toBe('postgres');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ NODE_ENV: 'test', PORT: '', VAULT_KEY: '' }).port).toBe(3978);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT: expected a port number/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: expected file:/],
    [{ VAULT_KEY: 'c2hvcnQ=' }, /VAULT_KEY: expected 32 bytes/],
    [{ TIME_ZONE: 'Mars/Olympus' }, /TIME_ZONE: expected an IANA time zone/],
    [{ TWILIO_ACCOUNT_SID: 'nope' }, /TWILIO_ACCOUNT_SID: expected AC/],
    [{ REMINDERS_ENABLED: 'maybe' }, /REMINDERS_ENABLED: expected true or false/],
    [{ AGENT_USERS: 'kim:agent:Kim:password123' }, /AGENT_USERS: expected id:agent\|supervisor/],
    [{ AGENT_HOURS: 'weekdays 9-5' }, /AGENT_HOURS: expected day ranges with hours/],
    [{ AGENT_HOURS: 'mon 18:00-08:00' }, /AGENT_HOURS: expected day ranges/],
    [{ TWILIO_WORKFLOW_SID: 'WS123' }, /TWILIO_WORKFLOW_SID: expected WW/],
    [{ EVENTS_RETENTION_DAYS: '0' }, /EVENTS_RETENTION_DAYS/],
  ])('a bad value %j stops start-up, naming the variable', (env, message) => {
    expect(() => loadConfig({ NODE_ENV: 'test', ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'test', ...env })).toThrow(message);
  });
});
