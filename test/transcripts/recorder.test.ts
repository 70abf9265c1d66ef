import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readTranscriptFile } from '../../transcripts/format';
import { Recorder, type RecordOptions } from '../../transcripts/recorder';
import { formatReport, runTranscripts } from '../../transcripts/runner';
import { addDays } from '../../core/shared/dates';
import { reminderCode, remindersSentTo, seededOn as seededOnOf } from '../ivr/harness';
import { startTestServer } from '../support/server';
import { targetOf, useTranscriptServer } from '../support/transcripts';
import type { Target } from '../../transcripts/drivers';

const { target, dir: scratch, server } = useTranscriptServer('recorder-test-');

async function record(options: Omit<RecordOptions, 'target'>, lines: string[], file: string): Promise<string> {
  const recorder = new Recorder({ target: target(), ...options });
  try {
    await recorder.start();
    for (const line of lines) await recorder.input(line);
  } finally {
    recorder.close();
  }
  const yaml = recorder.toYaml();
  writeFileSync(path.join(scratch(), file), yaml);
  return yaml;
}

/**
 * Replays on a server of their own: the same payment again the same day on the
 * recording's server would rightly be asked about ("Pay again?").
 */
async function onFreshServer<T>(run: (target: Target) => Promise<T>): Promise<T> {
  // The same settings as the recording's server (a card connector on the phone line).
  const fresh = await startTestServer({ TWILIO_PAY_CONNECTOR: 'Default' });
  try {
    return await run(targetOf(fresh));
  } finally {
    await fresh.close();
  }
}

describe('recording a conversation as a transcript', () => {
  it('saves a web chat payment with the SSN as a variable, and the file replays', async () => {
    const yaml = await record(
      { channel: 'chat', language: 'en', name: 'Jordan pays five dollars' },
      ['what do I owe', '2HGFE2F5XMH512345', '401-22-7788', '[2021 Honda Civic]', 'make a payment', '[Another amount]', '$5', '[Today]', '[ending 4321]', '[Yes]', 'show my payment history'],
      'chat.yaml',
    );
    expect(yaml).not.toMatch(/401-?22-?7788/);
    expect(yaml).toContain('user: ${ssn}');
    expect(yaml).toContain('--var ssn=');
    expect(yaml).toContain('click: 2021 Honda Civic');
    const file = path.join(scratch(), 'chat.yaml');
    const [conversation] = readTranscriptFile(file);
    const expectations = conversation!.steps.flatMap(({ value }) => ('bot' in value ? [value.bot] : []));
    expect(expectations.map((e) => e.capture?.confirmation).filter(Boolean)).toEqual(['confirmation number is (\\d{10})']);
    // Amounts and dates are matched by pattern, so a replay on another day still passes.
    expect(expectations.some((e) => e.regex?.includes('has .+? due on .+?'))).toBe(true);
    const replay = await onFreshServer((fresh) => runTranscripts({ paths: [file], target: fresh, vars: { ssn: '401-22-7788' } }));
    expect(formatReport(replay)).toMatch(/1 passed, 0 failed/);

    const without = await runTranscripts({ paths: [file], target: target() });
    expect(without.failed).toBe(1);
    expect(formatReport(without)).toContain('${ssn} has no value');
  }, 60_000);

  it('saves a Spanish phone payment with the SSN and a new bank account as variables', async () => {
    const yaml = await record(
      { channel: 'voice', language: 'es', caller: '+13055550122' },
      // Pay another amount today from a new bank account (1: María has none on file; 2 would be a card), a checking account.
      ['1', '4100020002', '533182046', '2', '10*00', '1', '1', '021000021', '987654321', '1', '1', '/hangup'],
      'voice.yaml',
    );
    expect(yaml).not.toContain('533182046');
    expect(yaml).not.toContain('987654321');
    expect(yaml).toContain('press: ${ssn}');
    expect(yaml).toContain('press: ${bank_account}');
    expect(yaml).toContain('press: "021000021"');
    expect(yaml).toContain('hangup: true');
    expect(yaml).toContain('confirmación es ((?:\\\\d ){9}\\\\d)');

    const replay = await onFreshServer((fresh) =>
      runTranscripts({ paths: [path.join(scratch(), 'voice.yaml')], target: fresh, vars: { ssn: '533182046', bank_account: '987654321' } }),
    );
    expect(formatReport(replay)).toMatch(/1 passed, 0 failed/);
  }, 60_000);

  it('masks an SSN typed where none was asked for, and reuses the variable for the same value', async () => {
    const yaml = await record({ channel: 'chat', language: 'en' }, ['my social is 612-09-3345', 'title status', '5YJ3E1EA2PF402233', '612-09-3345'], 'unasked.yaml');
    expect(yaml).not.toContain('612-09-3345');
    expect(yaml).toContain('user: my social is ${ssn}');
    expect(yaml.match(/\$\{ssn\}/g)?.length).toBeGreaterThanOrEqual(2);
    expect(yaml).not.toContain('${ssn_2}');
  }, 60_000);

  it('saves text messages with their short dates as patterns, so the file replays on another day', async () => {
    // The Civic's reminder (due 12 days after seeding) carries the code that pays it.
    const seededOn = await seededOnOf(server().app);
    const world = { app: server().app, base: server().base, authToken: server().app.config.twilio.authToken, close: async () => undefined };
    const code = reminderCode((await remindersSentTo(world, '+17045550101', new Date(`${addDays(seededOn, 5)}T14:00:00Z`)))[0]);
    const yaml = await record({ channel: 'sms', language: 'en', caller: '+17045550101' }, [`PAY ${code}`, `PAY ${code}`], 'sms.yaml');
    const [conversation] = readTranscriptFile(path.join(scratch(), 'sms.yaml'));
    const expectations = conversation!.steps.flatMap(({ value }) => ('bot' in value ? [value.bot] : []));
    expect(expectations).toHaveLength(2);
    // The second PAY with the code is always "already paid … on <date>": the date is matched, not written.
    expect(expectations[1]!.regex).toContain('already paid .+? on .+? for this due date');
    expect(yaml).not.toMatch(/\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}\b/);
  }, 60_000);
});
