import { z } from 'zod';

const DEV_HASH_KEY = 'dev-only-identity-hash-key-change-me-0123456789';
const DEV_VAULT_KEY = 'ZGV2LW9ubHktdmF1bHQta2V5LTMyLWJ5dGVzLWxvbmc='; // 32 bytes, base64
const DEV_TWILIO_TOKEN = 'dev-twilio-auth-token';
const DEV_DIRECTLINE_SIGNING_KEY = 'dev-only-directline-signing-key-0123456789abcdef';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** The id stored beside each hash or sealed value, naming the key that made it. */
const keyId = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,32}$/, 'expected a short key id (letters, digits, _ . -), e.g. k2')
  .default('k1');

/** "id:key,id:key": keys still needed to read what they hashed or sealed, until rotated. */
const previousKeys = (valid: (key: string) => boolean, what: string) =>
  z.string().transform((v, ctx) => {
    const entries: { id: string; key: string }[] = [];
    for (const item of v.split(',').map((x) => x.trim()).filter(Boolean)) {
      const at = item.indexOf(':');
      const id = at > 0 ? item.slice(0, at) : '';
      const key = at > 0 ? item.slice(at + 1) : '';
      if (!/^[A-Za-z0-9_.-]{1,32}$/.test(id) || !valid(key) || entries.some((e) => e.id === id)) {
        ctx.addIssue({ code: 'custom', message: `expected id:key pairs separated by commas, distinct short ids, ${what}` });
        return z.NEVER;
      }
      entries.push({ id, key });
    }
    return entries;
  });

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number({ message: 'expected a port number' }).int().min(0).max(65535).default(3978),
    HOST: z.string().default('0.0.0.0'),
    PUBLIC_BASE_URL: z
      .url({ message: 'expected the public URL the server is reached at, e.g. https://assist.example.com' })
      .optional(),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, { message: 'expected file:./path.db (SQLite) or postgresql://…' })
      .default('file:./var/servicing.db'),
    SEED_DEMO_DATA: bool.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TIME_ZONE: z
      .string()
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'expected an IANA time zone such as America/New_York')
      .default('America/New_York'),
    IDENTITY_HASH_KEY: z.string().min(32, 'expected at least 32 characters').default(DEV_HASH_KEY),
    VAULT_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'expected 32 bytes, base64-encoded')
      .default(DEV_VAULT_KEY),
    IDENTITY_HASH_KEY_ID: keyId,
    IDENTITY_HASH_PREVIOUS_KEYS: previousKeys((key) => key.length >= 32, 'each key at least 32 characters').default([]),
    VAULT_KEY_ID: keyId,
    VAULT_PREVIOUS_KEYS: previousKeys((key) => Buffer.from(key, 'base64').length === 32, 'each key 32 bytes, base64-encoded').default([]),
    CUSTOMER_SERVICE_NUMBER: z
      .string()
      .regex(/^\+[1-9]\d{7,14}$/, 'expected an E.164 number such as +18889252559')
      .default('+18889252559'),
    MICROSOFT_APP_ID: optionalText,
    MICROSOFT_APP_PASSWORD: optionalText,
    MICROSOFT_APP_TENANT_ID: optionalText,
    MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    DIRECTLINE_SECRET: optionalText,
    DIRECTLINE_SIGNING_KEY: z.string().min(32, 'expected at least 32 characters').default(DEV_DIRECTLINE_SIGNING_KEY),
    TWILIO_AUTH_TOKEN: z.string().min(1).default(DEV_TWILIO_TOKEN),
    TWILIO_ACCOUNT_SID: optionalText.pipe(
      z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'expected AC followed by 32 hex characters').optional(),
    ),
    TWILIO_FROM_NUMBER: optionalText.pipe(z.string().regex(/^\+[1-9]\d{7,14}$/, 'expected an E.164 number').optional()),
    TWILIO_PAY_CONNECTOR: optionalText,
    REMINDERS_ENABLED: bool.default(false),
    REMINDER_HOUR: z.coerce.number().int().min(0).max(23).default(9),
    TRANSCRIPT_DIR: optionalText,
    SHUTDOWN_GRACE_SECONDS: z.coerce.number({ message: 'expected a number of seconds' }).min(0).max(120).default(5),
    TRUSTED_PROXY_HOPS: z.coerce.number({ message: 'expected the number of reverse proxies in front, 0 to 5' }).int().min(0).max(5).default(0),
  })
  .superRefine((c, ctx) => {
    for (const [current, previous] of [['IDENTITY_HASH_KEY_ID', 'IDENTITY_HASH_PREVIOUS_KEYS'], ['VAULT_KEY_ID', 'VAULT_PREVIOUS_KEYS']] as const) {
      if (c[previous].some((k) => k.id === c[current])) {
        ctx.addIssue({ code: 'custom', path: [previous], message: `must not reuse the current key id ${c[current]}` });
      }
    }
    if (c.NODE_ENV !== 'production') return;
    const mustChange: [keyof typeof c, string][] = [
      ['IDENTITY_HASH_KEY', DEV_HASH_KEY],
      ['VAULT_KEY', DEV_VAULT_KEY],
      ['TWILIO_AUTH_TOKEN', DEV_TWILIO_TOKEN],
      ['DIRECTLINE_SIGNING_KEY', DEV_DIRECTLINE_SIGNING_KEY],
    ];
    for (const [name, devValue] of mustChange) {
      if (c[name] === devValue) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'must be set to a real secret in production' });
      }
    }
    if (!c.PUBLIC_BASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_BASE_URL'], message: 'is required in production (Twilio signatures are checked against it)' });
    }
  });

