export type { ActivityPage, ActivitySignalHandlers, ActivitySignals, ConversationRecord, DirectLineStore } from '../../core/store/direct-line-store';
