import { ConfigError, loadConfig } from '../../core/config/config';

describe('configuration', () => {
  it('works out of the box locally: SQLite, port 3978, development secrets', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ env: 'development', port: 3978, databaseKind: 'sqlite', seedDemoData: true });
    expect(c.vaultKey).toHaveLength(32);
    expect(c.publicBaseUrl).toBe('http://localhost:3978');
  });

  it('picks PostgreSQL from a postgres URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@db:5432/x' }).databaseKind).toBe('postgres');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', VAULT_KEY: '' }).port).toBe(3978);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT: expected a port number/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: expected file:/],
    [{ VAULT_KEY: 'c2hvcnQ=' }, /VAULT_KEY: expected 32 bytes/],
    [{ TIME_ZONE: 'Mars/Olympus' }, /TIME_ZONE: expected an IANA time zone/],
    [{ TWILIO_ACCOUNT_SID: 'nope' }, /TWILIO_ACCOUNT_SID: expected AC/],
    [{ REMINDERS_ENABLED: 'maybe' }, /REMINDERS_ENABLED: expected true or false/],
  ])('a bad value %j stops start-up, naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('production refuses to start with development secrets or without a public URL', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ NODE_ENV: 'production' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = error!.problems.join('\n');
    for (const name of ['IDENTITY_HASH_KEY', 'VAULT_KEY', 'TWILIO_AUTH_TOKEN', 'DIRECTLINE_SIGNING_KEY', 'PUBLIC_BASE_URL']) {
      expect(text).toContain(name);
    }
  });

  it('production starts with real secrets', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      PUBLIC_BASE_URL: 'https://assist.example.com/',
      IDENTITY_HASH_KEY: 'p'.repeat(40),
      VAULT_KEY: Buffer.alloc(32, 1).toString('base64'),
      TWILIO_AUTH_TOKEN: 'real-token',
      DIRECTLINE_SIGNING_KEY: 'k'.repeat(40),
    });
    expect(c.publicBaseUrl).toBe('https://assist.example.com');
    expect(c.seedDemoData).toBe(false);
  });
});
