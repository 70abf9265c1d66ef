import type { FlowRegistry } from '../flow';
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

/** Every flow the assistant runs, by name. A new flow is a file of its own, registered here. */
export const FLOWS: FlowRegistry = {
  request: requestFlow,
  language: languageFlow,
  verify: verifyFlow,
  chooseAccount: chooseAccountFlow,
  bank: bankFlow,
  pay: payFlow,
  autopayEnroll: autopayEnrollFlow,
  autopayCancel: autopayCancelFlow,
  titleEmail: titleEmailFlow,
  textAlerts: textAlertsFlow,
  offerAgent: offerAgentFlow,
  clarify: clarifyFlow,
  autopayChangeDay: autopayChangeDayFlow,
  offerPerson: offerPersonFlow,
  balance: balanceFlow,
  payoff: payoffFlow,
  history: historyFlow,
  fico: ficoFlow,
  leave: leaveFlow,
  heard: heardFlow,
};

/** Every prompt a flow can wait on, as `flow.step`: what transcripts report as prompt coverage. */
export const PROMPTS: readonly string[] = Object.values(FLOWS).flatMap((flow) => Object.keys(flow.steps).map((name) => `${flow.name}.${name}`));
