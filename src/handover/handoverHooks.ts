/**
 * The conversation engine's hooks for the handover effects the dialog emits. They run inside the
 * turn's transaction (so the queue entry and the dialog's state commit together) and publish live
 * events for the mentor consoles only after the commit.
 */
import type { Logger } from 'pino';
import type { DialogEffect } from '../conversation/dialogProtocol.js';
import type { EffectContext, EffectResult, TurnHooks } from '../conversation/turnHooks.js';
import type { HandoverRecord, UnitOfWork } from '../storage/ports.js';
import { priorityFor, queuePosition, roughWaitMinutes } from './handoverQueue.js';
import { buildHandoverSummary } from './handoverSummary.js';
import { cancelHandoverTimers, scheduleWaitUpdate } from './handoverTimers.js';
import type { HandoverTimings } from './handoverTimings.js';
import type { MentorEventBus } from './mentorEvents.js';

export interface HandoverHooksDeps {
  events: MentorEventBus;
  timings: HandoverTimings;
  logger: Logger;
}

type RequestHandover = Extract<DialogEffect, { kind: 'requestHandover' }>;

export function createHandoverHooks(deps: HandoverHooksDeps): TurnHooks {
  const { events, timings, logger } = deps;

  const announce = (handover: Pick<HandoverRecord, 'id' | 'status' | 'crisis'>) => async () => {
    await events.publish({
      type: 'handover.changed',
      handoverId: handover.id,
      status: handover.status,
      crisis: handover.crisis,
    });
  };

  /** what the dialog hears back: the place in the queue and a rough wait */
  async function queued(uow: UnitOfWork, handover: HandoverRecord): Promise<EffectResult> {
    const position = await queuePosition(uow, handover.id);
    if (position === undefined) return { afterCommit: announce(handover) };
    return {
      followUps: [
        { type: 'handover.queued', position, waitMinutes: roughWaitMinutes(position, timings.averageHandlingMinutes) },
      ],
      afterCommit: announce(handover),
    };
  }

  async function requestHandover(effect: RequestHandover, context: EffectContext): Promise<EffectResult | undefined> {
    const { uow, conversation, now } = context;
    const open = await uow.handovers.findOpenByConversation(conversation.id);
    if (open) return joinOpenHandover(uow, open, effect, context);

    const transcript = await uow.transcript.list(conversation.id);
    const lastId = context.userMessageId ?? transcript.at(-1)?.id ?? 0;
    const status = effect.callback ? 'callback' : 'waiting';
    const handover = await uow.handovers.create({
      conversationId: conversation.id,
      channel: conversation.channel,
      status,
      priority: priorityFor(effect.crisis),
      crisis: effect.crisis,
      consent: effect.consent,
      topic: effect.topic ?? null,
      summary: buildHandoverSummary({
        topic: effect.topic ?? null,
        consent: effect.consent,
        userMessages: transcript.filter((message) => message.direction === 'user').length,
      }),
      waitingSince: now,
      // without consent the mentor reads only what comes after the request
      visibleFromMessageId: effect.consent ? 0 : lastId + 1,
    });
    logger.info(
      { event: 'handover.requested', handoverId: handover.id, status, crisis: effect.crisis },
      'handover requested',
    );
    if (status === 'callback') return { afterCommit: announce(handover) };
    await scheduleWaitUpdate(uow, handover, now, timings);
    return queued(uow, handover);
  }

  /** Asked again while already in line (or on the callback list): one entry, brought up to date. */
  async function joinOpenHandover(
    uow: UnitOfWork,
    open: HandoverRecord,
    effect: RequestHandover,
    { now }: EffectContext,
  ): Promise<EffectResult | undefined> {
    if (open.status === 'active') return undefined;
    const crisis = open.crisis || effect.crisis;
    const consent = open.consent || effect.consent;
    const toQueue = open.status === 'callback' && !effect.callback;
    const updated: HandoverRecord = {
      ...open,
      crisis,
      consent,
      priority: Math.max(open.priority, priorityFor(crisis)),
      topic: open.topic ?? effect.topic ?? null,
      visibleFromMessageId: consent ? 0 : open.visibleFromMessageId,
      status: toQueue ? 'waiting' : open.status,
      waitingSince: toQueue ? now : open.waitingSince,
    };
    await uow.handovers.update(open.id, {
      crisis: updated.crisis,
      consent: updated.consent,
      priority: updated.priority,
      topic: updated.topic,
      visibleFromMessageId: updated.visibleFromMessageId,
      status: updated.status,
      waitingSince: updated.waitingSince,
    });
    if (updated.status === 'callback') return { afterCommit: announce(updated) };
    if (toQueue) await scheduleWaitUpdate(uow, updated, now, timings);
    return queued(uow, updated);
  }

  async function cancelHandover({ uow, conversation, now }: EffectContext): Promise<EffectResult | undefined> {
    const open = await uow.handovers.findOpenByConversation(conversation.id);
    if (!open) return undefined;
    await uow.handovers.update(open.id, { status: 'closed', outcome: 'other', closedAt: now });
    await cancelHandoverTimers(uow, conversation.id);
    logger.info({ event: 'handover.cancelled', handoverId: open.id }, 'handover cancelled by the user');
    return { afterCommit: announce({ ...open, status: 'closed' }) };
  }

  async function flagCrisis({ uow, conversation, userMessageId }: EffectContext): Promise<EffectResult | undefined> {
    // the mentor sees which of the person's messages set off the crisis answer
    if (userMessageId !== undefined) await uow.transcript.markCrisis(userMessageId);
    const open = await uow.handovers.findOpenByConversation(conversation.id);
    if (!open) return undefined;
    await uow.handovers.update(open.id, { crisis: true, priority: priorityFor(true) });
    logger.warn({ event: 'handover.crisis', handoverId: open.id }, 'crisis flagged on an open handover');
    return { afterCommit: announce({ ...open, crisis: true }) };
  }

  /**
   * The message itself is in the transcript the mentor reads (and `afterUserMessage` tells the console);
   * a note for a callback is read from the callback list. What is left is to keep the dialog honest:
   * if it believes a mentor is here but the handover went back to the queue or ended (and the event
   * telling it so has not arrived yet), it hears so now.
   */
  async function relayToMentor({ uow, conversation }: EffectContext): Promise<EffectResult | undefined> {
    const open = await uow.handovers.findOpenByConversation(conversation.id);
    if (open?.status === 'active' || open?.status === 'callback') return undefined;
    return { followUps: [{ type: open ? 'handover.mentorLost' : 'handover.closed' }] };
  }

  return {
    async onEffect(effect, context) {
      switch (effect.kind) {
        case 'requestHandover':
          return requestHandover(effect, context);
        case 'cancelHandover':
          return cancelHandover(context);
        case 'flagCrisis':
          return flagCrisis(context);
        case 'relayToMentor':
          return relayToMentor(context);
        default:
          return undefined;
      }
    },

    // looked up in the turn's own transaction: a second one per message would cost a commit
    async onUserMessage({ uow, conversation }) {
      const open = await uow.handovers.findOpenByConversation(conversation.id);
      if (!open) return undefined;
      return () => events.publish({ type: 'handover.message', handoverId: open.id, direction: 'user' });
    },
  };
}
