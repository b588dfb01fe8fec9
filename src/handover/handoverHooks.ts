/**
 * The conversation engine's hooks for the handover effects the dialog emits. They run inside the
 * turn's transaction (so the queue entry and the dialog's state commit together) and publish live
 * events for the mentor consoles only after the commit.
 */
import type { Logger } from 'pino';
import type { EffectContext, EffectResult, TurnHooks } from '../conversation/turnHooks.js';
import type { DialogEffect } from '../domain/dialogProtocol.js';
import { count, hourOf, METRICS } from '../statistics/metrics.js';
import type { HandoverRecord, UnitOfWork } from '../storage/ports.js';
import { priorityFor } from './handoverQueue.js';
import { buildHandoverSummary, summaryWithConsent } from './handoverSummary.js';
import { cancelHandoverTimers, scheduleWaitUpdate } from './handoverTimers.js';
import type { HandoverTimings } from './handoverTimings.js';
import { nextMessageId } from './lockedHandover.js';
import type { MentorEventBus } from './mentorEvents.js';
import { estimateWait } from './waitEstimate.js';

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

  /** what the dialog hears back: the place in the queue, and a wait only when the queue has measured one */
  async function queued(uow: UnitOfWork, handover: HandoverRecord, now: Date): Promise<EffectResult> {
    const position = await uow.handovers.queuePosition(handover.id);
    if (position === undefined) return { afterCommit: announce(handover) };
    const waitMinutes = await estimateWait(uow, handover, position, now, timings);
    return { followUps: [{ type: 'handover.queued', position, waitMinutes }], afterCommit: announce(handover) };
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
    const requested = status === 'callback' ? METRICS.callbackRequested : METRICS.handoverRequested;
    await uow.statistics.increment(hourOf(now), [count(requested, conversation.channel)]);
    if (status === 'callback') return { afterCommit: announce(handover) };
    await scheduleWaitUpdate(uow, handover, now, timings);
    return queued(uow, handover, now);
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
    const consent = open.consentWithdrawnAt === null && (open.consent || effect.consent);
    const toQueue = open.status === 'callback' && !effect.callback;
    const updated: HandoverRecord = {
      ...open,
      crisis,
      consent,
      priority: Math.max(open.priority, priorityFor(crisis)),
      topic: crisis ? null : (open.topic ?? effect.topic ?? null),
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
    if (toQueue) {
      await scheduleWaitUpdate(uow, updated, now, timings);
      await uow.statistics.increment(hourOf(now), [count(METRICS.handoverRequested, open.channel)]);
    }
    return queued(uow, updated, now);
  }

  async function cancelHandover(
    { uow, conversation, now }: EffectContext,
    erasing: boolean,
  ): Promise<EffectResult | undefined> {
    const open = await uow.handovers.findOpenByConversation(conversation.id);
    if (!open) return undefined;
    await uow.handovers.update(open.id, {
      status: 'closed',
      outcome: 'other',
      closedAt: now,
      closedBeforeMessageId: await nextMessageId(uow, conversation.id),
    });
    await cancelHandoverTimers(uow, conversation.id);
    // left the queue before a mentor came (AVBRYT, STOPP); SLETT leaves the statistics as they were
    if (open.status === 'waiting' && !erasing) {
      await uow.statistics.increment(hourOf(now), [count(METRICS.handoverAbandoned, open.channel)]);
    }
    logger.info({ event: 'handover.cancelled', handoverId: open.id }, 'handover cancelled by the user');
    return { afterCommit: announce({ ...open, status: 'closed' }) };
  }

  /**
   * A crisis on an open handover: first in the queue, and the crisis is its topic now (the topic
   * browsed before would mislead the mentor; the summary keeps it). Someone already waiting hears
   * their new place.
   */
  async function flagCrisis({
    uow,
    conversation,
    now,
    userMessageId,
  }: EffectContext): Promise<EffectResult | undefined> {
    // the mentor sees which of the person's messages set off the crisis answer
    if (userMessageId !== undefined) await uow.transcript.markCrisis(userMessageId);
    const open = await uow.handovers.findOpenByConversation(conversation.id);
    if (!open) return undefined;
    const flagged: HandoverRecord = { ...open, crisis: true, priority: priorityFor(true), topic: null };
    await uow.handovers.update(open.id, { crisis: true, priority: flagged.priority, topic: null });
    logger.warn({ event: 'handover.crisis', handoverId: open.id }, 'crisis flagged on an open handover');
    if (open.status === 'waiting') return queued(uow, flagged, now);
    return { afterCommit: announce(flagged) };
  }

  /**
   * A warning sign while a handover is open (the dialog emits it only then): the mentor sees which
   * message worried, and may ask directly. The console hears of it with the message itself
   * (`onUserMessage`).
   */
  async function flagConcern({ uow, userMessageId }: EffectContext): Promise<EffectResult | undefined> {
    if (userMessageId !== undefined) await uow.transcript.markConcern(userMessageId);
    return undefined;
  }

  /** consent given after a crisis put the person in the queue: the mentor may read the whole conversation */
  async function shareTranscript({ uow, conversation }: EffectContext): Promise<EffectResult | undefined> {
    const open = await uow.handovers.findOpenByConversation(conversation.id);
    if (!open || open.consent || open.consentWithdrawnAt) return undefined;
    await uow.handovers.update(open.id, {
      consent: true,
      visibleFromMessageId: 0,
      summary: summaryWithConsent(open.summary, true),
    });
    return { afterCommit: announce(open) };
  }

  /**
   * Consent taken back ("ikke del samtalen"): the mentor keeps only what was written after they took
   * over (handoverView.ts), and the console shows that it was taken back. Kept when the person later
   * asks for a mentor again in the same handover: only a new handover asks afresh.
   */
  async function withdrawConsent({ uow, conversation, now }: EffectContext): Promise<EffectResult | undefined> {
    const open = await uow.handovers.findOpenByConversation(conversation.id);
    if (!open || open.consentWithdrawnAt) return undefined;
    const withdrawn: HandoverRecord = {
      ...open,
      consent: false,
      consentWithdrawnAt: now,
      summary: summaryWithConsent(open.summary, false),
    };
    await uow.handovers.update(open.id, {
      consent: false,
      consentWithdrawnAt: now,
      summary: withdrawn.summary,
    });
    logger.info({ event: 'handover.consentWithdrawn', handoverId: open.id }, 'consent withdrawn by the user');
    return { afterCommit: announce(withdrawn) };
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

  /** a web chat visitor's number, kept with their open callback only (closing or SLETT erases it) */
  async function saveCallbackContact(
    phone: string,
    { uow, conversation }: EffectContext,
  ): Promise<EffectResult | undefined> {
    const open = await uow.handovers.findOpenByConversation(conversation.id);
    if (open?.status !== 'callback') return undefined;
    await uow.handovers.update(open.id, { contactPhone: phone });
    logger.info({ event: 'callback.contact', handoverId: open.id }, 'callback number left');
    return { afterCommit: announce(open) };
  }

  return {
    async onEffect(effect, context) {
      switch (effect.kind) {
        case 'requestHandover':
          return requestHandover(effect, context);
        case 'cancelHandover':
          return cancelHandover(context, effect.erasing === true);
        case 'flagCrisis':
          return flagCrisis(context);
        case 'flagConcern':
          return flagConcern(context);
        case 'shareTranscript':
          return shareTranscript(context);
        case 'withdrawConsent':
          return withdrawConsent(context);
        case 'saveCallbackContact':
          return saveCallbackContact(effect.phone, context);
        case 'relayToMentor':
          return relayToMentor(context);
        default:
          return undefined;
      }
    },

    // looked up in the turn's own transaction: a second one per message would cost a commit
    async onUserMessage({ uow, conversation, openHandoverId }) {
      const handoverId =
        openHandoverId === undefined
          ? (await uow.handovers.findOpenByConversation(conversation.id))?.id
          : openHandoverId;
      if (!handoverId) return undefined;
      return () => events.publish({ type: 'handover.message', handoverId, direction: 'user' });
    },
  };
}
