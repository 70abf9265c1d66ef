import type { Expectation, Message } from './contract';
import type { Answer, StepResult } from './dialog-kit';
import type { FlowFrame, FlowName } from './state';
import type { TurnContext } from './turn-context';

/** What a step asks: the words, and what kind of answer is expected (so each channel asks the right way). */
export interface Prompt {
  messages: Message[];
  expect: Expectation;
}

/**
 * One question of a flow: how it is asked, and how an answer to it is read.
 * `read` answers `unrecognized` when the answer is not for this question at
 * all (a new request, an aside), `invalid` with the reason when it is a bad
 * answer (asked again; a person offered after three), or `accepted` once it
 * has moved the flow on.
 */
export interface StepSpec {
  prompt(ctx: TurnContext, flow: FlowFrame): Prompt;
  read(ctx: TurnContext, flow: FlowFrame, answer: Answer): Promise<StepResult>;
}

/**
 * A flow, declared as data: its name and its steps in the order a
 * conversation usually meets them. The interpreter (`play-turn.ts`) routes an
 * answer to the current step of the flow in progress; the steps' names, as
 * `flow.step`, are the prompts transcripts report coverage of.
 */
export interface FlowSpec {
  name: FlowName;
  steps: Record<string, StepSpec>;
}

export type FlowRegistry = Record<FlowName, FlowSpec>;

/** A step that asks with a fixed prompt. */
export function step(prompt: StepSpec['prompt'], read: StepSpec['read']): StepSpec {
  return { prompt, read };
}

/** The step a frame waits on, or null for a frame no registered flow has (a session saved by another version). */
export function stepOf(flows: FlowRegistry, name: FlowName, step: string): StepSpec | null {
  return flows[name]?.steps[step] ?? null;
}
