import { randomBytes } from 'node:crypto';
import { startTestServer, type TestServer } from '../support/server';
import { reminderCode, remindersSentTo, seededOn as seededOnOf, text, type IvrWorld } from '../ivr/harness';
import { addDays } from '../../core/shared/dates';
import type { Payment } from '../../core/shared/types';

/**
 * The same amount due can never be paid twice by accident: two web chats of
 * one verified customer, each showing "$412.36 due", both confirm at once.
 * Exactly one payment posts; the other chat is asked whether the customer
 * means to pay again, and only an explicit yes could pay again.
 */
let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

interface Activity {
  id: string;
  type: string;
  text?: string;
  from: { id: string };
  suggestedActions?: { actions: { title?: string; value?: unknown }[] };
}

/** One visitor's web chat over the server's own Direct Line, read by polling with a watermark. */
async function webChat(base: string) {
  const dl = `${base}/v3/directline`;
  const started = (await (await fetch(`${dl}/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string };
  const headers = { Authorization: `Bearer ${started.token}`, 'Content-Type': 'application/json' };
  const user = `dl_${randomBytes(4).toString('hex')}`;
  let watermark = 0;
  let last: Activity | null = null;

  async function post(activity: Record<string, unknown>): Promise<Activity> {
    const res = await fetch(`${dl}/conversations/${started.conversationId}/activities`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ from: { id: user }, locale: 'en-US', ...activity }),
    });
    expect(res.status).toBe(200);
    for (let i = 0; i < 400; i++) {
      const page = (await (await fetch(`${dl}/conversations/${started.conversationId}/activities?watermark=${watermark}`, { headers })).json()) as {
        activities: Activity[];
        watermark: string;
      };
      watermark = Number(page.watermark);
      const replies = page.activities.filter((a) => a.from.id !== user && a.type === 'message' && a.text);
      if (replies.length) {
        last = replies[replies.length - 1]!;
        return last;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('no reply');
  }

  return {
    say: (text: string) => post({ type: 'message', text }),
    /** Clicks the suggested action of the last reply whose title matches. */
    click(title: RegExp) {
      const action = last?.suggestedActions?.actions.find((a) => title.test(a.title ?? ''));
      if (!action) throw new Error(`no ${String(title)} offered in: ${last?.text ?? '(nothing yet)'}`);
      return post({ type: 'message', text: action.title, value: action.value });
    },
    secret: (digits: string) => post({ type: 'message', text: '•••••', value: { secret: digits } }),
    join: () => post({ type: 'event', name: 'webchat/join', value: { locale: 'en-US' } }),
  };
}

type Chat = Awaited<ReturnType<typeof webChat>>;

/** Jordan verifies and reaches the read-back of paying the Civic's amount due today from the bank on file. */
async function readyToConfirmAmountDue(): Promise<Chat> {
  const chat = await webChat(server.base);
  await chat.join();
  await chat.say('I want to make a payment');
  await chat.say('4100020001');
  await chat.secret('401227788');
  const due = await chat.click(/Honda Civic/);
  expect(due.text).toMatch(/\$412\.36 due/);
  await chat.click(/Amount due/);
  await chat.click(/^Today$/);
  const readBack = await chat.click(/4321/);
  expect(readBack.text).toMatch(/pay \$412\.36 toward your 2021 Honda Civic/);
  return chat;
}

async function civicPaymentsToday(): Promise<Payment[]> {
  const history = await server.app.repos.payments.history('acc_4100020001', 100);
  const today = history[0]?.scheduledFor;
  return history.filter((p) => p.scheduledFor === today && p.channel === 'chat');
}

describe('two web chats of one customer confirm the same amount due at once', () => {
  it('when both say yes together, then exactly one payment posts and the other chat is asked whether to pay again', async () => {
    const [first, second] = await Promise.all([readyToConfirmAmountDue(), readyToConfirmAmountDue()]);

    const answers = await Promise.all([first.click(/^Yes$/), second.click(/^Yes$/)]);

    const paid = await civicPaymentsToday();
    expect(paid).toHaveLength(1);
    expect(paid[0]).toMatchObject({ amountCents: 41236, kind: 'regular' });
    const done = answers.filter((a) => /confirmation number is \d{10}/.test(a.text!));
    const asked = answers.filter((a) => /already paid \$412\.36 today/.test(a.text!));
    expect(done).toHaveLength(1);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.text).toContain(paid[0]!.confirmationNumber);
    expect(asked[0]!.text).toMatch(/Pay again\?/);

    const account = await server.app.repos.accounts.byId('acc_4100020001');
    expect(account!.principalCents).toBeLessThanOrEqual(account!.payoffCents);
    expect(account!.amountDueCents).toBe(0);
  });

  it('when the second chat answers no to paying again, then nothing more is paid', async () => {
    const first = await readyToConfirmAmountDue();
    const second = await readyToConfirmAmountDue();
    expect((await first.click(/^Yes$/)).text).toMatch(/confirmation number is \d{10}/);

    expect((await second.click(/^Yes$/)).text).toMatch(/already paid \$412\.36 today.*Pay again\?/);
    expect((await second.click(/^No$/)).text).toMatch(/did not submit/);
    expect(await civicPaymentsToday()).toHaveLength(1);
  });

  it('when the second chat says yes to paying again, then the amount due, already paid, is not paid again as principal: the customer is asked for an amount', async () => {
    const first = await readyToConfirmAmountDue();
    const second = await readyToConfirmAmountDue();
    await first.click(/^Yes$/);
    await second.click(/^Yes$/);

    const again = await second.click(/^Yes$/);
    expect(again.text).toMatch(/amount due is already paid/);
    expect(again.text).toMatch(/How much would you like to pay\?/);
    expect(again.suggestedActions?.actions.map((a) => a.title)).not.toContainEqual(expect.stringMatching(/Amount due/));
    expect(await civicPaymentsToday()).toHaveLength(1);
  });
});

describe('pay by text the same day', () => {
  const JORDAN = '+17045550101';
  const ivrWorld = (): IvrWorld => ({ app: server.app, base: server.base, authToken: server.app.config.twilio.authToken, close: server.close });
  /** The code of the Civic's reminder (due 12 days after seeding, reminded 7 days before). */
  const civicReminderCode = async () => {
    const seededOn = await seededOnOf(server.app);
    return reminderCode((await remindersSentTo(ivrWorld(), JORDAN, new Date(`${addDays(seededOn, 5)}T14:00:00Z`)))[0]);
  };

  it('when Jordan paid his amount due in a web chat today, then a PAY text pays nothing and says he already paid today, with the confirmation', async () => {
    const code = await civicReminderCode();
    const chat = await readyToConfirmAmountDue();
    await chat.click(/^Yes$/);
    const [paid] = await civicPaymentsToday();

    const reply = await text(ivrWorld(), JORDAN, `PAY ${code}`);
    expect(reply.replies[0]).toMatch(/already paid \$412\.36 today on your 2021 Honda Civic/);
    expect(reply.replies[0]).toContain(paid!.confirmationNumber);
    expect((await server.app.repos.payments.history('acc_4100020001', 100)).filter((p) => p.scheduledFor === paid!.scheduledFor)).toHaveLength(1);
  });

  it('when a PAY text and a web chat confirm the same amount due at once, then exactly one pays and the other pays nothing', async () => {
    const code = await civicReminderCode();
    const chat = await readyToConfirmAmountDue();
    const [answer, sms] = await Promise.all([chat.click(/^Yes$/), text(ivrWorld(), JORDAN, `PAY ${code}`)]);

    const history = await server.app.repos.payments.history('acc_4100020001', 100);
    const today = history.filter((p) => p.scheduledFor === history[0]!.scheduledFor);
    expect(today).toHaveLength(1);
    const chatPaid = /confirmation number is \d{10}/.test(answer.text!);
    expect(chatPaid ? sms.replies[0] : answer.text).toMatch(chatPaid ? /already paid \$412\.36 today/ : /already paid \$412\.36 today.*Pay again\?/);
    const account = await server.app.repos.accounts.byId('acc_4100020001');
    expect(account!.principalCents).toBeLessThanOrEqual(account!.payoffCents);
  });
});
