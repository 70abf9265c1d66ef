import type { Page } from 'playwright-core';

/** How long one bot reply may take to show up in the browser (NLU, database, Direct Line round trip). */
export const REPLY_TIMEOUT_MS = 15_000;

const ACTIVITY = '.webchat__basic-transcript__activity';
const SEND_BOX = '.webchat__send-box-text-box__input';

/**
 * Drives the web chat page as a visitor would: types into Web Chat's send
 * box, clicks suggested actions, and waits for the bot's next words. Every
 * wait is on the DOM, never a fixed sleep.
 */
export class ChatPage {
  /** Browser-side problems seen so far (page errors, CSP violations, failed requests). */
  readonly problems: string[] = [];

  constructor(readonly page: Page) {
    page.on('pageerror', (error) => this.problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') this.problems.push(`console: ${message.text()}`);
    });
    page.on('requestfailed', (request) => this.problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  }

  /** Opens the page and waits for the bot's greeting and its suggested actions. */
  async open(baseUrl: string, greeting: RegExp): Promise<void> {
    await this.page.goto(`${baseUrl}/`);
    await this.waitForBot(greeting, 0);
    await this.page.waitForSelector('.webchat__suggested-action', { timeout: REPLY_TIMEOUT_MS });
  }

  /**
   * Clicks the page's language switch and waits for the bot to greet again in
   * that language. Looks at the whole transcript: on a fresh page the new
   * greeting replaces the old one, so the count of activities does not grow.
   */
  async switchLanguage(buttonLabel: string, greeting: RegExp): Promise<void> {
    await this.page.getByRole('button', { name: buttonLabel, exact: true }).click();
    await this.waitForBot(greeting, 0);
  }

  /** Types into the send box, presses Enter, and waits for a new activity matching `reply`. */
  async type(text: string, reply: RegExp): Promise<void> {
    const before = await this.activityCount();
    const box = this.page.locator(SEND_BOX);
    await box.fill(text);
    await box.press('Enter');
    await this.waitForBot(reply, before);
  }

  /** Clicks the suggested action whose label matches, and waits for a new activity matching `reply`. */
  async choose(label: string | RegExp, reply: RegExp): Promise<void> {
    const before = await this.activityCount();
    await this.page.locator('button.webchat__suggested-action', { hasText: label }).first().click({ timeout: REPLY_TIMEOUT_MS });
    await this.waitForBot(reply, before);
  }

  /** Waits until the page marks the send box as sensitive (the bot asked for an SSN or bank number). */
  async waitForSensitivePrompt(): Promise<void> {
    await this.page.waitForSelector('body[data-sensitive="true"]', { timeout: REPLY_TIMEOUT_MS });
  }

  /** Waits until Web Chat has finished scrolling to the newest activity, so a screenshot shows it. */
  async scrolledToBottom(): Promise<void> {
    await this.page.waitForFunction(
      () => {
        const scroller = document.querySelector('.webchat__basic-transcript__scrollable');
        return !!scroller && scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
      },
      undefined,
      { timeout: REPLY_TIMEOUT_MS, polling: 100 },
    );
  }

  /** Labels of the suggested actions on screen now. */
  async suggestedActions(): Promise<string[]> {
    return (await this.page.locator('button.webchat__suggested-action').allInnerTexts()).map((s) => s.trim());
  }

  /** The whole transcript as the visitor (and a screen reader) sees it. */
  async transcriptText(): Promise<string> {
    return this.page.locator('.webchat__basic-transcript').innerText();
  }

  /** Text of the activities rendered after the first `from`. */
  async textSince(from: number): Promise<string> {
    return this.page.evaluate(
      ([selector, n]) =>
        Array.from(document.querySelectorAll(selector as string))
          .slice(n as number)
          .map((el) => el.textContent ?? '')
          .join('\n'),
      [ACTIVITY, from] as const,
    );
  }

  activityCount(): Promise<number> {
    return this.page.locator(ACTIVITY).count();
  }

  /** Waits for an activity after the first `from` whose text matches; names what was on screen when it times out. */
  async waitForBot(reply: RegExp, from: number): Promise<void> {
    try {
      await this.page.waitForFunction(
        ([selector, n, source, flags]) =>
          Array.from(document.querySelectorAll(selector as string))
            .slice(n as number)
            .some((el) => new RegExp(source as string, flags as string).test(el.textContent ?? '')),
        [ACTIVITY, from, reply.source, reply.flags] as const,
        { timeout: REPLY_TIMEOUT_MS, polling: 100 },
      );
    } catch (error) {
      const seen = await this.textSince(from).catch(() => '(page gone)');
      throw new Error(`waited ${REPLY_TIMEOUT_MS} ms for a bot reply matching ${String(reply)}; new activities:\n${seen}\n${(error as Error).message}`);
    }
  }
}
