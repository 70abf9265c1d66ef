import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { browserAvailability, launchChromium, startServer } from '../support/browser-harness';
import { ChatPage, REPLY_TIMEOUT_MS } from '../support/browser-chat';

/*
 * The web chat page on a phone and on a desktop, in English and in Spanish:
 * a receipt shows every value in full, the header title is whole, the
 * buttons follow a language switch at once, and on a phone many buttons
 * scroll sideways in one row instead of piling up.
 */

const availability = browserAvailability();
if (!availability.run) {
  // Loud on purpose: a skipped browser suite must never look like a passing one.
  console.warn(`!!! Web Chat browser tests skipped: ${availability.reason}`);
}
const describeInBrowser = availability.run ? describe : describe.skip;

const RECEIPT = '.webchat__basic-transcript__activity .ac-adaptiveCard';
const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'var', 'screenshots');

const SCREENS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

function screenshotPath(file: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, file);
}

/** Every text element of the element matched by `selector` that is cut: wider than its box, or drawn with an ellipsis. */
async function truncatedTexts(chat: ChatPage, selector: string): Promise<string[]> {
  return chat.page.locator(selector).last().evaluate((root) => {
    const cut: string[] = [];
    const elements = [root, ...Array.from(root.querySelectorAll('*'))];
    for (const el of elements) {
      if (!(el instanceof HTMLElement) || !el.textContent?.trim()) continue;
      const style = getComputedStyle(el);
      const overflowing = el.scrollWidth > el.clientWidth && style.overflowX !== 'visible';
      if (overflowing || style.textOverflow === 'ellipsis') {
        cut.push(`${el.className || el.tagName}: "${el.textContent.trim()}" (${el.scrollWidth} > ${el.clientWidth}, text-overflow ${style.textOverflow})`);
      }
    }
    return cut;
  });
}

/** The receipt's values (the right-hand column of each row), as drawn. */
async function receiptValues(chat: ChatPage, title: string): Promise<string[]> {
  const receipt = chat.page.locator(RECEIPT, { hasText: title }).last();
  await receipt.waitFor({ timeout: REPLY_TIMEOUT_MS });
  return receipt.locator('.ac-columnSet .ac-container:last-child .ac-textBlock').allInnerTexts();
}

/** Whether `selector`'s box lies inside the viewport horizontally (nothing hidden off the right edge). */
async function insideViewport(chat: ChatPage, selector: string): Promise<boolean> {
  return chat.page.locator(selector).last().evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.left >= 0 && box.right <= document.documentElement.clientWidth;
  });
}

/** Whether the header's title is drawn wholly inside the header bar (not cut at its top or bottom edge). */
async function titleInsideHeader(chat: ChatPage): Promise<boolean> {
  return chat.page.evaluate(() => {
    const title = document.querySelector('h1')!.getBoundingClientRect();
    const bar = document.querySelector('.topbar')!.getBoundingClientRect();
    return title.top >= bar.top && title.bottom <= bar.bottom && title.right <= bar.right;
  });
}

