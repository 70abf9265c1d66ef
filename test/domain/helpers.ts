import { createMemoryRepositories, type MemoryRepositories } from '../../core/store/memory';
import { createServices, type Services } from '../../core/services';
import { manualClock, type ManualClock } from '../../core/shared/clock';
import { seedDemoData } from '../../prisma/seed-data';
import { loadFedAchDirectory, type BankAccountChecks } from '../../core/payments';
import { SAMPLE_ROUTING_DIRECTORY } from '../../core/config/config';
import { createSimulatedAccountValidation } from '../../banking';
import type { BankVault } from '../../core/store/ports';
import type { CustomerContext } from '../../core/accounts';

export const HASH_KEY = 'test-identity-hash-key-0123456789abcdef';
export const VAULT_KEY = Buffer.alloc(32, 7);
export const TIME_ZONE = 'America/New_York';
/** 10:00 in New York on a Monday. */
export const NOW = '2025-03-10T14:00:00Z';
export const TODAY = '2025-03-10';

export interface World {
  repos: MemoryRepositories;
  services: Services;
  clock: ManualClock;
}

/** The shipped sample FedACH directory and the simulated account-validation service, as the server wires them by default. */
export function bankChecks(vault: BankVault): BankAccountChecks {
  return { routingDirectory: loadFedAchDirectory(SAMPLE_ROUTING_DIRECTORY), bankValidation: createSimulatedAccountValidation(vault) };
}

/** A seeded in-memory world at a fixed time. */
export async function demoWorld(): Promise<World> {
  const repos = createMemoryRepositories({ vaultKey: VAULT_KEY });
  const clock = manualClock(NOW);
  await seedDemoData(repos.insert, repos.vault, { today: TODAY, identityHashKey: HASH_KEY });
  const services = createServices(repos, { identityHashKey: HASH_KEY, timeZone: TIME_ZONE, clock, ...bankChecks(repos.vault) });
  return { repos, services, clock };
}

export const jordan: CustomerContext = { sessionId: 's-jordan', customerId: 'cus_jordan_avery', channel: 'chat' };
export const maria: CustomerContext = { sessionId: 's-maria', customerId: 'cus_maria_lopez', channel: 'voice' };
export const priya: CustomerContext = { sessionId: 's-priya', customerId: 'cus_priya_shah', channel: 'chat' };
export const blueRidge: CustomerContext = { sessionId: 's-blue', customerId: 'cus_blue_ridge', channel: 'sms' };
