import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const DEV_HASH_KEY = 'dev-only-identity-hash-key-change-me-0123456789';
const DEV_VAULT_KEY = 'ZGV2LW9ubHktdmF1bHQta2V5LTMyLWJ5dGVzLWxvbmc='; // 32 bytes, base64
const DEV_TWILIO_TOKEN = 'dev-twilio-auth-token';
const DEV_DIRECTLINE_SIGNING_KEY = 'dev-only-directline-signing-key-0123456789abcdef';
/** The sample FedACH directory shipped with the project (see reference-data/fedach/README.md). */
export const SAMPLE_ROUTING_DIRECTORY = path.resolve(__dirname, '../../reference-data/fedach/FedACHdir-sample.txt');

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** A secret given in the environment: absent stays absent, so the mode decides what a missing one means. */
const secret = z
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

/** Desk accounts of a local demo and the tests (passwords published in the README): Alex, an agent, and Sam, a supervisor. */
const DEV_AGENT_USERS =
  'alex:agent:Alex:scrypt$7SvimG9SyO8EDAJzy6N1fg$5edgviMM0QzAnBKFZm6KGGC4nx5nRYH53MmIzCXNHkU,' +
  'sam:supervisor:Sam:scrypt$OFcSm0Iv38ImS0RAOjmtlw$XtED347GdPrNimUC-hqO5cGu2H41s-Qj8XWmEMwZQF4';

/** One person who may sign in to the agent desk; only an scrypt hash of the password is configured. */
export interface AgentAccount {
  id: string;
  role: 'agent' | 'supervisor';
  /** Shown to the visitor beside the agent's messages. */
  name: string;
  /** `scrypt$<salt>$<hash>`, base64url (see `npm run agent:hash`). */
  passwordHash: string;
}

/** "id:role:Name:scrypt$salt$hash,…" */
const agentUsers = z.string().transform((v, ctx) => {
  const accounts: AgentAccount[] = [];
  for (const item of v.split(',').map((x) => x.trim()).filter(Boolean)) {
    const m = /^([a-z0-9_.-]{2,32}):(agent|supervisor):([^:,]{1,40}):(scrypt\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{40,})$/.exec(item);
    if (!m || accounts.some((a) => a.id === m[1])) {
      ctx.addIssue({ code: 'custom', message: 'expected id:agent|supervisor:Display Name:scrypt$salt$hash entries separated by commas, distinct lower-case ids (make a hash with npm run agent:hash)' });
      return z.NEVER;
    }
    accounts.push({ id: m[1]!, role: m[2] as AgentAccount['role'], name: m[3]!.trim(), passwordHash: m[4]! });
  }
  return accounts;
});

