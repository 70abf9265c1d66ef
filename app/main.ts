import { ConfigError, loadConfig } from '../core/config/config';
import { createServer } from './server';

/** Starts the server and drains in-flight requests on SIGTERM/SIGINT before exiting. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const app = await createServer(config);
  await app.listen();
  app.logger.info({ url: app.url(), database: config.databaseKind }, 'servicing assistant listening');
  if (config.localDemo) {
    app.logger.warn(
      { host: config.host, emulator: config.botEmulator },
      'LOCAL DEMO: development secrets and demo data, reachable from this machine only; a deployment sets the secrets and no LOCAL_DEMO (see README, Security)',
    );
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'draining in-flight requests');
    const force = setTimeout(() => process.exit(1), config.shutdownGraceMs + 15_000);
    force.unref();
    app
      .drain()
      .then(() => app.close())
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('servicing assistant failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
