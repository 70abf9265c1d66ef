import { XMLParser } from 'fast-xml-parser';
import { PhoneCall, startIvrWorld, type IvrWorld } from './harness';

/*
 * A transfer to a person on the phone carries the handoff summary: with a
 * TaskRouter workflow configured, as the attributes of the enqueued Task;
 * without one, the call is dialled through as before. Either way the summary
 * is kept for the agent desk to look up by the caller's number.
 */

const JORDAN = '+17045550101';
const WORKFLOW = 'WW0123456789abcdef0123456789abcdef';

/** Jordan calls, verifies for a payment with his account number and SSN, then presses 0 for a person. */
async function jordanVerifiesThenAsksForAPerson(world: IvrWorld): Promise<PhoneCall> {
  const call = new PhoneCall(world, JORDAN);
  await call.dial();
  await call.press('1');
  await call.press('4100020001');
  await call.press('401227788');
  await call.press('1'); // the Civic
  await call.press('0');
  return call;
}

function enqueueOf(xml: string): { workflowSid?: string; task?: string } | null {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as { Response?: { Enqueue?: { workflowSid?: string; Task?: string } } };
  const enqueue = doc.Response?.Enqueue;
  return enqueue ? { workflowSid: enqueue.workflowSid, task: typeof enqueue.Task === 'string' ? enqueue.Task : undefined } : null;
}

describe('a phone transfer with TWILIO_WORKFLOW_SID set', () => {
  let world: IvrWorld;
  beforeAll(async () => {
    world = await startIvrWorld({ TWILIO_WORKFLOW_SID: WORKFLOW });
  });
  afterAll(async () => {
    await world?.close();
  });

  it('when a verified caller presses 0 mid-payment, then the call is enqueued to the workflow with the summary as task attributes, and nothing sensitive in them', async () => {
    const call = await jordanVerifiesThenAsksForAPerson(world);
    const transfer = call.last!;

    expect(transfer.text).toMatch(/transfer you to a representative/);
    expect(transfer.dial).toBeFalsy();
    const enqueue = enqueueOf(transfer.xml);
    expect(enqueue?.workflowSid).toBe(WORKFLOW);
    const attributes = JSON.parse(enqueue?.task ?? 'null') as Record<string, unknown>;
    expect(attributes).toMatchObject({
      type: 'servicing-handoff',
      channel: 'voice',
      language: 'en',
      reason: 'requested',
      verified: true,
      customer: 'Jordan',
      account: '…0001 (2021 Honda Civic)',
      from: JORDAN,
    });
    expect(transfer.xml).not.toMatch(/401227788|401-22-7788|7788/);
  });

  it('when the call is transferred (and Twilio retries that webhook), then the agent desk finds its summary by the caller number, once', async () => {
    const call = await jordanVerifiesThenAsksForAPerson(world);
    const again = await call.retry();
    expect(enqueueOf(again.xml)?.workflowSid).toBe(WORKFLOW);
    const found = await world.app.repos.handoffs.phone(JORDAN, 10);
    expect(found.filter((h) => h.conversationId === call.callSid)).toHaveLength(1);
    const mine = found.find((h) => h.conversationId === call.callSid);
    expect(mine).toMatchObject({ channel: 'voice', status: 'transferred', callerNumber: JORDAN, reason: 'requested' });
    expect(mine?.summary).toMatchObject({ verified: true, account: '…0001 (2021 Honda Civic)', language: 'en' });
  });
});

describe('a phone transfer without a TaskRouter workflow', () => {
  let world: IvrWorld;
  beforeAll(async () => {
    world = await startIvrWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('when a caller presses 0, then the call is dialled to customer service with no Enqueue, and its summary is still kept', async () => {
    const call = await jordanVerifiesThenAsksForAPerson(world);
    expect(call.last!.dial).toBe('+18889252559');
    expect(enqueueOf(call.last!.xml)).toBeNull();
    const kept = await world.app.repos.handoffs.phone(JORDAN, 10);
    expect(kept.map((h) => h.conversationId)).toContain(call.callSid);
  });
});
