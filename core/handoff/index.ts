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
  type AgentSessionRow,
  type AgentSessionStore,
} from './handoff';
export {
  HandoffDesk,
  isCancel,
  type VisitorLink,
  type VisitorMessage,
  type DeskChange,
  type HandoffDeskDeps,
  type HandoffRequest,
  type HandoffStart,
} from './handoff-desk';
