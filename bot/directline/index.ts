export { mountDirectLine } from './mount-direct-line';
export type { DirectLineOptions, DirectLineService } from './mount-direct-line';
export type { ActivityPage, ActivitySignalHandlers, ActivitySignals, ConversationRecord, DirectLineStore } from './direct-line-store';
export { InMemoryDirectLineStore } from './in-memory-store';
export type { InMemoryDirectLineStoreOptions } from './in-memory-store';
export type { ChannelAccount, DirectLineActivity, DirectLineLogger } from './types';
export type { LocalBot, ReplyChannel, TrustedOrigin } from './local-bot';