/** Opening hours of the desk: "mon-fri 08:00-20:00; sat 09:00-13:00" in TIME_ZONE. */
export interface DeskHours {
  /** ISO weekday (1 Monday … 7 Sunday) → minutes after midnight [open, close). */
  days: Partial<Record<number, [number, number]>>;
  /** As configured, for the visitor ("Mon–Fri 8:00–20:00"). */
  text: string;
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const deskHours = z.string().transform((v, ctx): DeskHours => {
  const days: DeskHours['days'] = {};
  for (const part of v.split(';').map((x) => x.trim().toLowerCase()).filter(Boolean)) {
    const m = /^(mon|tue|wed|thu|fri|sat|sun)(?:-(mon|tue|wed|thu|fri|sat|sun))?\s+(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(part);
    const from = m ? WEEKDAYS.indexOf(m[1]!) + 1 : 0;
    const to = m ? (m[2] ? WEEKDAYS.indexOf(m[2]) + 1 : from) : 0;
    const open = m ? Number(m[3]) * 60 + Number(m[4]) : 0;
    const close = m ? Number(m[5]) * 60 + Number(m[6]) : 0;
    if (!m || to < from || open >= close || close > 24 * 60 || Number(m[4]) > 59 || Number(m[6]) > 59) {
      ctx.addIssue({ code: 'custom', message: 'expected day ranges with hours, e.g. "mon-fri 08:00-20:00; sat 09:00-13:00"' });
      return z.NEVER;
    }
    for (let d = from; d <= to; d++) days[d] = [open, close];
  }
  return { days, text: v.trim() };
});

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).optional(),
    LOCAL_DEMO: bool.default(false),
    PORT: z.coerce.number({ message: 'expected a port number' }).int().min(0).max(65535).default(3978),
    HOST: optionalText,
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
    IDENTITY_HASH_KEY: secret,
    VAULT_KEY: secret,
    IDENTITY_HASH_KEY_ID: keyId,
    IDENTITY_HASH_PREVIOUS_KEYS: previousKeys((key) => textKeyProblem(key) === null, 'each key at least 32 unpredictable characters').default([]),
    VAULT_KEY_ID: keyId,
    VAULT_PREVIOUS_KEYS: previousKeys((key) => vaultKeyProblem(key) === null, 'each key 32 random bytes, base64-encoded').default([]),
    CUSTOMER_SERVICE_NUMBER: z
      .string()
      .regex(/^\+[1-9]\d{7,14}$/, 'expected an E.164 number such as +18889252559')
      .default('+18889252559'),
    MICROSOFT_APP_ID: optionalText,
    MICROSOFT_APP_PASSWORD: optionalText,
    MICROSOFT_APP_TENANT_ID: optionalText,
    MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    BOT_EMULATOR: bool.optional(),
    DIRECTLINE_SECRET: optionalText,
    DIRECTLINE_SIGNING_KEY: secret,
    DIRECTLINE_FALLBACK_POLL_MS: z.coerce
      .number({ message: 'expected a number of milliseconds' })
      .int()
      .min(50, 'expected at least 50 milliseconds')
      .max(3_600_000, 'expected at most 3600000 milliseconds (an hour)')
      .default(250),
    TWILIO_AUTH_TOKEN: secret,
    TWILIO_ACCOUNT_SID: optionalText.pipe(
      z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'expected AC followed by 32 hex characters').optional(),
    ),
    TWILIO_FROM_NUMBER: optionalText.pipe(z.string().regex(/^\+[1-9]\d{7,14}$/, 'expected an E.164 number').optional()),
    TWILIO_PAY_CONNECTOR: optionalText,
    CARD_PAYMENT_PAGE_URL: optionalText.pipe(z.string().url('expected the https URL of the hosted card payment page').optional()),
    REMINDERS_ENABLED: bool.default(false),
    REMINDER_HOUR: z.coerce.number().int().min(0).max(23).default(9),
    TRANSCRIPT_DIR: optionalText,
    SHUTDOWN_GRACE_SECONDS: z.coerce.number({ message: 'expected a number of seconds' }).min(0).max(120).default(5),
    ROUTING_DIRECTORY_FILE: z
      .string()
      .refine((f) => existsSync(f), 'expected the path of a FedACH directory file (FedACHdir.txt format)')
      .default(SAMPLE_ROUTING_DIRECTORY),
    BANK_ACCOUNT_VALIDATION: z
      .enum(['simulated', 'prenote'], { message: 'expected simulated or prenote' })
      .optional(),
    TRUSTED_PROXY_HOPS: z.coerce.number({ message: 'expected the number of reverse proxies in front, 0 to 5' }).int().min(0).max(5).default(0),
    CHAT_STARTS_PER_MINUTE: z.coerce.number({ message: 'expected a number of conversations' }).int().min(1).max(100_000).default(20),
    CHAT_POSTS_PER_MINUTE: z.coerce.number({ message: 'expected a number of messages' }).int().min(1).max(1_000_000).default(120),
    AGENT_DESK_ENABLED: bool.default(true),
    AGENT_USERS: agentUsers.optional(),
    AGENT_SESSION_MINUTES: z.coerce.number({ message: 'expected a number of minutes' }).int().min(5).max(24 * 60).default(480),
    AGENT_HOURS: deskHours.default({ days: { 1: [0, 1440], 2: [0, 1440], 3: [0, 1440], 4: [0, 1440], 5: [0, 1440], 6: [0, 1440], 7: [0, 1440] }, text: 'mon-sun 00:00-24:00' }),
    AGENT_SIGNIN_ATTEMPTS: z.coerce.number({ message: 'expected a number of attempts' }).int().min(1).max(100).default(5),
    EVENTS_RETENTION_DAYS: z.coerce.number({ message: 'expected a number of days' }).int().min(1).max(3650).default(395),
    TWILIO_WORKFLOW_SID: optionalText.pipe(z.string().regex(/^WW[0-9a-fA-F]{32}$/, 'expected WW followed by 32 hex characters').optional()),
  })
  .superRefine((c, ctx) => {
    for (const [current, previous] of [['IDENTITY_HASH_KEY_ID', 'IDENTITY_HASH_PREVIOUS_KEYS'], ['VAULT_KEY_ID', 'VAULT_PREVIOUS_KEYS']] as const) {
      if (c[previous].some((k) => k.id === c[current])) {
        ctx.addIssue({ code: 'custom', path: [previous], message: `must not reuse the current key id ${c[current]}` });
      }
    }
    // Development secrets are published with the code: only a local demo (bound to this machine) or the test suite may use them.
    const devSecretsAllowed = c.LOCAL_DEMO || c.NODE_ENV === 'test';
    const secrets: [SecretName, string | undefined, (v: string) => string | null][] = [
      ['IDENTITY_HASH_KEY', c.IDENTITY_HASH_KEY, textKeyProblem],
      ['VAULT_KEY', c.VAULT_KEY, vaultKeyProblem],
      ['DIRECTLINE_SIGNING_KEY', c.DIRECTLINE_SIGNING_KEY, textKeyProblem],
      ['TWILIO_AUTH_TOKEN', c.TWILIO_AUTH_TOKEN, () => null],
    ];
    for (const [name, value, problem] of secrets) {
      if (value === undefined) {
        if (!devSecretsAllowed) ctx.addIssue({ code: 'custom', path: [name], message: MISSING_SECRET });
        continue;
      }
      if (value === DEV_SECRETS[name]) {
        if (!devSecretsAllowed) ctx.addIssue({ code: 'custom', path: [name], message: 'is the published development value: set a real secret' });
        continue;
      }
      const why = problem(value);
      if (why) ctx.addIssue({ code: 'custom', path: [name], message: why });
    }
    if (!c.PUBLIC_BASE_URL && !devSecretsAllowed) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_BASE_URL'], message: 'is required (Twilio signatures are checked against it)' });
    }
    if (c.AGENT_DESK_ENABLED && !c.AGENT_USERS?.length && !devSecretsAllowed) {
      ctx.addIssue({ code: 'custom', path: ['AGENT_USERS'], message: 'is required while the agent desk is enabled: set agent accounts (or AGENT_DESK_ENABLED=false)' });
    }
    if (c.LOCAL_DEMO && c.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['LOCAL_DEMO'], message: 'cannot be used with NODE_ENV=production' });
    }
    if (c.LOCAL_DEMO && c.HOST !== undefined && !isLoopback(c.HOST)) {
      ctx.addIssue({ code: 'custom', path: ['HOST'], message: 'a local demo runs on development secrets and listens on this machine only (127.0.0.1 or ::1)' });
    }
    if (c.BOT_EMULATOR) {
      if (!devSecretsAllowed) {
        ctx.addIssue({ code: 'custom', path: ['BOT_EMULATOR'], message: 'the unauthenticated Emulator endpoint is only for a local demo (LOCAL_DEMO=true)' });
      } else if (c.MICROSOFT_APP_ID) {
        ctx.addIssue({ code: 'custom', path: ['BOT_EMULATOR'], message: 'cannot be used with MICROSOFT_APP_ID (set the app id in the Emulator instead)' });
      }
    }
  });

