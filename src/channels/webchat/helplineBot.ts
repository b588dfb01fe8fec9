/**
 * The one piece of bot logic for every web chat transport (Bot Connector via /api/messages, and the
 * local Direct Line): a message goes to the engine, a new visitor gets the welcome. Everything about
 * dialogs and storage stays in the engine.
 */
import { ActivityHandler, ActivityTypes, TurnContext } from 'botbuilder';
import type { ConversationEngine } from '../../conversation/conversationEngine.js';
import type { Translations } from '../../i18n/i18n.js';
import { inboundFromActivity } from './inboundActivity.js';
import { renderActivities, renderReplyText } from './renderActivities.js';
import { localeFromTag } from './webchatLocale.js';

/** the part of the engine web chat uses */
export type WebchatEngine = Pick<ConversationEngine, 'handleMessage' | 'startSession'>;

export class HelplineBot extends ActivityHandler {
  constructor(
    private readonly engine: WebchatEngine,
    private readonly translations: Translations,
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.answer(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await this.welcome(context);
      await next();
    });
  }

  private async answer(context: TurnContext): Promise<void> {
    const { t } = this.translations;
    await context.sendActivity({ type: ActivityTypes.Typing });
    const outcome = await this.engine.handleMessage(inboundFromActivity(context.activity), ({ locale, outbound }) =>
      renderReplyText(t, locale, outbound),
    );
    // a redelivered activity was answered the first time
    if (outcome.kind === 'duplicate' || outcome.outbound.length === 0) return;
    await context.sendActivities(renderActivities(t, outcome.locale, outcome.outbound));
  }

  private async welcome(context: TurnContext): Promise<void> {
    const { activity } = context;
    const visitorJoined = (activity.membersAdded ?? []).some((member) => member.id !== activity.recipient.id);
    if (!visitorJoined) return;
    const localeHint = localeFromTag(activity.locale);
    const session = await this.engine.startSession({
      channel: 'webchat',
      address: activity.conversation.id,
      ...(localeHint ? { localeHint } : {}),
      reference: TurnContext.getConversationReference(activity),
    });
    if (session.outbound.length === 0) return;
    await context.sendActivities(renderActivities(this.translations.t, session.locale, session.outbound));
  }
}
