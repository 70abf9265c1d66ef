import type { i18n as I18n } from 'i18next';
import type { Config } from '../core/config/config';
import type { ConversationEngine, TurnInput, TurnOutput } from '../core/conversation';
import type { Logger } from '../core/logging/logger';
import type { Services } from '../core/services';
import type { Repositories } from '../core/store/ports';
import type { HandoffDesk } from '../core/handoff';

/** What the Twilio front end needs from the composition root. */
export interface IvrDeps {
  config: Config;
  engine: ConversationEngine;
  i18n: I18n;
  logger: Logger;
  services: Services;
  repos: Repositories;
  /** The base URL Twilio reaches us at (and signs requests against); read per request, it is known only after listen. */
  publicUrl: () => string;
  /** Keeps each transfer's summary for the agent desk to look up by the caller's number. */
  handoffDesk?: HandoffDesk;
  /** Records the analytics event of a turn answered outside the engine (a text message). */
  recordTurn?: (input: TurnInput, output: TurnOutput, latencyMs: number) => Promise<void>;
}
