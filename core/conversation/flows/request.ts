import type { FlowSpec } from '../flow';
import type { Intent } from '../nlu-port';

/**
 * A request waiting for what it needs: the router starts it beneath the
 * verification or the choice of a vehicle it called, and carries the request
 * out when that returns. It never asks anything of its own.
 */
export const requestFlow: FlowSpec = {
  name: 'request',
  steps: {},
  async resume(ctx, flow, result) {
    const intent = String(flow.data.intent) as Intent;
    const quiet = flow.data.quiet === true;
    ctx.state.stack.pop();
    if (result.kind === 'account') ctx.state.accountId = result.accountId;
    await ctx.runIntent(intent, quiet);
  },
};
