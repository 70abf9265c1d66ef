import type { i18n as I18n } from 'i18next';
import type { Config } from '../core/config/config';
import type { ConversationEngine } from '../core/conversation';
import type { Logger } from '../core/logging/logger';
import type { HandoffDesk } from '../core/handoff';

/**
 * What the Twilio front end needs from the composition root: the engine it
 * hands every turn to, what it renders with, and what it checks webhooks
 * against. No services or repositories: a webhook only translates.
 */
export interface IvrDeps {
  config: Config;
  engine: ConversationEngine;
  i18n: I18n;
  logger: Logger;
  /** The base URL Twilio reaches us at (and signs requests against); read per request, it is known only after listen. */
  publicUrl: () => string;
  /** Keeps each transfer's summary for the agent desk to look up by the caller's number. */
  handoffDesk?: HandoffDesk;
}
