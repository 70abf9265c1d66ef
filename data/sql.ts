import type {
  ArgType,
  ColumnType,
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQueryable,
  Transaction,
} from '@prisma/driver-adapter-utils';

/** A value a statement may be given. */
export type SqlValue = string | number | boolean | Date | bigint | null;

/**
 * Plain SQL on the connection the Prisma client uses, for the queries every
 * turn makes. Prisma's `$queryRaw` still plans each call in its query
 * compiler and maps the result through its client, about 0.15 ms a query;
 * going to the driver adapter directly costs about a tenth of that. Write the
 * statements in SQL that both SQLite and PostgreSQL accept (quoted
 * identifiers, `ON CONFLICT`, `RETURNING`); values are always bound, never
 * spliced into the text.
 */
export interface Sql {
  /** Rows as objects named by column: DateTime columns as Date, booleans as boolean, integers as number. */
  query<T>(strings: TemplateStringsArray, ...values: SqlValue[]): Promise<T[]>;
  /** Runs a statement and resolves the number of rows it changed. */
  execute(strings: TemplateStringsArray, ...values: SqlValue[]): Promise<number>;
  /**
   * Inserts one row: a column for each property that is not `undefined` (the
   * table's default applies to the others). Table and column names come from
   * code, never from input; values are bound.
   */
  insert(table: string, row: Record<string, SqlValue | undefined>): Promise<number>;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back
   * when it throws. On SQLite it waits for the connection's other
   * transactions (Prisma's included), as theirs wait for it.
   */
  transaction<T>(work: (tx: Omit<Sql, 'transaction'>) => Promise<T>): Promise<T>;
}

/**
 * A driver adapter factory whose one connection both the Prisma client and
 * {@link sqlOver} use, so their statements share a connection (on SQLite, one
 * writer; on PostgreSQL, one pool) and their transactions queue on the same lock.
 */
export class SharedAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  private connected: Promise<SqlDriverAdapter> | null = null;

  constructor(private readonly inner: SqlMigrationAwareDriverAdapterFactory) {}

  get provider() {
    return this.inner.provider;
  }
  get adapterName() {
    return this.inner.adapterName;
  }
  connect(): Promise<SqlDriverAdapter> {
    this.connected ??= this.inner.connect().then(disposedOnce);
    return this.connected;
  }
  /** Closes the connection, whether or not the Prisma client ever opened (and closed) it. */
  async dispose(): Promise<void> {
    if (this.connected) await (await this.connected).dispose();
  }
  connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.inner.connectToShadowDb();
  }
}

/** The adapter, whose `dispose` closes it the first time and does nothing after (both owners call it). */
function disposedOnce(adapter: SqlDriverAdapter): SqlDriverAdapter {
  let disposed: Promise<void> | null = null;
  return new Proxy(adapter, {
    get(target, property) {
      if (property === 'dispose') return () => (disposed ??= target.dispose());
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Statements over the shared connection of `factory`. */
export function sqlOver(factory: SharedAdapterFactory): Sql {
  const placeholders = factory.provider === 'postgres' ? (i: number) => `$${i + 1}` : () => '?';
  const on = (queryable: () => Promise<SqlQueryable>): Omit<Sql, 'transaction'> => ({
    async query<T>(strings: TemplateStringsArray, ...values: SqlValue[]): Promise<T[]> {
      const result = await (await queryable()).queryRaw(statement(strings, values, placeholders));
      return result.rows.map((row) => {
        const out: Record<string, unknown> = {};
        result.columnNames.forEach((name, i) => (out[name] = decode(row[i], result.columnTypes[i])));
        return out as T;
      });
    },
    async execute(strings: TemplateStringsArray, ...values: SqlValue[]): Promise<number> {
      return (await queryable()).executeRaw(statement(strings, values, placeholders));
    },
    async insert(table: string, row: Record<string, SqlValue | undefined>): Promise<number> {
      const entries = Object.entries(row).filter((e): e is [string, SqlValue] => e[1] !== undefined);
      const names = [table, ...entries.map(([column]) => column)];
      if (names.some((n) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(n))) throw new Error(`not a plain identifier among ${names.join(', ')}`);
      const columns = entries.map(([column]) => `"${column}"`).join(', ');
      const values = entries.map(([, value]) => value);
      const sql = `INSERT INTO "${table}" (${columns}) VALUES (${values.map((_v, i) => placeholders(i)).join(', ')})`;
      return (await queryable()).executeRaw({ sql, args: values, argTypes: values.map(argType) });
    },
  });
  return {
    ...on(() => factory.connect()),
    async transaction<T>(work: (tx: Omit<Sql, 'transaction'>) => Promise<T>): Promise<T> {
      const tx: Transaction = await (await factory.connect()).startTransaction();
      // The adapters leave COMMIT and ROLLBACK to their caller (as the Prisma client sends them).
      const end = async (command: 'COMMIT' | 'ROLLBACK') => {
        try {
          await tx.executeRaw({ sql: command, args: [], argTypes: [] });
        } finally {
          await (command === 'COMMIT' ? tx.commit() : tx.rollback());
        }
      };
      let result: T;
      try {
        result = await work(on(async () => tx));
      } catch (error) {
        await end('ROLLBACK').catch(() => undefined);
        throw error;
      }
      await end('COMMIT');
      return result;
    },
  };
}

function statement(strings: TemplateStringsArray, values: SqlValue[], placeholder: (i: number) => string) {
  let sql = strings[0]!;
  for (let i = 0; i < values.length; i++) sql += placeholder(i) + strings[i + 1]!;
  return { sql, args: values, argTypes: values.map(argType) };
}

function argType(value: SqlValue): ArgType {
  const scalarType: ArgType['scalarType'] =
    value instanceof Date
      ? 'datetime'
      : typeof value === 'boolean'
        ? 'boolean'
        : typeof value === 'bigint'
          ? 'bigint'
          : typeof value === 'number'
            ? Number.isInteger(value)
              ? 'int'
              : 'float'
            : typeof value === 'string'
              ? 'string'
              : 'unknown';
  return { scalarType, arity: 'scalar' };
}

/** Column types as `@prisma/driver-adapter-utils` numbers them (ColumnTypeEnum). */
const INT32 = 0;
const INT64 = 1;
const FLOAT = 2;
const DOUBLE = 3;
const BOOLEAN = 5;
const DATETIME = 10;

/** Both adapters give DateTime as ISO text, 64-bit integers as text, and SQLite booleans as "1"/"0". */
function decode(value: unknown, type: ColumnType | undefined): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case DATETIME:
      return new Date(value as string);
    case BOOLEAN:
      return value === true || value === 1 || value === '1' || value === 'true';
    case INT32:
    case INT64:
    case FLOAT:
    case DOUBLE:
      return typeof value === 'number' ? value : Number(value);
    default:
      return value;
  }
}
