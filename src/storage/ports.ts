/**
 * Storage ports. Every method is async so that the SQLite and PostgreSQL adapters are interchangeable.
 * All work happens inside `Store.transaction`, which also serializes the turns of one conversation.
 */
import type { ConversationRecord } from '../domain/conversationRecord.js';
import type { Channel, Locale, TopicIntent } from '../domain/domain.js';

export type { ConversationRecord, ConversationStatus } from '../domain/conversationRecord.js';

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

/**
 * What a person's message needs to know before its turn runs, read in one statement: on PostgreSQL
 * each statement is a round trip, and these four reads were the turn's first.
 */
export interface TurnOpening {
  /** the reply stored when this delivery (`externalId`) was first processed, if it was */
  earlierReply?: string;
  /** the address's latest conversation, as `ConversationRepo.findByAddress` finds it */
  conversation?: ConversationRecord;
  /** as `OptOutRepo.isOptedOut` answers */
  optedOut: boolean;
  /** that conversation's open handover, as `HandoverRepo.findOpenByConversation` finds it (null: none) */
  openHandoverId: string | null;
  /**
   * An id for the person's message, taken for this turn where the store can (PostgreSQL): given to
   * `TranscriptRepo.append`, it lets the store write the message with the turn's last writes. Used in
   * this transaction or not at all.
   */
  transcriptId?: number;
}

export interface TurnOpeningRepo {
  read(input: { channel: Channel; address: string; externalId?: string }): Promise<TurnOpening>;
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
  /**
   * present (true) on a worrying message (a warning sign, no clear crisis) written while a handover
   * was open: marked for the mentor, who may ask directly. Absent on rows written before schema 018.
   */
  concern?: true;
}

export interface TranscriptRepo {
  /**
   * The message's id. With an `id` (a `TurnOpening.transcriptId` of this transaction) the message gets
   * that id, and the store may hold the write back until the transaction's next read or its COMMIT.
   */
  append(input: {
    conversationId: string;
    direction: MessageDirection;
    text: string;
    at: Date;
    id?: number | undefined;
  }): Promise<number>;
  /** several messages of one conversation in one statement, in this order (the bot's answers of a turn) */
  appendAll(
    conversationId: string,
    messages: ReadonlyArray<{ direction: MessageDirection; text: string }>,
    at: Date,
  ): Promise<void>;
  /** marks a message as the one that set off a crisis answer */
  markCrisis(messageId: number): Promise<void>;
  /** marks a message as worrying, for the mentor (see `TranscriptMessage.concern`) */
  markConcern(messageId: number): Promise<void>;
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
  /**
   * the first transcript id written after a mentor took over, set on accepting; the boundary a
   * withdrawn consent leaves visible. Absent on handovers accepted before schema 015.
   */
  takenOverFromMessageId?: number;
  /**
   * the conversation's next transcript id when the handover closed, set on closing: the mentor reads
   * nothing from this id on. Absent while open, and on handovers closed before schema 017.
   */
  closedBeforeMessageId?: number;
}

export interface HandoverRepo {
  create(
    input: Omit<
      HandoverRecord,
      | 'id'
      | 'acceptedAt'
      | 'closedAt'
      | 'outcome'
      | 'mentorId'
      | 'handledAt'
      | 'contactPhone'
      | 'consentWithdrawnAt'
      | 'closedBeforeMessageId'
    >,
  ): Promise<HandoverRecord>;
  get(id: string): Promise<HandoverRecord | undefined>;
  /** the open (waiting, active or callback) handover of a conversation */
  findOpenByConversation(conversationId: string): Promise<HandoverRecord | undefined>;
  /** ordered: priority desc, then waitingSince asc */
  listByStatus(statuses: HandoverStatus[]): Promise<HandoverRecord[]>;
  /**
   * A waiting handover's place in the queue in the order `listByStatus(['waiting'])` gives (1: first),
   * counted in the database; undefined when it is not waiting.
   */
  queuePosition(handoverId: string): Promise<number | undefined>;
  /** handovers a mentor accepted at or after `since` (still active or ended since), the latest acceptance first, at most `limit` */
  listAcceptedSince(since: Date, limit: number): Promise<HandoverRecord[]>;
  /** atomic claim: succeeds only while the handover is waiting; false when someone else has it */
  claim(id: string, mentorId: string, at: Date): Promise<boolean>;
  /** closing (`status: 'closed'`) also erases `contactPhone` */
  update(id: string, changes: Partial<Omit<HandoverRecord, 'id' | 'conversationId' | 'channel'>>): Promise<void>;
}

