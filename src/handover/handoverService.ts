/**
 * The mentor's side of a handover: the queue, one handover with its transcript, accept (exactly one
 * mentor wins), chat, hand back to the bot, close, and the callback list. What the person hears is
 * sent in the background, in order (ConversationOutbox), so no answer to the console waits on Twilio.
 */
import type { Logger } from 'pino';
import { type ConversationEngine, lockKeyOf } from '../conversation/conversationEngine.js';
import type { EventWithoutFacts } from '../conversation/turnHooks.js';
import { maskFodselsnummer } from '../privacy/fodselsnummer.js';
import { count, hourOf, METRICS, waitBucketOf } from '../statistics/metrics.js';
import type { ConversationRecord, HandoverOutcome, HandoverRecord, Store, UnitOfWork } from '../storage/ports.js';
import { type ColleagueView, isOnDuty, listColleagues } from './colleagues.js';
import type { ConversationOutbox } from './conversationOutbox.js';
import { createDeliveryStatusBook, type DeliveryStatusBook } from './deliveryStatusBook.js';
import { compareQueueOrder } from './handoverQueue.js';
import { cancelHandoverTimers, scheduleMentorLost } from './handoverTimers.js';
import type { HandoverTimings } from './handoverTimings.js';
import {
  type CallbackView,
  callbackPhone,
  type HandoverDetailView,
  type HandoverView,
  type MentorRef,
  type MessageView,
  toCallbackView,
  toHandoverView,
  toMessageView,
  toNoteView,
  visibleMessages,
} from './handoverView.js';
import { nextMessageId, withLockedHandover } from './lockedHandover.js';
import type { MentorEventBus } from './mentorEvents.js';

export type HandoverErrorCode =
  /** no such handover (or it was erased) */
  | 'not_found'
  /** another mentor accepted it first */
  | 'already_taken'
  /** it is not waiting in the queue (closed, or on the callback list) */
  | 'not_waiting'
  /** it is not with a mentor right now */
  | 'not_active'
  /** another mentor has it */
  | 'not_yours'
  /** the person sent STOPP: nothing more may be sent to them */
  | 'opted_out'
  /** it is not an open callback */
  | 'not_callback'
  /** the callback left no number to text */
  | 'no_contact'
  /** that number already has an open conversation with the helpline: answer it there */
  | 'sms_open'
  /** the mentor already has as many conversations as MENTOR_MAX_CONVERSATIONS allows */
  | 'mentor_at_capacity'
  /** a transfer to a username that is no account, a disabled one, or one still on its one-time password */
  | 'unknown_mentor'
  /** giving a waiting person to a mentor who is not at the console, or on a pause */
  | 'mentor_not_on_duty';

export type HandoverResult<T> = { ok: true; value: T } | { ok: false; code: HandoverErrorCode };

