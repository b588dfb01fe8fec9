/**
 * The conversation engine: one turn per message. Lock the conversation, restore its dialog actor from
 * the persisted snapshot, send one event, carry out the effects, persist snapshot + transcript in the
 * same transaction, stop the actor. No actor outlives a turn.
 */

import type { Logger } from 'pino';
import { type AnyStateMachine, createActor } from 'xstate';
import type { ChannelSender, Delivery } from '../domain/channelSender.js';
import type {
  Choice,
  DialogEffect,
  DialogEmitted,
  DialogEvent,
  DialogFacts,
  OutboundMessage,
} from '../domain/dialogProtocol.js';
import type { Channel, Classifier, Locale } from '../domain/domain.js';
import type { InboundMessage, TurnOutcome } from '../domain/inbound.js';
import type { Translations } from '../i18n/i18n.js';
import { choiceNumberOf } from '../nlu/choiceNumber.js';
import type { ConsentWithdrawalMatcher } from '../privacy/consentWithdrawal.js';
import { maskFodselsnummer } from '../privacy/fodselsnummer.js';
import { maskContactDetails } from '../privacy/maskPersonalData.js';
import type { ConversationRecord, Store, UnitOfWork } from '../storage/ports.js';
import type { KeywordMatcher } from './keywordMatcher.js';
import { surfaceOf } from './messageSurface.js';
import { parseNorwegianMobile } from './norwegianMobile.js';
import { renderPlainText } from './renderPlainText.js';
import type { EventWithoutFacts, TurnHooks } from './turnHooks.js';

/** What the conversations.snapshot column holds. */
interface StoredDialogState {
  machine: unknown;
  /** the choices of the last message, so that a reply "2" picks the second */
  offeredChoices: Choice[];
  /** the person has written in this conversation (a web chat starts with the bot's welcome) */
  spoke?: boolean;
  /** the person has been told once that they need not share their fødselsnummer */
  fodselsnummerNoted?: true;
}

/** said once per conversation, before the answer, when a message held a fødselsnummer (masked) */
const FODSELSNUMMER_NOTE: OutboundMessage = { key: 'system.fodselsnummerNote' };

export interface ConversationEngineDeps {
  store: Store;
  machine: AnyStateMachine;
  classify: Classifier;
  matchKeyword: KeywordMatcher;
  /** "ikke del samtalen"; without it, no message takes consent back */
  matchConsentWithdrawal?: ConsentWithdrawalMatcher;
  translations: Translations;
  clock: () => Date;
  defaultLocale: Locale;
  mentorsOnDuty: (at: Date) => boolean;
  /** RETENTION_DAYS, for what the copy says about keeping data */
  retentionDays: number;
  /** KEEP_UNANSWERED_SAMPLES: an example candidate keeps the masked text of the message it labels */
  keepUnansweredSamples?: boolean;
  logger: Logger;
  hooks?: TurnHooks;
  senders?: Partial<Record<Channel, ChannelSender>>;
  /** told how each user message ended and how long it took (metrics); `failed` when it threw */
  observeTurn?: (channel: Channel, outcome: 'answered' | 'duplicate' | 'failed', seconds: number) => void;
}

interface TurnRun {
  conversation: ConversationRecord;
  outbound: OutboundMessage[];
  erased: boolean;
  afterCommit: Array<() => Promise<void>>;
  /** an effect was carried out by the hooks (handover queue, consent …), so what they read may have changed */
  hookEffects: boolean;
}

/** a turn that began with the person's message */
interface UserMessageTurn {
  userMessageId: number;
  userText: string;
  /** the message held a fødselsnummer the person has not yet been told about */
  noteFodselsnummer: boolean;
  /** opted out before this turn, as the turn's opening read found */
  optedOut: boolean;
}

export type RenderReply = (outcome: { locale: Locale; outbound: OutboundMessage[] }) => string;

export class ConversationEngine {
  constructor(private readonly deps: ConversationEngineDeps) {}

