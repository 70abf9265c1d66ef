import { createMemoryRepositories } from '../../core/store/memory';
import { repositoriesContract } from './repositories.contract';
import { postgresReachableSync, postgresStore, sqliteStore, POSTGRES_URL } from './support';

repositoriesContract('in-memory', async () => ({ repos: createMemoryRepositories({ vaultKey: Buffer.alloc(32, 9) }), cleanup: async () => undefined }));

repositoriesContract('SQLite', sqliteStore);

const postgresUp = postgresReachableSync();
if (!postgresUp) {
  console.warn(`!!! PostgreSQL NOT REACHABLE at ${POSTGRES_URL}: the PostgreSQL contract suite is SKIPPED, not passed !!!`);
}
repositoriesContract('PostgreSQL', postgresUp ? postgresStore : null);
