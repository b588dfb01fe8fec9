/**
 * Proactive web chat delivery (mentor replies, queue updates): reaches the user through the stored
 * ConversationReference, on the local Direct Line stream or through their Bot Connector. A mentor's
 * words go as plain text (never read as markdown) from the mentor: `from.name` is their name and
 * `channelData` says it is a person, so the page shows a person's bubble, not the bot's.
 */
import type { Activity, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { ChannelSender, Delivery } from '../../domain/channelSender.js';
import type { Locale } from '../../domain/domain.js';
import type { Translations } from '../../i18n/i18n.js';
import { isLocalDirectLineReference } from './directLine/localDirectLineAdapter.js';
import { renderActivities } from './renderActivities.js';
import { tagOfLocale } from './webchatLocale.js';
import type { WebchatTransport } from './webchatTransport.js';

const accountSchema = z.looseObject({ id: z.string(), name: z.string().default('') });

/** a stored TurnContext.getConversationReference(), with the defaults botbuilder's types ask for */
const referenceSchema = z.looseObject({
  serviceUrl: z.string().min(1),
  channelId: z.string().min(1),
  conversation: z.looseObject({
    id: z.string().min(1),
    isGroup: z.boolean().default(false),
    conversationType: z.string().default(''),
    name: z.string().default(''),
  }),
  bot: accountSchema.optional(),
  user: accountSchema.optional(),
  locale: z.string().optional(),
  activityId: z.string().optional(),
});

export class WebchatUnreachableError extends Error {
  readonly code = 'webchat_unreachable';
  constructor(reason: string) {
    super(`The web chat user cannot be reached: ${reason}`);
    this.name = 'WebchatUnreachableError';
  }
}

export interface WebchatSenderDeps {
  transport: WebchatTransport;
  translations: Translations;
}

export function createWebchatSender(deps: WebchatSenderDeps): ChannelSender {
  const { transport, translations } = deps;
  return {
    async send(conversation, locale, deliveries) {
      const parsed = referenceSchema.safeParse(conversation.reference);
      if (!parsed.success) throw new WebchatUnreachableError('no conversation reference was stored');
      const reference = parsed.data;
      const activities = renderDeliveries(translations, locale, deliveries);
      const logic = async (context: TurnContext) => {
        // the adapter sends every activity "from" the bot; the mentor's carry the mentor's own name
        context.onSendActivities(async (_context, outgoing, next) => {
          for (const activity of outgoing) {
            const mentorName = mentorNameOf(activity);
            if (mentorName !== undefined && activity.from) activity.from = { ...activity.from, name: mentorName };
          }
          return next();
        });
        await context.sendActivities(activities);
      };
      if (isLocalDirectLineReference(reference)) {
        if (!transport.directLine.conversations.has(reference.conversation.id)) {
          throw new WebchatUnreachableError('the local Direct Line conversation is gone (closed page or restart)');
        }
        await transport.directLine.adapter.continueConversation(reference, logic);
        return;
      }
      await transport.cloudAdapter.continueConversationAsync(transport.botAppId, reference, logic);
    },
  };
}

function renderDeliveries(translations: Translations, locale: Locale, deliveries: Delivery[]): Partial<Activity>[] {
  const ordered = [
    ...deliveries.filter((delivery) => delivery.kind === 'bot' && delivery.message.crisis),
    ...deliveries.filter((delivery) => !(delivery.kind === 'bot' && delivery.message.crisis)),
  ];
  return ordered.flatMap((delivery): Partial<Activity>[] =>
    delivery.kind === 'bot'
      ? renderActivities(translations.t, locale, [delivery.message])
      : [
          {
            type: 'message',
            text: delivery.text,
            textFormat: 'plain',
            locale: tagOfLocale(locale),
            channelData: {
              sender: 'mentor',
              mentorName: delivery.mentorName || translations.t(locale, 'webchat.mentorName'),
            },
          },
        ],
  );
}

function mentorNameOf(activity: Partial<Activity>): string | undefined {
  const channelData: unknown = activity.channelData;
  if (typeof channelData !== 'object' || channelData === null) return undefined;
  if (!('sender' in channelData) || channelData.sender !== 'mentor') return undefined;
  return 'mentorName' in channelData && typeof channelData.mentorName === 'string' ? channelData.mentorName : undefined;
}
