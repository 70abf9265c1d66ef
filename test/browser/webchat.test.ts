import type { Browser } from 'playwright-core';
import { artifactPath, browserAvailability, launchChromium, startServer } from '../support/browser-harness';
import { ChatPage, REPLY_TIMEOUT_MS } from '../support/browser-chat';

/*
 * The web chat page end to end: the real server in-process (SQLite, demo
 * data, the local Direct Line), the official Web Chat bundle in headless
 * Chromium, a visitor verifying and paying in English and in Spanish.
 */

const availability = browserAvailability();
if (!availability.run) {
  // Loud on purpose: a skipped browser suite must never look like a passing one.
  console.warn(`!!! Web Chat browser tests skipped: ${availability.reason}`);
}
const describeInBrowser = availability.run ? describe : describe.skip;

const RECEIPT = '.webchat__basic-transcript__activity .ac-adaptiveCard';

describeInBrowser('the web chat page in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: Browser;

  beforeAll(async () => {
    [server, chromium] = await Promise.all([startServer(), launchChromium()]);
    browser = chromium.browser;
  }, 60_000);

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  async function newChat(): Promise<ChatPage> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    return new ChatPage(await context.newPage());
  }

  it('serves the page with a strict Content-Security-Policy, nosniff, and the Web Chat bundle from this server', async () => {
    const page = await fetch(`${server.baseUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);

    const bundle = await fetch(`${server.baseUrl}/webchat/webchat.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    expect(bundle.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const etag = bundle.headers.get('etag');
    expect(etag).toBeTruthy();
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(1_000_000);
    const again = await fetch(`${server.baseUrl}/webchat/webchat.js`, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
  });

  it(
    'Jordan verifies, pays $50.00 toward his Civic from the bank on file, and sees a confirmation number and receipt, with his SSN masked',
    async () => {
      const chat = await newChat();
      await chat.open(server.baseUrl, /servicing assistant/i);
      expect(await chat.page.locator('h1').innerText()).toBe('Vehicle account assistant');
      expect(await chat.page.locator('.info').innerText()).toMatch(/no fee/i);

      await chat.type('I want to make a payment', /VIN or your 10-digit account number/);
      await chat.type('2HGFE2F5XMH512345', /Social Security number/);
      await chat.waitForSensitivePrompt();
      await chat.type('401-22-7788', /Which vehicle/);
      expect(await chat.suggestedActions()).toEqual(
        expect.arrayContaining([expect.stringMatching(/2021 Honda Civic/), expect.stringMatching(/2019 Jeep Grand Cherokee/)]),
      );
      await chat.choose(/2021 Honda Civic/, /How much would you like to pay/);
      await chat.choose('Another amount', /For example/);
      await chat.type('50.00', /When should the payment be made/);
      await chat.choose('Today', /Which bank account/);
      await chat.choose(/ending 4321/, /Please confirm: pay \$50\.00/);
      const beforeConfirm = await chat.activityCount();
      await chat.choose(/^Yes$/, /confirmation number is \d{10}/);

      const done = await chat.textSince(beforeConfirm);
      const confirmation = /confirmation number is (\d{10})/.exec(done)?.[1];
      expect(confirmation).toMatch(/^\d{10}$/);
      const receipt = chat.page.locator(RECEIPT, { hasText: 'Payment confirmation' }).last();
      await receipt.waitFor({ timeout: REPLY_TIMEOUT_MS });
      const receiptText = await receipt.innerText();
      expect(receiptText).toContain(confirmation);
      expect(receiptText).toContain('$50.00');

      const transcript = await chat.transcriptText();
      expect(transcript).toContain('••••• 7788');
      for (const leak of ['401-22-7788', '401227788', '401 22 7788']) expect(transcript).not.toContain(leak);
      expect(await chat.page.locator('body').innerText()).not.toMatch(/401-?22-?7788/);
      await chat.scrolledToBottom();
      await chat.page.screenshot({ path: artifactPath('webchat-en.png') });
      // The same conversation on a phone-sized screen: the layout collapses to one column.
      await chat.page.setViewportSize({ width: 390, height: 844 });
      await chat.scrolledToBottom();
      await chat.page.screenshot({ path: artifactPath('webchat-en-mobile.png') });

      expect(chat.problems).toEqual([]);
      await chat.page.context().close();
    },
    45_000,
  );

  it(
    'María switches the page to Español, verifies, pays $50.00 toward her F-150 from a new bank account, and gets a Spanish receipt',
    async () => {
      const chat = await newChat();
      await chat.open(server.baseUrl, /servicing assistant/i);
      await chat.switchLanguage('Español', /Hola/);
      expect(await chat.page.locator('h1').innerText()).toBe('Asistente de su cuenta de vehículo');
      expect(await chat.page.getAttribute('html', 'lang')).toBe('es');
      expect(await chat.page.locator('.info').innerText()).toMatch(/no tienen cargo/);
      expect(await chat.suggestedActions()).toContain('Hacer un pago');

      await chat.type('quiero hacer un pago', /VIN/);
      await chat.type('1FTEW1EP5LFA67890', /Seguro Social/);
      await chat.waitForSensitivePrompt();
      // One vehicle, so no vehicle question: straight to the amount.
      await chat.type('533-18-2046', /Gracias, Mar[ií]a[\s\S]*Cuánto desea pagar/);
      await chat.choose('Otra cantidad', /Por ejemplo/);
      await chat.type('50.00', /Cuándo desea hacer el pago/);
      // María has no bank account on file: routing number, then the account number (masked).
      await chat.choose('Hoy', /ruta bancaria/);
      await chat.type('021000021', /número de cuenta bancaria/);
      await chat.waitForSensitivePrompt();
      // An ACH debit names the kind of account: checking (cheques) unless she says savings (ahorros).
      await chat.type('123456789', /como cuenta de cheques[\s\S]*confirme: pago de \$50\.00/);
      const beforeConfirm = await chat.activityCount();
      await chat.choose(/^Sí$/, /número de confirmación es \d{10}/);

      const done = await chat.textSince(beforeConfirm);
      const confirmation = /número de confirmación es (\d{10})/.exec(done)?.[1];
      expect(confirmation).toMatch(/^\d{10}$/);
      const receipt = chat.page.locator(RECEIPT, { hasText: 'Confirmación de pago' }).last();
      await receipt.waitFor({ timeout: REPLY_TIMEOUT_MS });
      expect(await receipt.innerText()).toContain(confirmation);

      const transcript = await chat.transcriptText();
      expect(transcript).toContain('••••• 2046');
      expect(transcript).toContain('••••• 6789');
      for (const leak of ['533-18-2046', '533182046', '123456789']) expect(transcript).not.toContain(leak);
      await chat.scrolledToBottom();
      await chat.page.screenshot({ path: artifactPath('webchat-es.png') });

      expect(chat.problems).toEqual([]);
      await chat.page.context().close();
    },
    45_000,
  );
});
