/**
 * Sends today's due-date reminders once: `npm run reminders [-- --today YYYY-MM-DD]`.
 *
 * Texts every customer opted in to payment alerts (and not opted out) whose
 * account is due in exactly seven days; with a bank on file the text carries
 * a one-time code the customer replies with ("PAY 4821"). With TWILIO_ACCOUNT_SID and
 * TWILIO_FROM_NUMBER set they go through Twilio; otherwise they are queued in
 * the outbox table and logged. Running it twice the same day sends nothing
 * new. `--today` pretends it is another day. On the demo data the day of
 * seeding texts Jordan about his Jeep (due in 7 days); the Civic is due 12
 * days after seeding and María's F-150 5 days after it.
 */
import { loadConfig } from '../core/config/config';
import { loadI18n } from '../core/i18n';
import { createLogger } from '../core/logging/logger';
import { isIsoDate } from '../core/shared/dates';
import { createPrismaRepositories } from '../data';
import { sendDueReminders } from '../core/alerts';
import { twilioSmsSender } from '../ivr';
import { prepareDatabase } from '../data/prepare-database';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const today = argValue('--today');
  if (today !== undefined && !isIsoDate(today)) throw new Error('--today expects a date like 2026-12-01');
  // Noon UTC is the same calendar day in every US time zone.
  const now = today ? new Date(`${today}T12:00:00Z`) : new Date();

  await prepareDatabase({ ...config });
  const repos = await createPrismaRepositories(config);
  try {
    const sender = twilioSmsSender(config);
    const run = await sendDueReminders({ repos, i18n: await loadI18n(), config, logger, now, sender });
    const how = sender ? `sent ${run.sent}, failed ${run.failed}` : 'queued in the outbox (no TWILIO_ACCOUNT_SID/TWILIO_FROM_NUMBER)';
    process.stdout.write(`Reminders for ${run.today}: ${run.queued} new, ${run.duplicates} already queued; ${how}.\n`);
  } finally {
    await repos.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
