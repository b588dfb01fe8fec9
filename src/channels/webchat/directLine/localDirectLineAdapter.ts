/**
 * The bot's side of the local Direct Line: a BotAdapter whose turns run the same HelplineBot as
 * /api/messages, and whose replies go straight into the conversation's stream instead of over HTTP
 * to a Bot Connector. No network hop and no credentials, so it works the same with or without an
 * Azure app id.
 */
import {
  type Activity,
  ActivityTypes,
  BotAdapter,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder';
import type { DirectLineConversations } from './directLineConversations.js';

/** marks conversation references of the local Direct Line (never an HTTP address to post to) */
export const LOCAL_DIRECT_LINE_SERVICE_URL = 'urn:helpline:local-directline';

export function isLocalDirectLineReference(reference: Partial<ConversationReference>): boolean {
  return reference.serviceUrl === LOCAL_DIRECT_LINE_SERVICE_URL;
}

export class LocalDirectLineAdapter extends BotAdapter {
  constructor(private readonly conversations: DirectLineConversations) {
    super();
  }

  /** one turn for an activity the user posted (or a conversation start) */
  async processActivity(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  override async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    return activities.map((activity) => {
      const conversationId = activity.conversation?.id;
      if (!conversationId) throw new Error('An outgoing activity has no conversation id');
      return { id: this.conversations.append(conversationId, activity).id };
    });
  }

  override async updateActivity(): Promise<void> {
    throw new Error('The local Direct Line does not update sent activities');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('The local Direct Line does not delete sent activities');
  }

  override async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      reference,
      true,
    );
    await this.processActivity(activity, logic);
  }
}