export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  /** Where the outside world reaches us; Twilio signs requests against this URL. */
  publicBaseUrl: string;
  databaseUrl: string;
  databaseKind: 'sqlite' | 'postgres';
  seedDemoData: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  timeZone: string;
  identityHashKey: string;
  /** Stored beside every SSN/Tax ID hash made with identityHashKey. */
  identityHashKeyId: string;
  /** Earlier hash keys, still tried at verification until every customer is re-hashed. */
  identityHashPreviousKeys: { id: string; key: string }[];
  vaultKey: Buffer;
  /** Stored beside every vault entry sealed with vaultKey. */
  vaultKeyId: string;
  /** Earlier vault keys, still needed to open entries until `npm run keys:rotate` reseals them. */
  vaultPreviousKeys: { id: string; key: Buffer }[];
  customerServiceNumber: string;
  microsoftApp: { id?: string; password?: string; tenantId?: string; type: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI' };
  directLine: { secret?: string; signingKey: string };
  twilio: { authToken: string; accountSid?: string; fromNumber?: string; payConnector?: string };
  reminders: { enabled: boolean; hour: number };
  transcriptDir?: string;
  /** On SIGTERM, how long /readyz reports draining (and requests are still served) before the server closes. */
  shutdownGraceMs: number;
  /** Reverse proxies whose X-Forwarded-For entries are believed (0: the socket peer). */
  trustedProxyHops: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses settings from environment variables once, at start-up. A bad value
 * throws a ConfigError naming the variable and what it expected.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable (as left by copying .env.example) means "use the default".
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`));
  }
  const c = parsed.data;
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    publicBaseUrl: (c.PUBLIC_BASE_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    databaseUrl: c.DATABASE_URL,
    databaseKind: c.DATABASE_URL.startsWith('file:') ? 'sqlite' : 'postgres',
    seedDemoData: c.SEED_DEMO_DATA ?? c.NODE_ENV !== 'production',
    logLevel: c.LOG_LEVEL,
    timeZone: c.TIME_ZONE,
    identityHashKey: c.IDENTITY_HASH_KEY,
    identityHashKeyId: c.IDENTITY_HASH_KEY_ID,
    identityHashPreviousKeys: c.IDENTITY_HASH_PREVIOUS_KEYS,
    vaultKey: Buffer.from(c.VAULT_KEY, 'base64'),
    vaultKeyId: c.VAULT_KEY_ID,
    vaultPreviousKeys: c.VAULT_PREVIOUS_KEYS.map((k) => ({ id: k.id, key: Buffer.from(k.key, 'base64') })),
    customerServiceNumber: c.CUSTOMER_SERVICE_NUMBER,
    microsoftApp: {
      id: c.MICROSOFT_APP_ID,
      password: c.MICROSOFT_APP_PASSWORD,
      tenantId: c.MICROSOFT_APP_TENANT_ID,
      type: c.MICROSOFT_APP_TYPE,
    },
    directLine: { secret: c.DIRECTLINE_SECRET, signingKey: c.DIRECTLINE_SIGNING_KEY },
    twilio: {
      authToken: c.TWILIO_AUTH_TOKEN,
      accountSid: c.TWILIO_ACCOUNT_SID,
      fromNumber: c.TWILIO_FROM_NUMBER,
      payConnector: c.TWILIO_PAY_CONNECTOR,
    },
    reminders: { enabled: c.REMINDERS_ENABLED, hour: c.REMINDER_HOUR },
    transcriptDir: c.TRANSCRIPT_DIR,
    shutdownGraceMs: c.SHUTDOWN_GRACE_SECONDS * 1000,
    trustedProxyHops: c.TRUSTED_PROXY_HOPS,
  };
}
