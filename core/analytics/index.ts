export {
  TURN_OUTCOMES,
  outcomeOf,
  maskedQuestion,
  turnEvent,
  withTurnEvents,
  TurnEventWriter,
  type TurnOutcome,
  type TurnEventRecord,
  type TurnEventStore,
  type TurnEventDeps,
} from './turn-events';
export { opsFigures, type OpsFigures, type OpsFilter, type OpsQueries } from './ops-figures';