export interface HandoverService {
  /** waiting and active handovers, in queue order (crisis first, then longest waiting) */
  list(): Promise<HandoverView[]>;
  get(id: string): Promise<HandoverDetailView | undefined>;
  accept(id: string, mentor: MentorRef): Promise<HandoverResult<HandoverView>>;
  /** stores the message and returns at once; delivery goes on in the background */
  sendMessage(id: string, mentor: MentorRef, text: string): Promise<HandoverResult<MessageView>>;
  /** back to the bot, without an outcome */
  release(id: string, mentor: MentorRef): Promise<HandoverResult<HandoverView>>;
  close(id: string, mentor: MentorRef, outcome: HandoverOutcome): Promise<HandoverResult<HandoverView>>;
  /** open callback requests, oldest first (crisis first) */
  listCallbacks(): Promise<CallbackView[]>;
  markCallbackDone(id: string, mentor: MentorRef, outcome: HandoverOutcome): Promise<HandoverResult<CallbackView>>;
  /**
   * Answers a callback by text: an ordinary SMS handover, active with this mentor, to the number the
   * callback holds (the SMS sender's own, or the one a web chat visitor left; that callback is then
   * closed, which erases the number from it). The person gets a short line saying who writes, then
   * `text`; their replies reach the mentor.
   */
  startSmsFromCallback(id: string, mentor: MentorRef, text: string): Promise<HandoverResult<HandoverView>>;
  /** every waiting and active conversation for the coordinators' overview: crisis first, then queue order */
  overview(): Promise<OverviewEntry[]>;
  /**
   * Moves an active conversation to another mentor (`toUsername`; the coordinator's own to take it
   * over). A mentor may move only their own (`byCoordinator` false), with an optional note that only
   * mentors see. The person is told a new mentor is taking over; the transcript stays with the
   * handover, so the new mentor reads what the old one could.
   */
  transfer(
    id: string,
    actor: MentorRef,
    toUsername: string,
    options: { byCoordinator: boolean; note?: string },
  ): Promise<HandoverResult<HandoverView>>;
  /**
   * A coordinator gives a waiting conversation to a named mentor, who must be on duty (at the console,
   * not on a pause) and under MENTOR_MAX_CONVERSATIONS: as if that mentor had accepted it (the person
   * hears a mentor is here, the mentor's console is told it was given a conversation).
   */
  assign(id: string, actor: MentorRef, toUsername: string): Promise<HandoverResult<HandoverView>>;
  /** the colleagues `mentor` can hand a conversation to, with whether they are there and their load */
  colleagues(mentor: MentorRef): Promise<ColleagueView[]>;
  /** the mentor is at the console: restarts the grace period of every person they have */
  noteMentorSeen(mentorId: string): Promise<void>;
  /** resolves when the background deliveries enqueued so far have finished (call before closing the store) */
  idle(): Promise<void>;
  /** stops listening to the event bus */
  stop(): Promise<void>;
}

export interface HandoverServiceDeps {
  store: Store;
  engine: ConversationEngine;
  events: MentorEventBus;
  outbox: ConversationOutbox;
  clock: () => Date;
  timings: HandoverTimings;
  logger: Logger;
  /** told how long a person had waited when a mentor accepts (metrics) */
  onAccepted?: (waitSeconds: number) => void;
}

export interface OverviewEntry extends HandoverView {
  /** ISO 8601; null while waiting */
  acceptedAt: string | null;
}

