export type {
  CardCaptureResult,
  ConversationEngine,
  TurnInput,
  TurnOutput,
  TurnEvent,
  Message,
  Choice,
  Expectation,
  Receipt,
  SessionInfo,
} from './contract';
export { createEngine, SessionBusyError, IDLE_LIMIT_MS, VERIFIED_LIFETIME_MS, type EngineDeps } from './engine';
export { MAX_RETRIES } from './dialog-kit';
export { PROMPTS } from './flows';
export { INTENT_NAMES, type Intent, type EngineNlu, type AmountReading } from './nlu-port';
export type * from './services-port';
export { FAQ_INTENTS, faqKey } from './faq';
