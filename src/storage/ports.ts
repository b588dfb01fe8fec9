/**
 * Storage ports. Every method is async so that the SQLite and PostgreSQL adapters are interchangeable.
 * All work happens inside `Store.transaction`, which also serializes the turns of one conversation.
 */
import type { Channel, Locale, TopicIntent } from '../conversation/domain.js';

export type ConversationStatus = 'open' | 'closed';

export interface ConversationRecord {
  id: string;
  channel: Channel;
  /** where replies go: a phone number (sms), a Direct Line / Bot Framework conversation id (webchat) */
  address: string;
  locale: Locale;
  status: ConversationStatus;
  /** persisted XState snapshot (JSON-serialisable), null before the first turn */
  snapshot: unknown | null;
  /** channel data needed to reach the user later (e.g. a Bot Framework ConversationReference) */
  reference: unknown | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ConversationRepo {
  findByAddress(channel: Channel, address: string): Promise<ConversationRecord | undefined>;
  get(id: string): Promise<ConversationRecord | undefined>;
  create(input: { channel: Channel; address: string; locale: Locale; now: Date }): Promise<ConversationRecord>;
  update(
    id: string,
    changes: Partial<Pick<ConversationRecord, 'snapshot' | 'locale' | 'status' | 'reference'>> & { updatedAt: Date },
  ): Promise<void>;
  /** erase one conversation and everything hanging off it (transcript, handovers, timers, dedupe rows) */
  delete(id: string): Promise<void>;
  /**
   * retention: delete closed or idle conversations last updated before `cutoff`; returns how many.
   * Not one with a crisis handover waiting in the queue or with a mentor: a crisis is never timed out.
   */
  deleteInactiveBefore(cutoff: Date): Promise<number>;
}

/** user = the person, bot = the assistant, mentor = a human peer mentor */
export type MessageDirection = 'user' | 'bot' | 'mentor';

export interface TranscriptMessage {
  id: number;
  conversationId: string;
  direction: MessageDirection;
  text: string;
  at: Date;
  /** the person's message that set off a crisis answer (marked for the mentor) */
  crisis: boolean;
}

export interface TranscriptRepo {
  append(input: { conversationId: string; direction: MessageDirection; text: string; at: Date }): Promise<number>;
  /** marks a message as the one that set off a crisis answer */
  markCrisis(messageId: number): Promise<void>;
  /** in order of arrival; `sinceId` excludes older rows (the row with id `sinceId` itself is included) */
  list(conversationId: string, options?: { sinceId?: number }): Promise<TranscriptMessage[]>;
}

/** Dedupe of inbound deliveries (Twilio MessageSid, Bot Framework activity id). */
export interface ProcessedInboundRepo {
  /** the reply stored when this delivery was first processed, if it was */
  find(channel: Channel, externalId: string): Promise<{ reply: string } | undefined>;
  record(input: {
    channel: Channel;
    externalId: string;
    conversationId: string;
    reply: string;
    at: Date;
  }): Promise<void>;
}

export interface OptOutRepo {
  isOptedOut(channel: Channel, address: string): Promise<boolean>;
  optOut(channel: Channel, address: string, at: Date): Promise<void>;
  optIn(channel: Channel, address: string): Promise<void>;
}

export type HandoverStatus = 'waiting' | 'active' | 'closed' | 'callback';
export type HandoverOutcome = 'answered' | 'referred' | 'no_contact' | 'other';

export interface HandoverRecord {
  id: string;
  conversationId: string;
  channel: Channel;
  status: HandoverStatus;
  /** higher goes first; crisis handovers get a higher priority */
  priority: number;
  crisis: boolean;
  /** the user agreed that the mentor may read the bot conversation */
  consent: boolean;
  topic: TopicIntent | null;
  /** translation-free summary made by the engine (topics asked, counts); never free text from the user */
  summary: string;
  mentorId: string | null;
  waitingSince: Date;
  acceptedAt: Date | null;
  closedAt: Date | null;
  outcome: HandoverOutcome | null;
  /** transcript id from which the mentor may read (consent) or the first message after accept */
  visibleFromMessageId: number;
  /** callbacks: set when a mentor marked it handled */
  handledAt: Date | null;
  /**
   * callbacks: the Norwegian mobile number (E.164) a web chat visitor left to be texted back. Kept
   * only while the callback is open: the repository clears it when the handover closes.
   */
  contactPhone: string | null;
  /**
   * when the person took back their consent ("ikke del samtalen") while waiting or with a mentor:
   * from then on the mentor reads only what was written after they took over
   */
  consentWithdrawnAt: Date | null;
}

export interface HandoverRepo {
  create(
    input: Omit<
      HandoverRecord,
      'id' | 'acceptedAt' | 'closedAt' | 'outcome' | 'mentorId' | 'handledAt' | 'contactPhone' | 'consentWithdrawnAt'
    >,
  ): Promise<HandoverRecord>;
  get(id: string): Promise<HandoverRecord | undefined>;
  /** the open (waiting, active or callback) handover of a conversation */
  findOpenByConversation(conversationId: string): Promise<HandoverRecord | undefined>;
  /** ordered: priority desc, then waitingSince asc */
  listByStatus(statuses: HandoverStatus[]): Promise<HandoverRecord[]>;
  /** handovers a mentor accepted at or after `since` (still active or ended since), the latest acceptance first, at most `limit` */
  listAcceptedSince(since: Date, limit: number): Promise<HandoverRecord[]>;
  /** atomic claim: succeeds only while the handover is waiting; false when someone else has it */
  claim(id: string, mentorId: string, at: Date): Promise<boolean>;
  /** closing (`status: 'closed'`) also erases `contactPhone` */
  update(id: string, changes: Partial<Omit<HandoverRecord, 'id' | 'conversationId' | 'channel'>>): Promise<void>;
}

export interface MentorAccount {
  id: string;
  username: string;
  /** scrypt hash in a self-describing format (salt and parameters included) */
  passwordHash: string;
  createdAt: Date;
}

export interface MentorRepo {
  create(input: { username: string; passwordHash: string; now: Date }): Promise<MentorAccount>;
  findByUsername(username: string): Promise<MentorAccount | undefined>;
  get(id: string): Promise<MentorAccount | undefined>;
  list(): Promise<MentorAccount[]>;
  remove(username: string): Promise<boolean>;
  setPassword(username: string, passwordHash: string): Promise<boolean>;
}

export interface MentorSession {
  /** a hash of the cookie token; the token itself is never stored */
  tokenHash: string;
  mentorId: string;
  expiresAt: Date;
  lastSeenAt: Date;
}

export interface MentorSessionRepo {
  create(session: MentorSession): Promise<void>;
  get(tokenHash: string): Promise<MentorSession | undefined>;
  touch(tokenHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  delete(tokenHash: string): Promise<void>;
  deleteExpired(now: Date): Promise<number>;
  /** sessions used at or after `since` (expired ones included: callers compare `expiresAt` with their clock) */
  listSeenSince(since: Date): Promise<MentorSession[]>;
}

/** A persisted schedule: timers that outlive processes (wait updates, mentor-lost grace, retention). */
export interface TimerRecord {
  id: string;
  /** what to do when due, e.g. 'handover.waitUpdate' */
  kind: string;
  /** the conversation it concerns, if any (deleted with it) */
  conversationId: string | null;
  dueAt: Date;
  payload: unknown;
}

export interface TimerRepo {
  schedule(input: Omit<TimerRecord, 'id'>): Promise<TimerRecord>;
  /** claims due timers so that only one instance runs each; claimed rows are removed */
  claimDue(now: Date, limit: number): Promise<TimerRecord[]>;
  cancel(conversationId: string, kind?: string): Promise<number>;
}

/**
 * Mentor login attempts that are not known to have succeeded, counted per key (`user:<name>`,
 * `ip:<address>`) within a window. In the database, so that all instances share the counts.
 */
export interface LoginAttemptRepo {
  /** records one attempt under each of its keys */
  add(input: { attemptId: string; keys: string[]; at: Date }): Promise<void>;
  /** the times of a key's attempts after `since`, oldest first */
  timesSince(key: string, since: Date): Promise<Date[]>;
  /** forgets one attempt (it turned out right) */
  removeAttempt(attemptId: string): Promise<void>;
  /** forgets every attempt under a key (a username after its right password) */
  clearKey(key: string): Promise<void>;
  /** drops attempts older than `cutoff`; returns how many */
  deleteBefore(cutoff: Date): Promise<number>;
}

/**
 * forwarded: ringing the mentors' phone; answered: a mentor took it; unanswered: nobody did, so the
 * out-of-hours message played; message: out of hours, the message played
 */
export type CallOutcome = 'forwarded' | 'answered' | 'unanswered' | 'message';
/** what became of the SMS after the spoken message */
export type FollowUpDecision = 'sent' | 'alreadyToday' | 'optedOut' | 'hidden' | 'notMobile' | 'noSender';

/** One call to the helpline's phone number. No phone number: it is counted, not traced. */
export interface VoiceCallRecord {
  callSid: string;
  startedAt: Date;
  inHours: boolean;
  outcome: CallOutcome;
  followUp: FollowUpDecision | null;
}

export interface VoiceCallRepo {
  /** records a call the first time its CallSid is seen; false for a repeated webhook */
  record(input: Omit<VoiceCallRecord, 'followUp'>): Promise<boolean>;
  get(callSid: string): Promise<VoiceCallRecord | undefined>;
  setOutcome(callSid: string, outcome: CallOutcome): Promise<void>;
  /** decides the follow-up once per call; false when it was decided already (a repeated webhook) */
  decideFollowUp(callSid: string, decision: FollowUpDecision): Promise<boolean>;
  /** calls started in [from, to), oldest first (statistics) */
  listStartedBetween(from: Date, to: Date): Promise<VoiceCallRecord[]>;
  /** whether a follow-up SMS went to this conversation on `osloDay` (YYYY-MM-DD, Europe/Oslo) */
  hasFollowUpOn(conversationId: string, osloDay: string): Promise<boolean>;
  /** erased with the conversation (SLETT, retention) */
  recordFollowUp(input: { conversationId: string; osloDay: string; at: Date }): Promise<void>;
}

/**
 * Secrets the server makes for itself (the web chat's resume-token key): the first instance to ask
 * stores its candidate, every later call (any instance, after any restart) gets the stored one.
 */
export interface ServerKeyRepo {
  getOrCreate(name: string, candidate: string, now: Date): Promise<string>;
}

/** The repositories available inside one transaction. */
export interface UnitOfWork {
  conversations: ConversationRepo;
  transcript: TranscriptRepo;
  processedInbound: ProcessedInboundRepo;
  optOuts: OptOutRepo;
  handovers: HandoverRepo;
  mentors: MentorRepo;
  mentorSessions: MentorSessionRepo;
  timers: TimerRepo;
  loginAttempts: LoginAttemptRepo;
  voiceCalls: VoiceCallRepo;
  serverKeys: ServerKeyRepo;
}

export interface Store {
  /**
   * Runs `work` in one database transaction. With a `lockKey`, transactions with the same key run
   * one after another, across instances too (PostgreSQL advisory lock); use the conversation's
   * channel + address. Rolls back when `work` throws.
   */
  transaction<T>(lockKey: string | null, work: (uow: UnitOfWork) => Promise<T>): Promise<T>;
  /**
   * true when the store can write: a heartbeat row is committed (a database that answers reads but
   * refuses writes is not healthy). Bounded in time: answers false rather than wait long.
   */
  isHealthy(): Promise<boolean>;
  /** live events between instances (PostgreSQL LISTEN/NOTIFY; in-process for SQLite) */
  publish(channel: string, payload: string): Promise<void>;
  subscribe(channel: string, listener: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
