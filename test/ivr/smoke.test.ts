jest.mock('../../bot/web-page', () => ({ mountWebChatPage: () => undefined }));
import { startIvrWorld, PhoneCall, type IvrWorld } from './harness';
let world: IvrWorld;
beforeAll(async () => { world = await startIvrWorld(); });
afterAll(async () => { await world?.close(); });
it('smoke', async () => {
  const call = new PhoneCall(world, '+17045550101');
  const out: string[] = [];
  let h = await call.dial();
  out.push(h.xml);
  for (const d of ['1', '4100020001', '401227788', '1', '1', '1', '1', '1', '1']) {
    if (!h.gather) break;
    h = await call.press(d);
    out.push(`>> ${d}\n` + h.xml);
  }
  console.log(out.join('\n\n'));
});
