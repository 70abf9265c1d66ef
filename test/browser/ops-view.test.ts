import type { Browser, Page } from 'playwright-core';
import { openDatabase, type Db } from '../../data/connect';
import { percentileOf } from '../../core/analytics/ops-figures';
import { PhoneCall, text, type IvrWorld } from '../ivr/harness';
import { artifactPath, browserAvailability, launchChromium } from '../support/browser-harness';
import { startTestServer, type TestServer } from '../support/server';
import { Visitor } from '../desk/desk-client';

/*
 * The supervisor's view after scripted traffic on all three channels: a web
 * chat (a question, one not understood, a request for a person), phone calls
 * (a verified payment, a transfer) and texts (HELP, an unknown word). The
 * page, opened in Chromium by a signed-in supervisor, must show what the
 * turn events in the database say, counted here by other means.
 */

const availability = browserAvailability();
if (!availability.run) console.warn(`!!! Supervisor view browser tests skipped: ${availability.reason}`);
const describeInBrowser = availability.run ? describe : describe.skip;

const JORDAN = '+17045550101';
const MARIA = '+13055550122';

async function scriptedTraffic(server: TestServer): Promise<void> {
  const world: IvrWorld = { app: server.app, base: server.base, authToken: server.app.config.twilio.authToken, close: server.close };
  // Web chat, English: a question, a question nobody could understand (with a number in it), and a person.
  const en = new Visitor(server.base);
  await en.start();
  await en.say('what is the mailing address for payments', /71119/);
  await en.say('zorblat quux 4111 1111 1111 1111 frobnicate');
  await en.say('I want to talk to a person');
  // Web chat, Spanish: one question.
  const es = new Visitor(server.base, 'es-US');
  await es.start();
  await es.say('cuál es la dirección para enviar pagos', /71119/);
  // Phone: Jordan verifies and pays the amount due on the Civic; María asks for a person.
  const pay = new PhoneCall(world, JORDAN);
  await pay.dial();
  await pay.press('1');
  await pay.press('4100020001');
  await pay.press('401227788');
  await pay.press('1');
  await pay.press('1');
  await pay.press('1');
  await pay.press('1');
  const done = await pay.press('1');
  expect(done.text).toMatch(/confirmation number is/);
  const transfer = new PhoneCall(world, MARIA);
  await transfer.dial();
  await transfer.press('0');
  // Texts: HELP, and a word the line does not know.
  await text(world, JORDAN, 'HELP');
  await text(world, MARIA, 'hola que tal');
}

/** What the page shows for a chart: label → data-value. */
async function chartValues(page: Page, chart: string): Promise<Record<string, number>> {
  return page.evaluate((id) => {
    const out: Record<string, number> = {};
    document.querySelectorAll(`figure[data-chart="${id}"] g[data-label]`).forEach((g) => {
      out[g.getAttribute('data-label') ?? ''] = Number(g.getAttribute('data-value'));
    });
    return out;
  }, chart);
}

async function figureValue(page: Page, id: string): Promise<number> {
  return Number(await page.locator(`[data-figure="${id}"]`).getAttribute('data-value'));
}

