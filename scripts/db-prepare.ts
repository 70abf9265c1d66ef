/** Applies pending migrations (and seeds the demo data into an empty database outside production): `npm run db:prepare`. */
import { loadConfig } from '../core/config/config';
import { prepareDatabase } from '../data/prepare-database';

async function main(): Promise<void> {
  try {
    const config = loadConfig();
    const report = await prepareDatabase(config);
    console.log(
      `database ready (${config.databaseKind}): ${report.applied.length ? `applied ${report.applied.join(', ')}` : 'no pending migrations'}${report.seeded ? '; demo data seeded' : ''}`,
    );
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  }
}

void main();