type SecretName = 'IDENTITY_HASH_KEY' | 'VAULT_KEY' | 'DIRECTLINE_SIGNING_KEY' | 'TWILIO_AUTH_TOKEN';

const DEV_SECRETS: Record<SecretName, string> = {
  IDENTITY_HASH_KEY: DEV_HASH_KEY,
  VAULT_KEY: DEV_VAULT_KEY,
  DIRECTLINE_SIGNING_KEY: DEV_DIRECTLINE_SIGNING_KEY,
  TWILIO_AUTH_TOKEN: DEV_TWILIO_TOKEN,
};

const MISSING_SECRET = 'is required: set a real secret (or LOCAL_DEMO=true for a local demo on 127.0.0.1 with development secrets)';

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Bits of entropy a key shows at most, judged from its own symbol frequencies
 * (Shannon entropy times length). A random 32-byte key scores about 150 bits;
 * "aaaa…" or a short word repeated scores far below 128.
 */
export function estimatedKeyBits(symbols: ArrayLike<number>): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < symbols.length; i++) counts.set(symbols[i]!, (counts.get(symbols[i]!) ?? 0) + 1);
  let perSymbol = 0;
  for (const n of counts.values()) {
    const p = n / symbols.length;
    perSymbol -= p * Math.log2(p);
  }
  return perSymbol * symbols.length;
}

