/**
 * The tables as the repositories see them, for both dialects (Kysely's `Database` type). The SQL
 * migrations under `migrations/{sqlite,postgres}/` make them; this file says what a query may read and
 * write. Where the dialects store a value differently (times, booleans, JSON) the column has a
 * `Stored*` type that only the dialect's codec (`StorageDialect`) makes and reads, so a repository
 * cannot bind a raw Date to SQLite or read epoch milliseconds as a Date by mistake.
 */
import type { Generated, Kysely } from 'kysely';
import type { Channel, Locale, TopicIntent } from '../../domain/domain.js';
import type {
  CallOutcome,
  ConversationStatus,
  FollowUpDecision,
  HandoverOutcome,
  HandoverStatus,
  MentorRole,
  MessageDirection,
} from '../ports.js';

declare const storedAs: unique symbol;
/** a time: UTC epoch milliseconds in SQLite (INTEGER), a timestamptz (Date) in PostgreSQL */
export type StoredTime = { readonly [storedAs]: 'time' };
/** a boolean: 0/1 in SQLite, boolean in PostgreSQL */
export type StoredBoolean = { readonly [storedAs]: 'boolean' };
/** a JSON value: JSON text in SQLite, jsonb in PostgreSQL (which pg parses on reading) */
export type StoredJson = { readonly [storedAs]: 'json' };
/** INTEGER in SQLite (a number); bigint in PostgreSQL, which pg hands over as a string: read with Number() */
export type StoredBigInt = number | string;

export interface ConversationsTable {
  id: string;
  channel: Channel;
  /** HMAC of the address: what lookups compare */
  address_hash: string;
  /** the address, sealed (AES-GCM) */
  address_sealed: string;
  locale: Locale;
  status: ConversationStatus;
  snapshot: StoredJson | null;
  /** the channel's reference, sealed (JSON) */
  reference: StoredJson | null;
  created_at: StoredTime;
  updated_at: StoredTime;
}

export interface TranscriptMessagesTable {
  // PostgreSQL: given only as the id a turn's opening read took from the identity (migration 019)
  id: Generated<StoredBigInt>;
  conversation_id: string;
  direction: MessageDirection;
  text: string;
  at: StoredTime;
  crisis: Generated<StoredBoolean>;
  concern: Generated<StoredBoolean>;
}

export interface ProcessedInboundTable {
  channel: Channel;
  external_id: string;
  conversation_id: string;
  reply: string;
  at: StoredTime;
}

export interface OptOutsTable {
  channel: Channel;
  address_hash: string;
  at: StoredTime;
}

export interface MentorsTable {
  id: string;
  username: string;
  password_hash: string;
  role: Generated<MentorRole>;
  disabled: Generated<StoredBoolean>;
  must_change_password: Generated<StoredBoolean>;
  last_login_at: StoredTime | null;
  created_at: StoredTime;
}

export interface MentorSessionsTable {
  token_hash: string;
  mentor_id: string;
  expires_at: StoredTime;
  last_seen_at: StoredTime;
}

export interface HandoversTable {
  id: string;
  conversation_id: string;
  channel: Channel;
  status: HandoverStatus;
  priority: number;
  crisis: StoredBoolean;
  consent: StoredBoolean;
  topic: TopicIntent | null;
  summary: string;
  mentor_id: string | null;
  waiting_since: StoredTime;
  accepted_at: StoredTime | null;
  closed_at: StoredTime | null;
  outcome: HandoverOutcome | null;
  visible_from_message_id: StoredBigInt;
  handled_at: StoredTime | null;
  /** sealed */
  contact_phone: string | null;
  consent_withdrawn_at: StoredTime | null;
  taken_over_from_message_id: StoredBigInt | null;
  closed_before_message_id: StoredBigInt | null;
}

export interface TimersTable {
  id: string;
  kind: string;
  conversation_id: string | null;
  due_at: StoredTime;
  payload: StoredJson;
}

export interface LoginAttemptsTable {
  attempt_id: string;
  key: string;
  at: StoredTime;
}

export interface HealthChecksTable {
  id: number;
  at: StoredTime;
}

export interface VoiceCallsTable {
  call_sid: string;
  started_at: StoredTime;
  in_hours: StoredBoolean;
  outcome: CallOutcome;
  follow_up: FollowUpDecision | null;
}

export interface VoiceFollowUpsTable {
  conversation_id: string;
  /** Europe/Oslo calendar day, YYYY-MM-DD */
  oslo_day: string;
  sent_at: StoredTime;
}

export interface ServerKeysTable {
  name: string;
  secret: string;
  created_at: StoredTime;
}

export interface ExampleCandidatesTable {
  id: Generated<StoredBigInt>;
  topic: string;
  dialog_state: string;
  hour: StoredTime;
  masked_text: string | null;
}

export interface StatisticsCountersTable {
  hour_start: StoredTime;
  metric: string;
  dimension: string;
  value: StoredBigInt;
}

export interface UnansweredSamplesTable {
  id: Generated<StoredBigInt>;
  received_hour: StoredTime;
  locale: Locale;
  dialog_state: string;
  text: string;
}

export interface AuditLogTable {
  id: Generated<StoredBigInt>;
  at: StoredTime;
  actor: string;
  action: string;
  target: string;
  handover_id: string | null;
}

export interface MentorPausesTable {
  mentor_id: string;
  paused_until: StoredTime;
  started_at: StoredTime;
}

export interface SupportRequestsTable {
  id: string;
  mentor_id: string;
  after_crisis: StoredBoolean;
  created_at: StoredTime;
  seen_at: StoredTime | null;
  seen_by: string | null;
}

export interface TwilioMessagesTable {
  message_sid: string;
  conversation_id: string;
  /** a JSON array of media sids */
  media_sids: StoredJson;
  at: StoredTime;
}

export interface TwilioErasuresTable {
  message_sid: string;
  media_sids: StoredJson;
  due_at: StoredTime;
  attempts: Generated<number>;
  claimed_until: StoredTime | null;
}

export interface SettingsTable {
  name: string;
  value: string;
  version: number;
  updated_at: StoredTime;
}

export interface HandoverNotesTable {
  id: Generated<StoredBigInt>;
  handover_id: string;
  from_mentor: string;
  to_mentor: string;
  text: string;
  at: StoredTime;
}

export interface Tables {
  conversations: ConversationsTable;
  transcript_messages: TranscriptMessagesTable;
  processed_inbound: ProcessedInboundTable;
  opt_outs: OptOutsTable;
  mentors: MentorsTable;
  mentor_sessions: MentorSessionsTable;
  handovers: HandoversTable;
  timers: TimersTable;
  login_attempts: LoginAttemptsTable;
  health_checks: HealthChecksTable;
  voice_calls: VoiceCallsTable;
  voice_follow_ups: VoiceFollowUpsTable;
  server_keys: ServerKeysTable;
  example_candidates: ExampleCandidatesTable;
  statistics_counters: StatisticsCountersTable;
  unanswered_samples: UnansweredSamplesTable;
  audit_log: AuditLogTable;
  mentor_pauses: MentorPausesTable;
  support_requests: SupportRequestsTable;
  twilio_messages: TwilioMessagesTable;
  twilio_erasures: TwilioErasuresTable;
  settings: SettingsTable;
  handover_notes: HandoverNotesTable;
}

/** queries on the connection of the transaction the repositories run in */
export type StorageDb = Kysely<Tables>;
