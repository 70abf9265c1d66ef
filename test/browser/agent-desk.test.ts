import type { Browser, Page } from 'playwright-core';
import { artifactPath, browserAvailability, launchChromium, startServer } from '../support/browser-harness';
import { ChatPage, REPLY_TIMEOUT_MS } from '../support/browser-chat';

/*
 * The visitor's page and the agent desk side by side in Chromium, both on the
 * real server: the visitor asks for a person, the agent signs in, sees the
 * summary and accepts; messages go both ways in real time (Direct Line's
 * WebSocket for the visitor, the desk's WebSocket for the agent); the agent
 * hands back and the assistant answers again. In English and in Spanish.
 */

const availability = browserAvailability();
if (!availability.run) console.warn(`!!! Agent desk browser tests skipped: ${availability.reason}`);
const describeInBrowser = availability.run ? describe : describe.skip;

/** The agent's console page. */
class DeskPage {
  readonly problems: string[] = [];

  constructor(readonly page: Page) {
    page.on('pageerror', (error) => this.problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') this.problems.push(`console: ${message.text()}`);
    });
  }

  async signIn(baseUrl: string, username: string, password: string): Promise<void> {
    await this.page.goto(`${baseUrl}/agent`);
    await this.page.locator('#username').fill(username);
    await this.page.locator('#password').fill(password);
    await this.page.locator('#sign-in button[type=submit]').click();
    await this.page.locator('#console').waitFor({ state: 'visible', timeout: REPLY_TIMEOUT_MS });
    // The page first asks whether a session is open; its 401 before signing in is expected.
    this.problems.length = 0;
  }

  /** The queue card whose summary mentions `text`, once it shows. */
  async waitingCard(text: RegExp) {
    const card = this.page.locator('#queue li.card', { hasText: text }).last();
    await card.waitFor({ timeout: REPLY_TIMEOUT_MS });
    return card;
  }

  chat() {
    return this.page.locator('#mine .chat').last();
  }

  async waitForLog(text: RegExp): Promise<void> {
    await this.chat().locator('.log p', { hasText: text }).last().waitFor({ timeout: REPLY_TIMEOUT_MS });
  }

  async reply(text: string): Promise<void> {
    await this.chat().locator('.reply-text').fill(text);
    await this.chat().locator('.reply button[type=submit]').click();
  }
}

describeInBrowser('the agent desk beside the visitor page, in Chromium', () => {
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

  async function pages(locale: string): Promise<{ chat: ChatPage; desk: DeskPage }> {
    const visitorContext = await browser.newContext({ viewport: { width: 900, height: 900 }, locale });
    const agentContext = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-US' });
    return { chat: new ChatPage(await visitorContext.newPage()), desk: new DeskPage(await agentContext.newPage()) };
  }

  it(
    'Jordan verifies, asks for a person; Alex sees the summary, accepts, they talk both ways; Alex hands back and the assistant resumes',
    async () => {
      const { chat, desk } = await pages('en-US');
      await desk.signIn(server.baseUrl, 'alex', 'desk-demo-agent');
      await chat.open(server.baseUrl, /servicing assistant/i);

      await chat.type("what's my balance", /VIN or your 10-digit account number/);
      await chat.type('2HGFE2F5XMH512345', /Social Security number/);
      await chat.waitForSensitivePrompt();
      await chat.type('401-22-7788', /Which vehicle/);
      await chat.choose(/2021 Honda Civic/, /\$/);
      await chat.type('I want to talk to a person', /number 1 in line/);

      const card = await desk.waitingCard(/requested/);
      expect(await card.locator('[data-field=verified]').innerText()).toBe('yes (Jordan)');
      expect(await card.locator('[data-field=account]').innerText()).toBe('…0001 (2021 Honda Civic)');
      expect(await card.locator('[data-field=language]').innerText()).toBe('English');
      const summary = await card.innerText();
      expect(summary).toMatch(/Customer: what's my balance/);
      expect(summary).not.toMatch(/401-?22-?7788/);
      await desk.page.screenshot({ path: artifactPath('agent-desk-queue-en.png') });

      await card.locator('button.accept').click();
      await chat.waitForBot(/Alex from customer service has joined the chat/, 0);

      // The visitor types: the agent sees them typing, then the words.
      await chat.page.locator('.webchat__send-box-text-box__input').pressSequentially('Why was I charged a late fee?', { delay: 5 });
      await desk.chat().locator('.typing', { hasText: /typing/ }).waitFor({ timeout: REPLY_TIMEOUT_MS });
      await chat.page.locator('.webchat__send-box-text-box__input').press('Enter');
      await desk.waitForLog(/Customer: Why was I charged a late fee\?/);

      // The agent types: the visitor sees Web Chat's typing indicator.
      await desk.chat().locator('.reply-text').pressSequentially('I see', { delay: 5 });
      await chat.page.locator('.webchat__typing-indicator').first().waitFor({ timeout: REPLY_TIMEOUT_MS });
      const before = await chat.activityCount();
      await desk.reply('I see the fee from March; I can waive it today.');
      await chat.waitForBot(/Alex: I see the fee from March; I can waive it today\./, before);
      await desk.waitForLog(/You: I see the fee from March/);
      await chat.scrolledToBottom();
      await chat.page.screenshot({ path: artifactPath('agent-desk-visitor-en.png') });
      await desk.page.screenshot({ path: artifactPath('agent-desk-chat-en.png') });

      const beforeEnd = await chat.activityCount();
      await desk.chat().locator('button.end').click();
      await chat.waitForBot(/back with the virtual assistant/, beforeEnd);
      await desk.page.locator('#mine .chat').waitFor({ state: 'detached', timeout: REPLY_TIMEOUT_MS });
      await chat.type('what is the mailing address for payments', /P\.O\. Box 71119/);

      expect(chat.problems).toEqual([]);
      expect(desk.problems).toEqual([]);
      await chat.page.context().close();
      await desk.page.context().close();
    },
    90_000,
  );

  it(
    'María writes in Spanish and asks for a person; the agent accepts, they talk, the agent hands back and the assistant answers in Spanish',
    async () => {
      const { chat, desk } = await pages('es-US');
      await desk.signIn(server.baseUrl, 'alex', 'desk-demo-agent');
      // A Spanish browser gets the page in Spanish.
      await chat.open(server.baseUrl, /Hola/);

      await chat.type('quiero hablar con una persona', /Usted es el número 1 en la fila/);
      const card = await desk.waitingCard(/Spanish/);
      expect(await card.locator('[data-field=verified]').innerText()).toBe('no');
      await card.locator('button.accept').click();
      await chat.waitForBot(/Alex, de servicio al cliente, se unió al chat/, 0);

      await chat.type('Necesito cambiar la fecha de pago', /./);
      await desk.waitForLog(/Customer: Necesito cambiar la fecha de pago/);
      const before = await chat.activityCount();
      await desk.reply('Claro, con gusto le ayudo.');
      await chat.waitForBot(/Alex: Claro, con gusto le ayudo\./, before);
      await chat.scrolledToBottom();
      await chat.page.screenshot({ path: artifactPath('agent-desk-visitor-es.png') });

      const beforeEnd = await chat.activityCount();
      await desk.chat().locator('button.end').click();
      await chat.waitForBot(/está de nuevo con el asistente virtual/, beforeEnd);
      await chat.type('cuál es la dirección para enviar pagos', /71119/);

      expect(chat.problems).toEqual([]);
      expect(desk.problems).toEqual([]);
      await chat.page.context().close();
      await desk.page.context().close();
    },
    90_000,
  );
});