  /** One user message, one turn. `renderReply` gives the channel's reply, stored for dedupe. */
  async handleMessage(inbound: InboundMessage, renderReply: RenderReply): Promise<TurnOutcome> {
    const observe = this.deps.observeTurn;
    if (!observe) return this.runMessage(inbound, renderReply);
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const outcome = await this.runMessage(inbound, renderReply);
      observe(inbound.channel, outcome.kind === 'turn' ? 'answered' : 'duplicate', seconds());
      return outcome;
    } catch (error) {
      observe(inbound.channel, 'failed', seconds());
      throw error;
    }
  }

  private async runMessage(inbound: InboundMessage, renderReply: RenderReply): Promise<TurnOutcome> {
    const { store, clock } = this.deps;
    const afterCommit: Array<() => Promise<void>> = [];
    const outcome = await store.transaction(lockKeyOf(inbound.channel, inbound.address), async (uow) => {
      const opening = await uow.turnOpening.read({
        channel: inbound.channel,
        address: inbound.address,
        ...(inbound.externalId ? { externalId: inbound.externalId } : {}),
      });
      if (opening.earlierReply !== undefined) {
        return { kind: 'duplicate', reply: opening.earlierReply } satisfies TurnOutcome;
      }
      const now = clock();
      const conversation = await this.findOrCreate(uow, inbound, now, opening.conversation);
      const state = readStoredState(conversation.snapshot);
      // NUL cannot be stored in PostgreSQL text, and no person types it; a fødselsnummer is masked
      // before the text is stored, classified or shown to anyone
      const fodselsnummer = maskFodselsnummer(inbound.text.replaceAll('\u0000', '').trim());
      const text = fodselsnummer.text;
      const userMessageId = await uow.transcript.append({
        conversationId: conversation.id,
        direction: 'user',
        text: this.transcriptText(inbound, text, conversation, state),
        at: now,
        id: opening.transcriptId,
      });
      const event = this.userEvent(inbound, text, conversation, state);
      const speaking = this.followLanguage(conversation, event);
      const note = fodselsnummer.masked && !state?.fodselsnummerNoted;
      const run = await this.runTurn(uow, speaking, state, event, now, {
        userMessageId,
        userText: text,
        noteFodselsnummer: note,
        optedOut: opening.optedOut,
      });
      afterCommit.push(...run.afterCommit);
      const reply = renderReply({ locale: run.conversation.locale, outbound: run.outbound });
      if (inbound.externalId && !run.erased) {
        await uow.processedInbound.record({
          channel: inbound.channel,
          externalId: inbound.externalId,
          conversationId: conversation.id,
          reply,
          at: now,
        });
      }
      if (inbound.twilioMessage) {
        // after a SLETT the conversation is gone, and this records the message straight for erasure
        await uow.twilioMessages.record({ conversationId: conversation.id, ...inbound.twilioMessage, at: now });
      }
      if (!run.erased && this.deps.hooks?.onUserMessage) {
        const announce = await this.deps.hooks.onUserMessage({
          uow,
          conversation: run.conversation,
          // what the opening read found still holds when no effect of the turn could have changed it
          ...(run.hookEffects ? {} : { openHandoverId: opening.openHandoverId }),
        });
        if (announce) afterCommit.push(announce);
      }
      return {
        kind: 'turn',
        conversationId: conversation.id,
        locale: run.conversation.locale,
        outbound: run.outbound,
        reply,
      } satisfies TurnOutcome;
    });
    await this.runAfterCommit(afterCommit);
    return outcome;
  }

  /** A new visitor (web chat `conversationUpdate`): the welcome, without a user message. */
  async startSession(input: {
    channel: Channel;
    address: string;
    localeHint?: Locale;
    reference?: unknown;
  }): Promise<{ conversationId: string; locale: Locale; outbound: OutboundMessage[] }> {
    const afterCommit: Array<() => Promise<void>> = [];
    const result = await this.deps.store.transaction(lockKeyOf(input.channel, input.address), async (uow) => {
      const now = this.deps.clock();
      const found = await uow.conversations.findByAddress(input.channel, input.address);
      const conversation = await this.findOrCreate(uow, { ...input, text: '' }, now, found);
      const state = readStoredState(conversation.snapshot);
      const run = await this.runTurn(uow, conversation, state, { type: 'session.start' }, now);
      afterCommit.push(...run.afterCommit);
      return { conversationId: conversation.id, locale: run.conversation.locale, outbound: run.outbound };
    });
    await this.runAfterCommit(afterCommit);
    return result;
  }

  /**
   * An event that does not come from the user (handover lifecycle, persisted timers). What the
   * dialog says is delivered through the conversation's channel sender.
   */
  async dispatch(conversationId: string, event: EventWithoutFacts): Promise<OutboundMessage[]> {
    const { store } = this.deps;
    const found = await store.transaction(null, (uow) => uow.conversations.get(conversationId));
    if (!found) return [];
    const afterCommit: Array<() => Promise<void>> = [];
    const result = await store.transaction(lockKeyOf(found.channel, found.address), async (uow) => {
      const conversation = await uow.conversations.get(conversationId);
      if (!conversation) return undefined;
      const run = await this.runTurn(
        uow,
        conversation,
        readStoredState(conversation.snapshot),
        event,
        this.deps.clock(),
      );
      afterCommit.push(...run.afterCommit);
      return run;
    });
    if (!result) return [];
    await this.runAfterCommit(afterCommit);
    if (result.outbound.length > 0 && !result.erased) {
      await this.deliver(
        result.conversation,
        result.outbound.map((message) => ({ kind: 'bot', message })),
      );
    }
    return result.outbound;
  }

  /** Sends deliveries on the conversation's own channel (proactive: mentor replies, timers). */
  async deliver(conversation: ConversationRecord, deliveries: Delivery[]): Promise<void> {
    const sender = this.deps.senders?.[conversation.channel];
    // the terminal chat cannot be reached after the fact; callers record the delivery as failed
    if (!sender) throw new Error(`no proactive sender for channel ${conversation.channel}`);
    await sender.send(conversation, conversation.locale, deliveries);
  }

  private async findOrCreate(
    uow: UnitOfWork,
    inbound: InboundMessage,
    now: Date,
    found: ConversationRecord | undefined,
  ): Promise<ConversationRecord> {
    const conversation =
      found ??
      (await uow.conversations.create({
        channel: inbound.channel,
        address: inbound.address,
        locale: inbound.localeHint ?? this.deps.defaultLocale,
        now,
      }));
    if (inbound.reference === undefined) return conversation;
    await uow.conversations.update(conversation.id, { reference: inbound.reference, updatedAt: now });
    return { ...conversation, reference: inbound.reference };
  }

  /** What the mentor will read for this message: the text, or what was picked or sent without text. */
  private transcriptText(
    inbound: InboundMessage,
    text: string,
    conversation: ConversationRecord,
    state: StoredDialogState | undefined,
  ): string {
    // a number left for a callback is kept with the callback only (and erased with it), not in the transcript
    if (parseNorwegianMobile(text)) return '[mobilnummer]';
    if (text !== '') return text;
    const picked = state?.offeredChoices.find((offer) => offer.id === inbound.choice);
    if (picked) return this.deps.translations.t(conversation.locale, picked.labelKey);
    return inbound.hasMedia ? '[bilde]' : '';
  }

  private userEvent(
    inbound: InboundMessage,
    text: string,
    conversation: ConversationRecord,
    state: StoredDialogState | undefined,
  ): EventWithoutFacts {
    const nlu = this.deps.classify(text, { locale: conversation.locale });
    const keyword = text === '' ? undefined : this.deps.matchKeyword(text);
    const offered = state?.offeredChoices ?? [];
    const pickedNumber = choiceNumberOf(text);
    const choice =
      inbound.choice && offered.some((offer) => offer.id === inbound.choice)
        ? inbound.choice
        : pickedNumber !== undefined
          ? offered[pickedNumber - 1]?.id
          : undefined;
    return {
      type: 'user.message',
      nlu,
      ...(keyword ? { keyword } : {}),
      ...(choice ? { choice } : {}),
      ...(this.deps.matchConsentWithdrawal?.(text) ? { withdrawConsent: true } : {}),
      ...surfaceOf(text, inbound.hasMedia, choice !== undefined),
    };
  }

  /** Answers in the language the user writes, once the classifier is sure of it (not for keywords or numbers). */
  private followLanguage(conversation: ConversationRecord, event: EventWithoutFacts): ConversationRecord {
    if (
      event.type !== 'user.message' ||
      event.keyword ||
      event.choice ||
      event.empty ||
      event.emojiOnly ||
      event.phone
    ) {
      return conversation;
    }
    if (event.nlu.language === conversation.locale) return conversation;
    return { ...conversation, locale: event.nlu.language };
  }

  private async runTurn(
    uow: UnitOfWork,
    initial: ConversationRecord,
    state: StoredDialogState | undefined,
    firstEvent: EventWithoutFacts,
    now: Date,
    userMessage?: UserMessageTurn,
  ): Promise<TurnRun> {
    const userMessageId = userMessage?.userMessageId;
    const noteFodselsnummer = userMessage?.noteFodselsnummer === true;
    let conversation = initial;
    const facts: DialogFacts = {
      mentorsOnDuty: this.deps.mentorsOnDuty(now),
      channel: conversation.channel,
      retentionDays: this.deps.retentionDays,
    };
    const actor = this.restoreActor(state, conversation.id);
    const emitted: DialogEmitted[] = [];
    actor.on('*', (event: unknown) => {
      if (isDialogEmitted(event)) emitted.push(event);
    });
    actor.start();
    const outbound: OutboundMessage[] = [];
    const afterCommit: Array<() => Promise<void>> = [];
    let erased = false;
    let hookEffects = false;
    const pending: EventWithoutFacts[] = [firstEvent];
    const optedOutBefore =
      userMessage?.optedOut ?? (await uow.optOuts.isOptedOut(conversation.channel, conversation.address));
    let optedInNow = false;
    try {
      for (let event = pending.shift(); event; event = pending.shift()) {
        emitted.length = 0;
        actor.send({ ...event, facts } as DialogEvent);
        for (const item of emitted.splice(0)) {
          if (item.type === 'say') {
            outbound.push(item.message);
            continue;
          }
          const applied = await this.applyEffect(uow, conversation, item.effect, now, userMessageId);
          hookEffects ||= applied.byHook === true;
          conversation = applied.conversation;
          erased ||= applied.erased;
          optedInNow ||= item.effect.kind === 'optIn';
          pending.push(...(applied.followUps ?? []));
          if (applied.afterCommit) afterCommit.push(applied.afterCommit);
        }
      }
      // silent while opted out; the STOPP confirmation itself still goes out, and START speaks again
      const optedOut = optedOutBefore && !optedInNow;
      if (erased) return { conversation, outbound, erased, afterCommit, hookEffects };
      // a crisis answer stands alone and first: the note waits for a calmer turn
      const noted = noteFodselsnummer && !outbound.some((message) => message.crisis);
      if (noted) outbound.unshift(FODSELSNUMMER_NOTE);
      const lastWithChoices = [...outbound].reverse().find((message) => message.choices);
      const firstUserMessage = userMessage !== undefined && state?.spoke !== true;
      const stored: StoredDialogState = {
        machine: actor.getPersistedSnapshot(),
        offeredChoices: outbound.length === 0 ? (state?.offeredChoices ?? []) : (lastWithChoices?.choices ?? []),
        ...(state?.spoke || userMessage ? { spoke: true } : {}),
        ...(noted || state?.fodselsnummerNoted ? { fodselsnummerNoted: true as const } : {}),
      };
      // opted out: only the crisis answer and what the person asked for themselves (SLETT) go out
      const delivered = optedOut ? outbound.filter((message) => message.crisis || message.reachesOptedOut) : outbound;
      await uow.transcript.appendAll(
        conversation.id,
        delivered.map((message) => ({
          direction: 'bot' as const,
          text: renderPlainText(this.deps.translations.t, conversation.locale, message),
        })),
        now,
      );
      await uow.conversations.update(conversation.id, {
        snapshot: stored,
        locale: conversation.locale,
        status: 'open',
        updatedAt: now,
      });
      await this.deps.hooks?.onTurnEnd?.({
        uow,
        conversation,
        now,
        event: firstEvent,
        ...(userMessage ? { userText: userMessage.userText } : {}),
        firstUserMessage,
        before: state?.machine,
        after: stored.machine,
        outbound: delivered,
      });
      return { conversation, outbound: delivered, erased, afterCommit, hookEffects };
    } finally {
      actor.stop();
    }
  }

  private restoreActor(state: StoredDialogState | undefined, conversationId: string) {
    const { machine, logger } = this.deps;
    if (state?.machine) {
      try {
        // the stored JSON is checked by XState when it restores the snapshot
        return createActor(machine, { snapshot: state.machine as never });
      } catch (error) {
        // a snapshot from an older machine version: start the dialog afresh rather than fail the turn
        logger.warn({ conversationId, err: error }, 'dialog snapshot could not be restored; starting afresh');
      }
    }
    return createActor(machine);
  }

  private async applyEffect(
    uow: UnitOfWork,
    conversation: ConversationRecord,
    effect: DialogEffect,
    now: Date,
    userMessageId?: number,
  ): Promise<{
    conversation: ConversationRecord;
    erased: boolean;
    /** carried out by the hooks */
    byHook?: boolean;
    followUps?: EventWithoutFacts[];
    afterCommit?: () => Promise<void>;
  }> {
    switch (effect.kind) {
      case 'optOut':
        await uow.optOuts.optOut(conversation.channel, conversation.address, now);
        return { conversation, erased: false };
      case 'optIn':
        await uow.optOuts.optIn(conversation.channel, conversation.address);
        return { conversation, erased: false };
      case 'setLocale':
        return { conversation: { ...conversation, locale: effect.locale }, erased: false };
      case 'erase':
        await uow.optOuts.optIn(conversation.channel, conversation.address);
        await uow.conversations.delete(conversation.id);
        this.deps.logger.info({ conversationId: conversation.id }, 'conversation erased on request');
        return { conversation, erased: true };
      case 'recordExampleCandidate': {
        const text = this.deps.keepUnansweredSamples
          ? await this.userTextBefore(uow, conversation.id, userMessageId)
          : undefined;
        await uow.exampleCandidates.add({
          topic: effect.topic,
          dialogState: effect.dialogState,
          hour: startOfHour(now),
          ...(text ? { maskedText: maskContactDetails(text) } : {}),
        });
        return { conversation, erased: false };
      }
      default: {
        const result = await this.deps.hooks?.onEffect(effect, { uow, conversation, now, userMessageId });
        return {
          conversation,
          erased: false,
          byHook: true,
          followUps: result?.followUps,
          afterCommit: result?.afterCommit,
        };
      }
    }
  }

  /** the person's message before this turn's: the one a "Mener du …?" pick labels */
  private async userTextBefore(
    uow: UnitOfWork,
    conversationId: string,
    userMessageId: number | undefined,
  ): Promise<string | undefined> {
    const messages = await uow.transcript.list(conversationId);
    const earlier = messages.filter(
      (message) => message.direction === 'user' && (userMessageId === undefined || message.id < userMessageId),
    );
    const text = earlier.at(-1)?.text.trim();
    return text === '' ? undefined : text;
  }

  private async runAfterCommit(callbacks: Array<() => Promise<void>>): Promise<void> {
    for (const callback of callbacks) {
      try {
        await callback();
      } catch (error) {
        this.deps.logger.error({ err: error }, 'after-commit step failed');
      }
    }
  }
}

function startOfHour(at: Date): Date {
  const hour = new Date(at);
  hour.setUTCMinutes(0, 0, 0);
  return hour;
}

export function lockKeyOf(channel: Channel, address: string): string {
  return `conversation:${channel}:${address}`;
}

function readStoredState(snapshot: unknown): StoredDialogState | undefined {
  if (typeof snapshot !== 'object' || snapshot === null || !('machine' in snapshot)) return undefined;
  const offered = 'offeredChoices' in snapshot && Array.isArray(snapshot.offeredChoices) ? snapshot.offeredChoices : [];
  const spoke = 'spoke' in snapshot && snapshot.spoke === true;
  const noted = 'fodselsnummerNoted' in snapshot && snapshot.fodselsnummerNoted === true;
  return {
    machine: snapshot.machine,
    offeredChoices: offered as Choice[],
    ...(spoke ? { spoke } : {}),
    ...(noted ? { fodselsnummerNoted: true } : {}),
  };
}

function isDialogEmitted(event: unknown): event is DialogEmitted {
  if (typeof event !== 'object' || event === null || !('type' in event)) return false;
  return event.type === 'say' || event.type === 'effect';
}