function textKeyProblem(value: string): string | null {
  if (value.length < 32) return 'expected at least 32 characters';
  const codes = Array.from(value, (ch) => ch.codePointAt(0)!);
  if (new Set(codes).size < 10 || estimatedKeyBits(codes) < 128) {
    return 'is too predictable to be a key (repeated or too few distinct characters): generate one, e.g. node -e "console.log(require(\'crypto\').randomBytes(32).toString(\'base64\'))"';
  }
  return null;
}

function vaultKeyProblem(value: string): string | null {
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length !== 32) return 'expected 32 bytes, base64-encoded';
  if (new Set(bytes).size < 16) return 'is too predictable to be a key (too few distinct bytes): generate 32 random bytes';
  return null;
}

export interface Config {
  env: 'development' | 'test' | 'production';
  /**
   * A local demo: development secrets, demo data, the Emulator endpoint, and
   * the server listening on this machine only. Set by `npm start`.
   */
  localDemo: boolean;
  /** /api/messages accepts the Bot Framework Emulator unauthenticated, from this machine only (local demo). */
  botEmulator: boolean;
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
  /**
   * `fallbackPollMs`: on PostgreSQL, how often open web-chat streams look for
   * other instances' replies while the LISTEN connection that normally
   * announces them at once is lost.
   */
  directLine: { secret?: string; signingKey: string; fallbackPollMs: number };
  /** `payConnector`: the Twilio `<Pay>` connector card payments by phone go through; unset, the phone line takes no cards. */
  twilio: { authToken: string; accountSid?: string; fromNumber?: string; payConnector?: string };
  /** The hosted card payment page the web chat links to; unset, the chat points to the phone line for cards. */
  cardPaymentPageUrl?: string;
  reminders: { enabled: boolean; hour: number };
  transcriptDir?: string;
  /** On SIGTERM, how long /readyz reports draining (and requests are still served) before the server closes. */
  shutdownGraceMs: number;
  /** Reverse proxies whose X-Forwarded-For entries are believed (0: the socket peer). */
  trustedProxyHops: number;
  /** Per visitor address: web chat conversations started and messages posted per minute. */
  chatRateLimits: { startsPerMinute: number; postsPerMinute: number };
  /** The FedACH directory a new bank account's routing number is looked up in. */
  routingDirectoryFile: string;
  /**
   * How a bank account used for the first time is validated before its first
   * debit: `simulated` an account-validation service stand-in that answers by
   * the number; `prenote` every such account waits for a pre-note.
   */
  bankAccountValidation: 'simulated' | 'prenote';
  /** The agent desk (/agent) and supervisor view (/ops). */
  desk: {
    enabled: boolean;
    accounts: AgentAccount[];
    sessionMinutes: number;
    hours: DeskHours;
    /** Failed sign-ins allowed per account and address in 15 minutes. */
    signInAttempts: number;
  };
  /** Turn events older than this many days are deleted. */
  eventsRetentionDays: number;
  /** A TaskRouter workflow: phone transfers are enqueued to it with the handoff summary as task attributes. */
  twilioWorkflowSid?: string;
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
  const devSecretsAllowed = c.LOCAL_DEMO || c.NODE_ENV === 'test';
  return {
    env: c.NODE_ENV ?? (c.LOCAL_DEMO ? 'development' : 'production'),
    localDemo: c.LOCAL_DEMO,
    botEmulator: c.BOT_EMULATOR ?? (c.LOCAL_DEMO && !c.MICROSOFT_APP_ID),
    port: c.PORT,
    host: c.HOST ?? (c.LOCAL_DEMO ? '127.0.0.1' : '0.0.0.0'),
    publicBaseUrl: (c.PUBLIC_BASE_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    databaseUrl: c.DATABASE_URL,
    databaseKind: c.DATABASE_URL.startsWith('file:') ? 'sqlite' : 'postgres',
    seedDemoData: c.SEED_DEMO_DATA ?? devSecretsAllowed,
    logLevel: c.LOG_LEVEL,
    timeZone: c.TIME_ZONE,
    identityHashKey: c.IDENTITY_HASH_KEY ?? DEV_HASH_KEY,
    identityHashKeyId: c.IDENTITY_HASH_KEY_ID,
    identityHashPreviousKeys: c.IDENTITY_HASH_PREVIOUS_KEYS,
    vaultKey: Buffer.from(c.VAULT_KEY ?? DEV_VAULT_KEY, 'base64'),
    vaultKeyId: c.VAULT_KEY_ID,
    vaultPreviousKeys: c.VAULT_PREVIOUS_KEYS.map((k) => ({ id: k.id, key: Buffer.from(k.key, 'base64') })),
    customerServiceNumber: c.CUSTOMER_SERVICE_NUMBER,
    microsoftApp: {
      id: c.MICROSOFT_APP_ID,
      password: c.MICROSOFT_APP_PASSWORD,
      tenantId: c.MICROSOFT_APP_TENANT_ID,
      type: c.MICROSOFT_APP_TYPE,
    },
    directLine: { secret: c.DIRECTLINE_SECRET, signingKey: c.DIRECTLINE_SIGNING_KEY ?? DEV_DIRECTLINE_SIGNING_KEY, fallbackPollMs: c.DIRECTLINE_FALLBACK_POLL_MS },
    twilio: {
      authToken: c.TWILIO_AUTH_TOKEN ?? DEV_TWILIO_TOKEN,
      accountSid: c.TWILIO_ACCOUNT_SID,
      fromNumber: c.TWILIO_FROM_NUMBER,
      // A local demo plays <Pay> in the phone simulator, so it offers cards with a stand-in connector name.
      payConnector: c.TWILIO_PAY_CONNECTOR ?? (c.LOCAL_DEMO ? 'Default' : undefined),
    },
    cardPaymentPageUrl: c.CARD_PAYMENT_PAGE_URL,
    reminders: { enabled: c.REMINDERS_ENABLED, hour: c.REMINDER_HOUR },
    transcriptDir: c.TRANSCRIPT_DIR,
    shutdownGraceMs: c.SHUTDOWN_GRACE_SECONDS * 1000,
    trustedProxyHops: c.TRUSTED_PROXY_HOPS,
    chatRateLimits: { startsPerMinute: c.CHAT_STARTS_PER_MINUTE, postsPerMinute: c.CHAT_POSTS_PER_MINUTE },
    routingDirectoryFile: c.ROUTING_DIRECTORY_FILE,
    // Outside a local demo and the tests, with no validation service wired, every first-use account waits for a pre-note: nothing unvalidated is debited.
    bankAccountValidation: c.BANK_ACCOUNT_VALIDATION ?? (devSecretsAllowed ? 'simulated' : 'prenote'),
    desk: {
      enabled: c.AGENT_DESK_ENABLED,
      accounts: c.AGENT_USERS?.length ? c.AGENT_USERS : devSecretsAllowed ? (agentUsers.parse(DEV_AGENT_USERS) as AgentAccount[]) : [],
      sessionMinutes: c.AGENT_SESSION_MINUTES,
      hours: c.AGENT_HOURS,
      signInAttempts: c.AGENT_SIGNIN_ATTEMPTS,
    },
    eventsRetentionDays: c.EVENTS_RETENTION_DAYS,
    twilioWorkflowSid: c.TWILIO_WORKFLOW_SID,
  };
}