describeInBrowser('the web chat page on a phone and on a desktop', () => {
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: Browser;

  beforeAll(async () => {
    chromium = await launchChromium();
    browser = chromium.browser;
  }, 60_000);

  afterAll(async () => {
    await chromium?.close();
  });

  describe.each(SCREENS)('at $width×$height ($name)', (screen) => {
    let server: Awaited<ReturnType<typeof startServer>>;

    beforeAll(async () => {
      server = await startServer();
    }, 60_000);

    afterAll(async () => {
      await server?.close();
    });

    async function newChat(): Promise<ChatPage> {
      const context = await browser.newContext({ viewport: { width: screen.width, height: screen.height }, locale: 'en-US' });
      return new ChatPage(await context.newPage());
    }

    it(
      'in English, Jordan pays $50.00 on his Civic and the receipt shows every value in full, the confirmation number included',
      async () => {
        const chat = await newChat();
        await chat.open(server.baseUrl, /servicing assistant/i);
        expect(await truncatedTexts(chat, 'h1')).toEqual([]);

        await chat.type('I want to make a payment', /VIN or your 10-digit account number/);
        await chat.type('2HGFE2F5XMH512345', /Social Security number/);
        await chat.waitForSensitivePrompt();
        await chat.type('401-22-7788', /Which vehicle/);
        await chat.choose(/2021 Honda Civic/, /How much would you like to pay/);
        await chat.choose('Another amount', /For example/);
        await chat.type('50.00', /When should the payment be made/);
        await chat.choose('Today', /Which bank account/);
        await chat.choose(/ending 4321/, /Please confirm: pay \$50\.00/);
        const beforeConfirm = await chat.activityCount();
        await chat.choose(/^Yes$/, /confirmation number is \d{10}/);
        const confirmation = /confirmation number is (\d{10})/.exec(await chat.textSince(beforeConfirm))?.[1];

        const values = await receiptValues(chat, 'Payment confirmation');
        expect(values).toEqual(expect.arrayContaining([confirmation, '2021 Honda Civic', '$50.00']));
        expect(values.some((v) => v.includes('4321'))).toBe(true);
        expect(await truncatedTexts(chat, RECEIPT)).toEqual([]);
        expect(await insideViewport(chat, RECEIPT)).toBe(true);

        await chat.scrolledToBottom();
        await chat.page.screenshot({ path: screenshotPath(`receipt-en-${screen.name}.png`) });
        // The narrowest phone the page supports: still whole, wrapped where it must.
        await chat.page.setViewportSize({ width: 320, height: 640 });
        expect(await truncatedTexts(chat, RECEIPT)).toEqual([]);
        expect(await insideViewport(chat, RECEIPT)).toBe(true);
        await chat.scrolledToBottom();
        await chat.page.screenshot({ path: screenshotPath(`receipt-en-${screen.name}-at-320.png`) });
        expect(chat.problems).toEqual([]);
        await chat.page.context().close();
      },
      60_000,
    );

    it(
      'in Spanish, María pays $50.00 on her F-150 from a new bank account and the Spanish receipt shows every value in full',
      async () => {
        const chat = await newChat();
        await chat.open(server.baseUrl, /servicing assistant/i);
        await chat.switchLanguage('Español', /Hola/);
        expect(await chat.page.locator('h1').innerText()).toBe('Asistente de su cuenta de vehículo');
        expect(await truncatedTexts(chat, 'h1')).toEqual([]);
        expect(await titleInsideHeader(chat)).toBe(true);

        await chat.type('quiero hacer un pago', /VIN/);
        await chat.type('1FTEW1EP5LFA67890', /Seguro Social/);
        await chat.waitForSensitivePrompt();
        await chat.type('533-18-2046', /Cuánto desea pagar/);
        await chat.choose('Otra cantidad', /Por ejemplo/);
        await chat.type('50.00', /Cuándo desea hacer el pago/);
        await chat.choose('Hoy', /ruta bancaria/);
        await chat.type('021000021', /número de cuenta bancaria/);
        await chat.waitForSensitivePrompt();
        await chat.type('123456789', /confirme: pago de \$50\.00/);
        const beforeConfirm = await chat.activityCount();
        await chat.choose(/^Sí$/, /número de confirmación es \d{10}/);
        const confirmation = /número de confirmación es (\d{10})/.exec(await chat.textSince(beforeConfirm))?.[1];

        const values = await receiptValues(chat, 'Confirmación de pago');
        expect(values).toEqual(expect.arrayContaining([confirmation, '2020 Ford F-150', '$50.00']));
        expect(values.some((v) => v.includes('6789'))).toBe(true);
        expect(await truncatedTexts(chat, RECEIPT)).toEqual([]);
        expect(await insideViewport(chat, RECEIPT)).toBe(true);

        await chat.scrolledToBottom();
        await chat.page.screenshot({ path: screenshotPath(`receipt-es-${screen.name}.png`) });
        expect(chat.problems).toEqual([]);
        await chat.page.context().close();
      },
      60_000,
    );
  });

  describe('language switches and buttons on a phone (390×844)', () => {
    let server: Awaited<ReturnType<typeof startServer>>;

    beforeAll(async () => {
      server = await startServer();
    }, 60_000);

    afterAll(async () => {
      await server?.close();
    });

    async function phoneChat(): Promise<ChatPage> {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
      return new ChatPage(await context.newPage());
    }

    it('a fresh page switched to Español shows only the Spanish greeting, its buttons in one row that scrolls sideways', async () => {
      const chat = await phoneChat();
      await chat.open(server.baseUrl, /servicing assistant/i);
      await chat.switchLanguage('Español', /Hola/);
      await chat.page.waitForFunction(() => !/servicing assistant/.test(document.querySelector('.webchat__basic-transcript')?.textContent ?? ''), undefined, {
        timeout: REPLY_TIMEOUT_MS,
      });
      const transcript = await chat.transcriptText();
      expect(transcript).toMatch(/Hola/);
      expect(transcript).not.toMatch(/servicing assistant|I can take a payment/);

      const labels = await chat.suggestedActions();
      expect(labels).toContain('Hacer un pago');
      expect(labels.length).toBeGreaterThan(4);
      const rows = await chat.page.locator('button.webchat__suggested-action').evaluateAll((buttons) => new Set(buttons.map((b) => Math.round(b.getBoundingClientRect().top))).size);
      expect(rows).toBe(1);
      // The row is wider than the screen and scrolls; Playwright's click brings the last button into view.
      await chat.choose(labels[labels.length - 1]!, /./);

      await chat.page.screenshot({ path: screenshotPath('greeting-es-phone.png') });
      expect(chat.problems).toEqual([]);
      await chat.page.context().close();
    });

    it('switching to Español in the middle of a payment relabels the buttons on screen at once, and the next answer comes in Spanish', async () => {
      const chat = await phoneChat();
      await chat.open(server.baseUrl, /servicing assistant/i);
      await chat.type('I want to make a payment', /VIN or your 10-digit account number/);
      await chat.type('2HGFE2F5XMH512345', /Social Security number/);
      await chat.waitForSensitivePrompt();
      await chat.type('401-22-7788', /Which vehicle/);
      await chat.choose(/2019 Jeep Grand Cherokee/, /How much would you like to pay/);
      expect(await chat.suggestedActions()).toContain('Another amount');

      const before = await chat.activityCount();
      await chat.page.getByRole('button', { name: 'Español', exact: true }).click();
      await chat.page.waitForFunction(
        () => Array.from(document.querySelectorAll('button.webchat__suggested-action')).some((b) => b.textContent?.trim() === 'Otra cantidad'),
        undefined,
        { timeout: REPLY_TIMEOUT_MS },
      );
      // Relabelled in place: no new message was needed for it.
      expect(await chat.activityCount()).toBe(before);
      expect(await chat.suggestedActions()).not.toContain('Another amount');
      await chat.page.screenshot({ path: screenshotPath('buttons-switched-es-phone.png') });

      await chat.choose('Otra cantidad', /Por ejemplo/);
      expect(chat.problems).toEqual([]);
      await chat.page.context().close();
    });
  });
});