export async function createHandoverService(deps: HandoverServiceDeps): Promise<HandoverService> {
  const { store, engine, events, outbox, clock, timings, logger } = deps;
  // the same cap the wait estimate counts free mentors by (MENTOR_MAX_CONVERSATIONS)
  const maxPerMentor = timings.maxConversationsPerMentor;
  const deliveries: DeliveryStatusBook = await createDeliveryStatusBook(events);
  /** when each mentor's grace periods were last restarted by this instance */
  const presenceWrittenAt = new Map<string, number>();

  async function mentorRefs(uow: UnitOfWork): Promise<Map<string, MentorRef>> {
    const accounts = await uow.mentors.list();
    return new Map(accounts.map((account) => [account.id, { id: account.id, username: account.username }]));
  }

  function announce(handover: HandoverRecord): Promise<void> {
    return events.publish({
      type: 'handover.changed',
      handoverId: handover.id,
      status: handover.status,
      crisis: handover.crisis,
    });
  }

  /** tells the person's dialog (and so the person) in the background, after anything sent before */
  function tellDialog(conversationId: string, event: EventWithoutFacts): void {
    outbox.enqueue(conversationId, async () => {
      await engine.dispatch(conversationId, event);
    });
  }

  /** whether the mentor already has as many active conversations as allowed */
  async function atCapacity(uow: UnitOfWork, mentorId: string): Promise<boolean> {
    const active = await uow.handovers.listByStatus(['active']);
    return active.filter((handover) => handover.mentorId === mentorId).length >= maxPerMentor;
  }

  /**
   * A waiting handover becomes `mentorId`'s (accepted by them, or given to them by a coordinator):
   * within the cap, exactly one claim wins; the wait timers give way to the mentor's grace period.
   */
  async function claimFromQueue(
    uow: UnitOfWork,
    handover: HandoverRecord,
    mentorId: string,
    now: Date,
  ): Promise<HandoverResult<HandoverRecord>> {
    const { id } = handover;
    if (await atCapacity(uow, mentorId)) return { ok: false, code: 'mentor_at_capacity' };
    if (!(await uow.handovers.claim(id, mentorId, now))) return { ok: false, code: 'already_taken' };
    // under the conversation's lock: every row written from here on has a larger id
    const takenOverFromMessageId = await nextMessageId(uow, handover.conversationId);
    await uow.handovers.update(id, { takenOverFromMessageId });
    await cancelHandoverTimers(uow, handover.conversationId);
    await scheduleMentorLost(uow, handover, mentorId, now, timings);
    const waited = Math.max(0, (now.getTime() - handover.waitingSince.getTime()) / 60_000);
    await uow.statistics.increment(hourOf(now), [
      count(METRICS.handoverAccepted, handover.channel),
      count(METRICS.waitMinutes, waitBucketOf(waited)),
    ]);
    return {
      ok: true,
      value: { ...handover, status: 'active', mentorId, acceptedAt: now, takenOverFromMessageId },
    };
  }

  /** after the claim's commit: metrics, the consoles, and the person's dialog hears a mentor is here */
  async function afterAccepted(record: HandoverRecord, mentor: MentorRef, now: Date): Promise<void> {
    logger.info({ event: 'handover.accepted', handoverId: record.id, mentorId: mentor.id }, 'handover accepted');
    deps.onAccepted?.((now.getTime() - record.waitingSince.getTime()) / 1000);
    presenceWrittenAt.set(mentor.id, now.getTime());
    await announce(record);
    tellDialog(record.conversationId, { type: 'handover.accepted' });
  }

  /** runs `work` on the locked handover and answers not_found when it is gone */
  async function locked<T>(
    id: string,
    work: (uow: UnitOfWork, handover: HandoverRecord, conversation: ConversationRecord) => Promise<HandoverResult<T>>,
  ): Promise<HandoverResult<T>> {
    const result = await withLockedHandover(store, id, work);
    return result.found ? result.value : { ok: false, code: 'not_found' };
  }

  /** ends a handover the mentor holds (or, for close, one still waiting) */
  async function finish(
    id: string,
    mentor: MentorRef,
    ending: { outcome: HandoverOutcome | null; event: 'handover.released' | 'handover.closed' },
  ): Promise<HandoverResult<HandoverView>> {
    const now = clock();
    const result = await locked(id, async (uow, handover) => {
      const mayEnd =
        (handover.status === 'active' && handover.mentorId === mentor.id) ||
        (handover.status === 'waiting' && ending.event === 'handover.closed');
      if (!mayEnd) return { ok: false, code: handover.status === 'active' ? 'not_yours' : 'not_active' };
      const closing = {
        status: 'closed',
        outcome: ending.outcome,
        closedAt: now,
        closedBeforeMessageId: await nextMessageId(uow, handover.conversationId),
      } as const;
      await uow.handovers.update(id, closing);
      await cancelHandoverTimers(uow, handover.conversationId);
      if (ending.outcome) await uow.statistics.increment(hourOf(now), [count(METRICS.outcome, ending.outcome)]);
      const closed: HandoverRecord = { ...handover, ...closing };
      return { ok: true, value: { record: closed, view: toHandoverView(closed, await mentorRefs(uow)) } };
    });
    if (!result.ok) return result;
    const { record, view } = result.value;
    logger.info(
      { event: ending.event, handoverId: id, mentorId: mentor.id, outcome: ending.outcome },
      'handover ended by a mentor',
    );
    await announce(record);
    tellDialog(record.conversationId, { type: ending.event });
    return { ok: true, value: view };
  }

  /** an SMS callback: that conversation's own handover becomes the mentor's */
  async function takeSmsCallback(
    id: string,
    mentor: MentorRef,
    now: Date,
  ): Promise<HandoverResult<{ record: HandoverRecord; event: EventWithoutFacts; closed?: HandoverRecord }>> {
    return locked(id, async (uow, handover, conversation) => {
      if (handover.status !== 'callback') return { ok: false, code: 'not_callback' };
      if (await uow.optOuts.isOptedOut(conversation.channel, conversation.address)) {
        return { ok: false, code: 'opted_out' };
      }
      const takenOverFromMessageId = await nextMessageId(uow, conversation.id);
      const record: HandoverRecord = {
        ...handover,
        status: 'active',
        mentorId: mentor.id,
        acceptedAt: now,
        takenOverFromMessageId,
      };
      await uow.handovers.update(id, {
        status: 'active',
        mentorId: mentor.id,
        acceptedAt: now,
        handledAt: now,
        takenOverFromMessageId,
      });
      await scheduleMentorLost(uow, record, mentor.id, now, timings);
      return { ok: true, value: { record, event: { type: 'handover.accepted' } } };
    });
  }

  /** a web chat callback with a number: a new SMS handover with the mentor; the web callback closes */
  async function textWebCallback(
    callback: HandoverRecord,
    webConversation: ConversationRecord,
    phone: string,
    mentor: MentorRef,
    now: Date,
  ): Promise<HandoverResult<{ record: HandoverRecord; event: EventWithoutFacts; closed?: HandoverRecord }>> {
    return store.transaction(lockKeyOf('sms', phone), async (uow) => {
      const current = await uow.handovers.get(callback.id);
      if (current?.status !== 'callback' || current.contactPhone !== phone) return { ok: false, code: 'not_callback' };
      if (await uow.optOuts.isOptedOut('sms', phone)) return { ok: false, code: 'opted_out' };
      const conversation =
        (await uow.conversations.findByAddress('sms', phone)) ??
        (await uow.conversations.create({ channel: 'sms', address: phone, locale: webConversation.locale, now }));
      if (await uow.handovers.findOpenByConversation(conversation.id)) return { ok: false, code: 'sms_open' };
      const firstNew = await nextMessageId(uow, conversation.id);
      const created = await uow.handovers.create({
        conversationId: conversation.id,
        channel: 'sms',
        status: 'waiting',
        priority: current.priority,
        crisis: current.crisis,
        // the web chat transcript stays with the web chat; an earlier SMS conversation was never shared
        consent: false,
        topic: current.topic,
        summary: current.summary,
        waitingSince: now,
        visibleFromMessageId: firstNew,
        takenOverFromMessageId: firstNew,
      });
      if (!(await uow.handovers.claim(created.id, mentor.id, now))) return { ok: false, code: 'already_taken' };
      await uow.conversations.update(conversation.id, { updatedAt: now });
      await scheduleMentorLost(uow, created, mentor.id, now, timings);
      await uow.handovers.update(current.id, {
        status: 'closed',
        outcome: 'answered',
        closedAt: now,
        // the web chat's lock is not held here: a row the visitor writes at this very moment may fall either side
        closedBeforeMessageId: await nextMessageId(uow, current.conversationId),
        handledAt: now,
        mentorId: mentor.id,
      });
      const record: HandoverRecord = { ...created, status: 'active', mentorId: mentor.id, acceptedAt: now };
      const closed: HandoverRecord = { ...current, status: 'closed', contactPhone: null, closedAt: now };
      return { ok: true, value: { record, event: { type: 'handover.startedByMentor' }, closed } };
    });
  }

  const service: HandoverService = {
    async list() {
      return store.transaction(null, async (uow) => {
        const handovers = await uow.handovers.listByStatus(['waiting', 'active']);
        const mentors = await mentorRefs(uow);
        return handovers.sort(compareQueueOrder).map((handover) => toHandoverView(handover, mentors));
      });
    },

    async get(id) {
      return store.transaction(null, async (uow) => {
        const handover = await uow.handovers.get(id);
        if (!handover) return undefined;
        const transcript = await uow.transcript.list(handover.conversationId, {
          sinceId: handover.visibleFromMessageId,
        });
        const phone = callbackPhone(handover, await uow.conversations.get(handover.conversationId));
        return {
          ...toHandoverView(handover, await mentorRefs(uow)),
          consent: handover.consent,
          consentWithdrawnAt: handover.consentWithdrawnAt?.toISOString() ?? null,
          acceptedAt: handover.acceptedAt?.toISOString() ?? null,
          closedAt: handover.closedAt?.toISOString() ?? null,
          outcome: handover.outcome,
          messages: visibleMessages(handover, transcript).map((message) =>
            toMessageView(message, deliveries.get(message.id)),
          ),
          notes: (await uow.handoverNotes.list(handover.id)).map(toNoteView),
          ...(phone ? { phone } : {}),
        };
      });
    },

    async accept(id, mentor) {
      const now = clock();
      const result = await locked<{ record: HandoverRecord; fresh: boolean }>(id, async (uow, handover) => {
        if (handover.status === 'active') {
          // a second click by the same mentor is not a conflict
          if (handover.mentorId === mentor.id) return { ok: true, value: { record: handover, fresh: false } };
          return { ok: false, code: 'already_taken' };
        }
        if (handover.status !== 'waiting') return { ok: false, code: 'not_waiting' };
        const claimed = await claimFromQueue(uow, handover, mentor.id, now);
        return claimed.ok ? { ok: true, value: { record: claimed.value, fresh: true } } : claimed;
      });
      if (!result.ok) return result;
      const { record, fresh } = result.value;
      if (fresh) await afterAccepted(record, mentor, now);
      return { ok: true, value: toHandoverView(record, new Map([[mentor.id, mentor]])) };
    },

    async assign(id, actor, toUsername) {
      const now = clock();
      const username = toUsername.trim().toLowerCase();
      const result = await locked<{ record: HandoverRecord; mentor: MentorRef }>(id, async (uow, handover) => {
        if (handover.status !== 'waiting') return { ok: false, code: 'not_waiting' };
        const target = await uow.mentors.findByUsername(username);
        // an account still on its one-time password cannot open the conversation until it has its own
        if (!target || target.disabled || target.mustChangePassword) return { ok: false, code: 'unknown_mentor' };
        if (!(await isOnDuty(uow, target.id, now, timings.mentorGraceMs))) {
          return { ok: false, code: 'mentor_not_on_duty' };
        }
        const claimed = await claimFromQueue(uow, handover, target.id, now);
        if (!claimed.ok) return claimed;
        return { ok: true, value: { record: claimed.value, mentor: { id: target.id, username: target.username } } };
      });
      if (!result.ok) return result;
      const { record, mentor } = result.value;
      logger.info(
        { event: 'handover.assigned', handoverId: id, actorId: actor.id, mentorId: mentor.id },
        'waiting handover given to a mentor by a coordinator',
      );
      await afterAccepted(record, mentor, now);
      // the mentor's console says a conversation was given to them
      await events.publish({ type: 'handover.transferred', handoverId: id, toMentor: mentor.username });
      return { ok: true, value: toHandoverView(record, new Map([[mentor.id, mentor]])) };
    },

    async sendMessage(id, mentor, typed) {
      const now = clock();
      // no fødselsnummer is stored, whoever types it
      const { text } = maskFodselsnummer(typed);
      const result = await locked(id, async (uow, handover, conversation) => {
        if (handover.status !== 'active') return { ok: false, code: 'not_active' };
        if (handover.mentorId !== mentor.id) return { ok: false, code: 'not_yours' };
        if (await uow.optOuts.isOptedOut(conversation.channel, conversation.address)) {
          return { ok: false, code: 'opted_out' };
        }
        const messageId = await uow.transcript.append({
          conversationId: conversation.id,
          direction: 'mentor',
          text,
          at: now,
        });
        // a conversation with a mentor is not idle, whatever retention says
        await uow.conversations.update(conversation.id, { updatedAt: now });
        return { ok: true, value: { messageId, conversation } };
      });
      if (!result.ok) return result;
      const { messageId, conversation } = result.value;
      const report = (status: 'sending' | 'sent' | 'failed') => {
        deliveries.record(messageId, status);
        return events.publish({ type: 'message.delivery', handoverId: id, messageId, status });
      };
      await report('sending');
      await events.publish({ type: 'handover.message', handoverId: id, direction: 'mentor' });
      outbox.enqueue(conversation.id, async () => {
        try {
          // the channel sender retries with backoff; what is left after that is a failure the mentor sees
          await engine.deliver(conversation, [{ kind: 'mentor', text, mentorName: mentor.username }]);
          await report('sent');
        } catch (error) {
          await report('failed');
          throw error;
        }
      });
      return {
        ok: true,
        value: { id: messageId, direction: 'mentor', text, at: now.toISOString(), delivery: 'sending' },
      };
    },

    release: (id, mentor) => finish(id, mentor, { outcome: null, event: 'handover.released' }),

    close: (id, mentor, outcome) => finish(id, mentor, { outcome, event: 'handover.closed' }),

    async listCallbacks() {
      return store.transaction(null, async (uow) => {
        const callbacks = await uow.handovers.listByStatus(['callback']);
        const mentors = await mentorRefs(uow);
        const views: CallbackView[] = [];
        for (const handover of callbacks.sort(compareQueueOrder)) {
          views.push(toCallbackView(handover, await uow.conversations.get(handover.conversationId), mentors));
        }
        return views;
      });
    },

    async markCallbackDone(id, mentor, outcome) {
      const now = clock();
      const result = await locked(id, async (uow, handover, conversation) => {
        if (handover.status !== 'callback') return { ok: false, code: 'not_callback' };
        await uow.statistics.increment(hourOf(now), [count(METRICS.outcome, outcome)]);
        const closing = {
          status: 'closed',
          outcome,
          closedAt: now,
          closedBeforeMessageId: await nextMessageId(uow, conversation.id),
          handledAt: now,
          mentorId: mentor.id,
        } as const;
        await uow.handovers.update(id, closing);
        const done: HandoverRecord = { ...handover, ...closing };
        return {
          ok: true,
          value: { record: done, view: toCallbackView(done, conversation, new Map([[mentor.id, mentor]])) },
        };
      });
      if (!result.ok) return result;
      logger.info({ event: 'callback.done', handoverId: id, mentorId: mentor.id, outcome }, 'callback handled');
      await announce(result.value.record);
      return { ok: true, value: result.value.view };
    },

    async overview() {
      return store.transaction(null, async (uow) => {
        const handovers = await uow.handovers.listByStatus(['waiting', 'active']);
        const mentors = await mentorRefs(uow);
        return handovers
          .sort((a, b) => Number(b.crisis) - Number(a.crisis) || compareQueueOrder(a, b))
          .map((handover) => ({
            ...toHandoverView(handover, mentors),
            acceptedAt: handover.acceptedAt?.toISOString() ?? null,
          }));
      });
    },

    async transfer(id, actor, toUsername, { byCoordinator, note }) {
      const now = clock();
      type Moved = { record: HandoverRecord; conversation: ConversationRecord; moved: boolean; optedOut: boolean };
      const result = await locked<Moved>(id, async (uow, handover, conversation) => {
        if (handover.status !== 'active') return { ok: false, code: 'not_active' };
        if (!byCoordinator && handover.mentorId !== actor.id) return { ok: false, code: 'not_yours' };
        const target = await uow.mentors.findByUsername(toUsername.trim().toLowerCase());
        // an account still on its one-time password cannot open the conversation until it has its own
        if (!target || target.disabled || target.mustChangePassword) return { ok: false, code: 'unknown_mentor' };
        const from = handover.mentorId === null ? undefined : await uow.mentors.get(handover.mentorId);
        const record: HandoverRecord = { ...handover, mentorId: target.id };
        if (target.id === handover.mentorId) {
          return { ok: true, value: { record, conversation, moved: false, optedOut: false } };
        }
        if (await atCapacity(uow, target.id)) return { ok: false, code: 'mentor_at_capacity' };
        await uow.handovers.update(id, { mentorId: target.id });
        await cancelHandoverTimers(uow, handover.conversationId);
        await scheduleMentorLost(uow, record, target.id, now, timings);
        if (note) {
          await uow.handoverNotes.add({
            handoverId: id,
            fromMentor: from?.username ?? actor.username,
            toMentor: target.username,
            text: note,
            at: now,
          });
        }
        const optedOut = await uow.optOuts.isOptedOut(conversation.channel, conversation.address);
        const mentors = new Map([[target.id, { id: target.id, username: target.username }]]);
        return {
          ok: true,
          value: { record, conversation, moved: true, optedOut, view: toHandoverView(record, mentors) },
        };
      });
      if (!result.ok) return result;
      const { record, conversation } = result.value;
      if (result.value.moved) {
        // ids only: the note and the person's words stay out of the log
        logger.info(
          {
            event: 'handover.transferred',
            handoverId: id,
            actorId: actor.id,
            mentorId: record.mentorId,
            byCoordinator,
          },
          'handover moved to another mentor',
        );
        await announce(record);
        await events.publish({
          type: 'handover.transferred',
          handoverId: id,
          toMentor: toUsername.trim().toLowerCase(),
        });
        if (!result.value.optedOut) {
          outbox.enqueue(conversation.id, () =>
            engine.deliver(conversation, [{ kind: 'bot', message: { key: 'system.mentorTransferred' } }]),
          );
        }
      }
      const mentors = await store.transaction(null, mentorRefs);
      return { ok: true, value: toHandoverView(record, mentors) };
    },

    async colleagues(mentor) {
      const facts = {
        now: clock(),
        mentorId: mentor.id,
        graceMs: timings.mentorGraceMs,
        maxConversations: maxPerMentor,
      };
      return store.transaction(null, (uow) => listColleagues(uow, facts));
    },

    async noteMentorSeen(mentorId) {
      const now = clock();
      const written = presenceWrittenAt.get(mentorId);
      if (written !== undefined && now.getTime() - written < timings.presenceRefreshMs) return;
      presenceWrittenAt.set(mentorId, now.getTime());
      const held = await store.transaction(null, async (uow) =>
        (await uow.handovers.listByStatus(['active'])).filter((handover) => handover.mentorId === mentorId),
      );
      for (const handover of held) {
        await withLockedHandover(store, handover.id, async (uow, current) => {
          if (current.status !== 'active' || current.mentorId !== mentorId) return;
          await scheduleMentorLost(uow, current, mentorId, now, timings);
        });
      }
    },

    async startSmsFromCallback(id, mentor, text) {
      const now = clock();
      const found = await store.transaction(null, async (uow) => {
        const handover = await uow.handovers.get(id);
        const conversation = handover && (await uow.conversations.get(handover.conversationId));
        return handover && conversation ? { handover, conversation } : undefined;
      });
      if (!found) return { ok: false, code: 'not_found' };
      const { handover, conversation } = found;
      if (handover.status !== 'callback') return { ok: false, code: 'not_callback' };
      const phone = callbackPhone(handover, conversation);
      if (!phone) return { ok: false, code: 'no_contact' };
      const started =
        conversation.channel === 'sms'
          ? await takeSmsCallback(id, mentor, now)
          : await textWebCallback(handover, conversation, phone, mentor, now);
      if (!started.ok) return started;
      const { record, event } = started.value;
      // the number is never logged
      logger.info(
        { event: 'callback.texted', handoverId: id, smsHandoverId: record.id, mentorId: mentor.id },
        'callback answered by SMS',
      );
      presenceWrittenAt.set(mentor.id, now.getTime());
      if (started.value.closed) await announce(started.value.closed);
      await announce(record);
      outbox.enqueue(record.conversationId, async () => {
        await engine.dispatch(record.conversationId, event);
        const sent = await service.sendMessage(record.id, mentor, text);
        if (!sent.ok) logger.warn({ handoverId: record.id, code: sent.code }, 'first SMS to a callback not sent');
      });
      return { ok: true, value: toHandoverView(record, new Map([[mentor.id, mentor]])) };
    },

    idle: () => outbox.idle(),

    stop: () => deliveries.close(),
  };
  return service;
}
