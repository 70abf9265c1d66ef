export type { ActivityPage, ConversationRecord, DirectLineStore } from '../../core/store/direct-line-store';
