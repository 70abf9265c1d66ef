import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { manualClock } from '../../core/shared/clock';
import { Recorder } from '../../transcripts/recorder';
import { formatReport, runTranscripts } from '../../transcripts/runner';
import { startTestServer } from '../support/server';
import { targetOf } from '../support/transcripts';

const RECORDED_AT = '2026-12-01T15:00:00Z';
const A_WEEK_LATER = '2026-12-08T15:00:00Z';

describe('a recording of this bot replayed a week after it was made', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'week-later-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a web chat payment recorded on one day passes on a server whose day is seven days later (dates, amounts and the confirmation number are patterns)', async () => {
    const recording = await startTestServer({}, { clock: manualClock(RECORDED_AT) });
    const file = path.join(dir, 'payment.yaml');
    let yaml: string;
    try {
      const recorder = new Recorder({ target: targetOf(recording), channel: 'chat', language: 'en', name: 'Jordan pays five dollars' });
      try {
        await recorder.start();
        for (const line of ['what do I owe', '2HGFE2F5XMH512345', '401-22-7788', '[2021 Honda Civic]', 'make a payment', '[Another amount]', '$5', '[Today]', '[ending 4321]', '[Yes]', 'show my payment history']) {
          await recorder.input(line);
        }
      } finally {
        recorder.close();
      }
      yaml = recorder.toYaml(new Date(RECORDED_AT));
      writeFileSync(file, yaml);
    } finally {
      await recording.close();
    }
    // The recording holds the day it was made: its due date and the payment's date.
    expect(yaml).toContain('confirmation number is (\\d{10})');
    expect(yaml).toMatch(/has \.\+\? due on \.\+\?/);
    expect(yaml).not.toMatch(/December \d/);

    const later = await startTestServer({}, { clock: manualClock(A_WEEK_LATER) });
    try {
      const replay = await runTranscripts({ paths: [file], target: targetOf(later), vars: { ssn: '401-22-7788' } });
      expect(formatReport(replay)).toMatch(/1 passed, 0 failed/);
      // The replay really met other dates: the Civic's due date moved with the day the data was seeded.
      const said = replay.outcomes[0]!.transcript.join('\n');
      expect(said).toContain('December 20');
      expect(said).not.toContain('December 13');
    } finally {
      await later.close();
    }
  }, 90_000);
});
