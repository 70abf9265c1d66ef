import { randomUUID } from 'node:crypto';
import {
  CloudAdapter,
  FileTranscriptStore,
  TranscriptLoggerMiddleware,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { Server } from 'restify';
import { z } from 'zod';
import type { i18n as I18n } from 'i18next';
import type { Config } from '../core/config/config';
import type { ConversationEngine } from '../core/conversation';
import { translator } from '../core/i18n';
import type { Logger } from '../core/logging/logger';
import { AssistantBot, localeOf } from './assistant-bot';
import { MaskedTranscriptLogger } from './masked-transcript-logger';

const incomingActivity = z.object({
  type: z.string().min(1).max(64),
  serviceUrl: z.string().min(1).max(2048),
  channelId: z.string().min(1).max(128),
  conversation: z.object({ id: z.string().min(1).max(512) }),
  from: z.object({ id: z.string().min(1).max(512) }).optional(),
  recipient: z.object({ id: z.string().min(1).max(512) }).optional(),
  id: z.string().max(512).optional(),
  text: z.string().max(20_000).optional(),
  locale: z.string().max(64).optional(),
  name: z.string().max(256).optional(),
});

export interface BotDeps {
  config: Config;
  engine: ConversationEngine;
  i18n: I18n;
  logger: Logger;
}

/**
 * Mounts the Bot Framework endpoint at POST /api/messages. With no
 * MicrosoftAppId it accepts the Emulator and the local Direct Line
 * unauthenticated; with one it validates Bot Framework tokens, so the same
 * bot registers with Azure Bot Service unchanged.
 */
export function mountBot(server: Server, deps: BotDeps): { adapter: CloudAdapter; bot: AssistantBot } {
  const { config, logger } = deps;
  const authConfig: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.microsoftApp.id ?? '',
    MicrosoftAppPassword: config.microsoftApp.password ?? '',
    MicrosoftAppType: config.microsoftApp.type,
    MicrosoftAppTenantId: config.microsoftApp.tenantId ?? '',
  };
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(authConfig));
  const bot = new AssistantBot(deps.engine, deps.i18n, logger.child({ channel: 'chat' }));
  if (config.transcriptDir) {
    // Live chats recorded for testers (Bot Framework .transcript files), with sensitive numbers masked.
    adapter.use(new TranscriptLoggerMiddleware(new MaskedTranscriptLogger(new FileTranscriptStore(config.transcriptDir))));
  }

  adapter.onTurnError = async (context, error) => {
    const correlationId = randomUUID();
    logger.error({ err: { name: error.name, message: error.message }, correlationId, conversation: context.activity.conversation?.id }, 'chat turn failed');
    const locale = localeOf(context.activity.locale) ?? 'en';
    const t = translator(deps.i18n, locale, 'chat');
    try {
      await context.sendActivity({ type: 'message', text: t({ key: 'error.unavailable' }), channelData: { correlationId } });
    } catch {
      // The channel itself is unreachable; the log line above is all we can do.
    }
  };

  server.post('/api/messages', async (req, res) => {
    // The Bot Framework protocol's required fields, checked before the SDK sees the body:
    // a malformed activity gets a 400 with a reason instead of failing inside the adapter.
    const parsed = incomingActivity.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      res.send(400, { error: { code: 'BadArgument', message: `Invalid activity: ${issue?.path.join('.') || 'body'} ${issue?.message ?? ''}`.trim() } });
      return;
    }
    await adapter.process(req, res, (context) => bot.run(context));
  });
  return { adapter, bot };
}
