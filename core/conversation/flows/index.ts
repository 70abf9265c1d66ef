import type { FlowRegistry, FlowSpec } from '../flow';
import { balanceFlow, ficoFlow, historyFlow, payoffFlow, textAlertsFlow, titleEmailFlow } from './account-answers';
import { autopayCancelFlow, autopayEnrollFlow } from './autopay';
import { autopayChangeDayFlow } from './autopay-change-day';
import { bankFlow } from './bank';
import { chooseAccountFlow } from './choose-account';
import { heardFlow } from './heard';
import { leaveFlow } from './leave';
import { languageFlow } from './language';
import { payFlow } from './pay';
import { offerPersonFlow } from './offer-person';
import { clarifyFlow, offerAgentFlow } from './repair';
import { requestFlow } from './request';
import { verifyFlow } from './verify';

/**
 * Every flow the assistant runs. A new flow is a file of its own, listed
 * here. Where two flows start on the same request, the first listed wins.
 */
const ALL_FLOWS: readonly FlowSpec[] = [
  requestFlow,
  languageFlow,
  verifyFlow,
  chooseAccountFlow,
  bankFlow,
  payFlow,
  autopayEnrollFlow,
  autopayCancelFlow,
  titleEmailFlow,
  textAlertsFlow,
  offerAgentFlow,
  clarifyFlow,
  autopayChangeDayFlow,
  offerPersonFlow,
  balanceFlow,
  payoffFlow,
  historyFlow,
  ficoFlow,
  leaveFlow,
  heardFlow,
];

/** The flows by name, as a session's stack of flows names them. */
export const FLOWS: FlowRegistry = Object.fromEntries(ALL_FLOWS.map((flow) => [flow.name, flow]));

/** Every prompt a flow can wait on, as `flow.step`: what transcripts report as prompt coverage. */
export const PROMPTS: readonly string[] = Object.values(FLOWS).flatMap((flow) => Object.keys(flow.steps).map((name) => `${flow.name}.${name}`));