describeInBrowser('the supervisor view in Chromium', () => {
  let server: TestServer;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: Browser;
  let db: Db;

  beforeAll(async () => {
    [server, chromium] = await Promise.all([startTestServer(), launchChromium()]);
    browser = chromium.browser;
    db = openDatabase(server.app.config).db;
    await scriptedTraffic(server);
  }, 90_000);

  afterAll(async () => {
    await db?.$disconnect();
    await chromium?.close();
    await server?.close();
  });

  it(
    'when a supervisor signs in and opens /ops, then every chart shows what the turn events say, with the unknown question masked',
    async () => {
      const page = await (await browser.newContext({ viewport: { width: 1400, height: 1800 } })).newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`${server.base}/agent`);
      await page.locator('#username').fill('sam');
      await page.locator('#password').fill('desk-demo-supervisor');
      await page.locator('#sign-in button[type=submit]').click();
      await page.locator('#ops-link').waitFor({ state: 'visible' });
      await page.goto(`${server.base}/ops`);
      await page.locator('figure[data-chart="conversations"]').waitFor();

      // Counted here from the rows themselves, not by the page's grouped queries.
      await server.app.flushTurnEvents();
      const events = await db.turnEvent.findMany();
      expect(new Set(events.map((e) => e.channel))).toEqual(new Set(['chat', 'voice', 'sms']));
      // A conversation counts once, in the channel and language of its first turn.
      const conversations = new Map<string, Set<string>>();
      for (const e of [...events].sort((a, b) => a.id - b.id)) {
        if ([...conversations.values()].some((set) => set.has(e.conversation))) continue;
        const key = `${e.channel} · ${e.language}`;
        if (!conversations.has(key)) conversations.set(key, new Set());
        conversations.get(key)!.add(e.conversation);
      }
      const expectedConversations = Object.fromEntries([...conversations].map(([k, v]) => [k, v.size]));
      expect(await chartValues(page, 'conversations')).toEqual(expectedConversations);
      expect(await figureValue(page, 'conversations')).toBe(new Set(events.map((e) => e.conversation)).size);

      const handedOff = new Set(events.filter((e) => e.outcome === 'handoff').map((e) => e.conversation));
      expect(handedOff.size).toBe(2);
      const reasons: Record<string, number> = {};
      for (const e of events.filter((x) => x.outcome === 'handoff')) reasons[e.handoffReason ?? 'unknown'] = (reasons[e.handoffReason ?? 'unknown'] ?? 0) + 1;
      expect(await chartValues(page, 'handoffs')).toEqual(reasons);

      const payments = events.filter((e) => e.outcome === 'payment');
      expect(payments).toHaveLength(1);
      expect(await figureValue(page, 'payments-count')).toBe(1);
      expect(await figureValue(page, 'payments-amount')).toBe(41236);
      expect(await page.locator('[data-figure="payments-amount"] .value').innerText()).toBe('$412.36');

      expect(await chartValues(page, 'verification')).toEqual({
        verified: events.filter((e) => e.outcome === 'verified').length,
        'not matched': events.filter((e) => e.outcome === 'verify-failed').length,
        'locked out (waits)': events.filter((e) => e.outcome === 'locked').length,
      });
      expect((await chartValues(page, 'verification')).verified).toBe(1);

      const intents: Record<string, number> = {};
      for (const e of events) if (e.intent) intents[e.intent] = (intents[e.intent] ?? 0) + 1;
      expect(await chartValues(page, 'intents')).toEqual(intents);
      expect(intents.sms_help).toBe(1);

      const confidence = await chartValues(page, 'confidence');
      expect(Object.values(confidence).reduce((a, b) => a + b, 0)).toBe(events.filter((e) => e.confidence !== null).length);

      const latencies = events.map((e) => ({ latencyMs: e.latencyMs, turns: 1 }));
      expect(await figureValue(page, 'latency-median')).toBe(percentileOf(latencies, 0.5));
      expect(await figureValue(page, 'latency-p95')).toBe(percentileOf(latencies, 0.95));
      const sorted = events.map((e) => e.latencyMs).sort((a, b) => a - b);
      expect(await figureValue(page, 'latency-median')).toBe(sorted[Math.ceil(sorted.length / 2) - 1]);

      const unknown = await page.locator('table[data-table="unknown"] tbody').innerText();
      expect(unknown).toMatch(/zorblat quux/);
      expect(unknown).not.toMatch(/4111/);
      expect(JSON.stringify(events)).not.toMatch(/4111 1111|401227788|401-22-7788/);

      await page.screenshot({ path: artifactPath('ops-all.png'), fullPage: true });

      // One channel and language: the web chat in Spanish had one conversation, contained.
      await page.goto(`${server.base}/ops?channel=chat&language=es`);
      expect(await chartValues(page, 'conversations')).toEqual({ 'chat · es': 1 });
      expect(await chartValues(page, 'containment')).toEqual({ 'chat · es': 1 });
      await page.screenshot({ path: artifactPath('ops-chat-es.png'), fullPage: true });

      const bad = await page.goto(`${server.base}/ops?from=2026-12-10&to=2026-12-01`);
      expect(bad?.status()).toBe(400);
      expect(problems).toEqual([]);
      await page.context().close();
    },
    60_000,
  );
});