/** a coordinator is also a mentor, and may manage accounts, hours and the overview (issue 13) */
export const MENTOR_ROLES = ['mentor', 'coordinator'] as const;
export type MentorRole = (typeof MENTOR_ROLES)[number];

export interface MentorAccount {
  id: string;
  username: string;
  /** scrypt hash in a self-describing format (salt and parameters included) */
  passwordHash: string;
  role: MentorRole;
  /** a disabled account cannot log in and has no sessions */
  disabled: boolean;
  /** the password is a one-time password: the next login must choose a new one */
  mustChangePassword: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export interface MentorRepo {
  /** throws when the username is taken (unique constraint) */
  create(input: {
    username: string;
    passwordHash: string;
    /** default `mentor` */
    role?: MentorRole;
    mustChangePassword?: boolean;
    now: Date;
  }): Promise<MentorAccount>;
  findByUsername(username: string): Promise<MentorAccount | undefined>;
  get(id: string): Promise<MentorAccount | undefined>;
  list(): Promise<MentorAccount[]>;
  remove(username: string): Promise<boolean>;
  /** `mustChangePassword`: true for a one-time password, false (default) for one the mentor chose */
  setPassword(username: string, passwordHash: string, mustChangePassword?: boolean): Promise<boolean>;
  setRole(username: string, role: MentorRole): Promise<boolean>;
  setDisabled(username: string, disabled: boolean): Promise<boolean>;
  recordLogin(id: string, at: Date): Promise<void>;
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
  /** ends every session of one account (disabled, password changed); returns how many */
  deleteByMentor(mentorId: string): Promise<number>;
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

/**
 * A topic picked from "Mener du …?": a labelled example candidate for staff. Never linked to a
 * conversation or a person; `hour` is the pick's time cut to the hour; `maskedText` is set only where
 * the deployment keeps samples (KEEP_UNANSWERED_SAMPLES), masked before it gets here.
 */
export interface ExampleCandidate {
  topic: TopicIntent;
  dialogState: string;
  hour: Date;
  maskedText?: string;
}

export interface ExampleCandidateRepo {
  add(candidate: ExampleCandidate): Promise<void>;
  /** oldest first */
  listBetween(from: Date, to: Date): Promise<ExampleCandidate[]>;
  /** retention: candidates from before the cutoff; answers how many */
  deleteBefore(cutoff: Date): Promise<number>;
}

/** One anonymous count: `value` (default 1) more of `metric` with its `dimension` (a channel, topic, state, …). */
export interface CounterIncrement {
  metric: string;
  dimension: string;
  value?: number;
}

export interface CounterRow {
  /** the UTC hour the events happened in */
  hourStart: Date;
  metric: string;
  dimension: string;
  value: number;
}

/**
 * Anonymous counters written at the time of the event (statistics). Nothing in them names a
 * conversation or a person, and nothing is finer than the hour, so SLETT and retention leave them.
 */
export interface StatisticsRepo {
  /** adds every increment to the hour `hourStart`, in one statement (repeated pairs are summed first) */
  increment(hourStart: Date, increments: CounterIncrement[]): Promise<void>;
  /** the counts of hours in [from, to) */
  listBetween(from: Date, to: Date): Promise<CounterRow[]>;
}

/** A message the bot did not understand, masked (KEEP_UNANSWERED_SAMPLES); no conversation id. */
export interface UnansweredSample {
  id: string;
  receivedHour: Date;
  locale: Locale;
  /** where in the dialog it came, e.g. `conversation.mainMenu` */
  dialogState: string;
  text: string;
}

export interface UnansweredSampleRepo {
  add(input: Omit<UnansweredSample, 'id'>): Promise<void>;
  /** samples of hours in [from, to), newest first, at most `limit` */
  listBetween(from: Date, to: Date, limit: number): Promise<UnansweredSample[]>;
  /** retention: drops samples older than `cutoff`; returns how many */
  deleteBefore(cutoff: Date): Promise<number>;
}

/** One thing a mentor or coordinator did (audit log); never message text. */
export interface AuditRecord {
  id: string;
  at: Date;
  /** the staff member's username */
  actor: string;
  action: string;
  /** what it concerned (an account, `hours`), empty for a handover or for nothing */
  target: string;
  /** the conversation's handover; null once SLETT or retention deleted it (or for other actions) */
  handoverId: string | null;
}

export interface AuditLogRepo {
  add(input: Omit<AuditRecord, 'id'>): Promise<void>;
  /** rows in [from, to), oldest first, at most `limit` */
  listBetween(from: Date, to: Date, limit: number): Promise<AuditRecord[]>;
  /** AUDIT_RETENTION_DAYS: drops rows older than `cutoff`; returns how many */
  deleteBefore(cutoff: Date): Promise<number>;
}

/**
 * A mentor's pause, taken after a hard conversation: while it lasts the mentor is not offered anyone
 * new, and the queue's wait estimate does not count them as a free mentor.
 */
export interface MentorPauseRepo {
  /** starts or moves the mentor's pause to end at `until` */
  set(mentorId: string, until: Date, at: Date): Promise<void>;
  clear(mentorId: string): Promise<void>;
  /** the end of the mentor's pause, when it lasts past `now` */
  pausedUntil(mentorId: string, now: Date): Promise<Date | undefined>;
  /** the mentors whose pause lasts past `now` */
  listPaused(now: Date): Promise<string[]>;
}

/** "I need to talk this through": a mentor asks a coordinator for a talk. Nothing of the conversation is kept. */
export interface SupportRequestRecord {
  id: string;
  mentorId: string;
  /** the asking mentor's username, read with the row */
  mentorUsername: string;
  /** asked right after closing a crisis conversation */
  afterCrisis: boolean;
  createdAt: Date;
  seenAt: Date | null;
  /** the coordinator's username */
  seenBy: string | null;
}

export interface SupportRequestRepo {
  create(input: { mentorId: string; afterCrisis: boolean; at: Date }): Promise<SupportRequestRecord>;
  /** newest first; the seen ones too only with `includeSeen` */
  list(options: { includeSeen: boolean }): Promise<SupportRequestRecord[]>;
  /** false when there is no such request or it was seen already */
  markSeen(id: string, seenBy: string, at: Date): Promise<boolean>;
  /** retention: drops the requests seen before `cutoff` (open ones stay); returns how many */
  deleteSeenBefore(cutoff: Date): Promise<number>;
}

/** A message that is to be deleted at Twilio (with its media), and how often that was tried. */
export interface TwilioErasure {
  messageSid: string;
  mediaSids: string[];
  attempts: number;
}

/**
 * The Twilio sids of each conversation's SMS, in and out, so that erasure reaches Twilio's message
 * log. Deleting a conversation (SLETT, retention) turns its messages into erasure jobs in the same
 * transaction; the jobs are claimed with a lease, so one instance works on each, and a job whose
 * instance died is taken up again when the lease runs out.
 */
export interface TwilioMessageRepo {
  /** remembers a message of a conversation; when the conversation is already gone, schedules its erasure at once */
  record(input: { conversationId: string; messageSid: string; mediaSids: string[]; at: Date }): Promise<void>;
  /** the conversation a recorded message belongs to */
  conversationOf(messageSid: string): Promise<string | undefined>;
  /** schedules the deletion at Twilio; when it is already scheduled, the earlier due time wins */
  scheduleErasure(input: { messageSid: string; mediaSids: string[]; dueAt: Date }): Promise<void>;
  /** due jobs not leased by anyone, leased until `leaseUntil` */
  claimDueErasures(now: Date, leaseUntil: Date, limit: number): Promise<TwilioErasure[]>;
  /** Twilio confirmed (deleted, or already gone) */
  completeErasure(messageSid: string): Promise<void>;
  /** not confirmed: the lease ends, tried again at `retryAt` */
  retryErasure(messageSid: string, attempts: number, retryAt: Date): Promise<void>;
}

/** A setting a coordinator saved (the opening hours), with a version that grows with every save. */
export interface SettingRecord {
  value: string;
  version: number;
  updatedAt: Date;
}

export interface SettingsRepo {
  get(name: string): Promise<SettingRecord | undefined>;
  /** stores a new value; returns its version (1 for the first save) */
  put(name: string, value: string, at: Date): Promise<number>;
}

/** A warm transfer's note: mentors' words for the next mentor, never shown to the person. */
export interface HandoverNote {
  id: number;
  handoverId: string;
  /** usernames, as written at the time */
  fromMentor: string;
  toMentor: string;
  text: string;
  at: Date;
}

export interface HandoverNoteRepo {
  add(note: Omit<HandoverNote, 'id'>): Promise<HandoverNote>;
  /** oldest first */
  list(handoverId: string): Promise<HandoverNote[]>;
}

/** The repositories available inside one transaction. */
export interface UnitOfWork {
  turnOpening: TurnOpeningRepo;
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
  exampleCandidates: ExampleCandidateRepo;
  statistics: StatisticsRepo;
  unansweredSamples: UnansweredSampleRepo;
  auditLog: AuditLogRepo;
  mentorPauses: MentorPauseRepo;
  supportRequests: SupportRequestRepo;
  twilioMessages: TwilioMessageRepo;
  settings: SettingsRepo;
  handoverNotes: HandoverNoteRepo;
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
