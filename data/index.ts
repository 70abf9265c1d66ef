export { createPrismaRepositories, type PrismaRepositories, type PrismaRepositoryOptions } from './prisma-repositories';
export { withDriver, sqliteFile, postgresTarget, type DatabaseSettings } from './connect';
export { postgresActivitySignals, activityChannel, type PostgresSignalOptions } from './directline-signals';
