export {
  parseEngineSummary,
  deskOpen,
  type HandoffSummary,
  type HandoffRecord,
  type HandoffMessage,
  type HandoffStatus,
  type HandoffStore,
  type TranscriptLine,
  type OpeningHours,
  type DeskPresence,
  type AgentSessionRow,
  type AgentSessionStore,
} from './handoff';
