/**
 * The repositories of one transaction, each written once for both dialects (Kysely); `db` runs their
 * queries on the transaction's connection and `dialect` encodes the values it stores differently.
 */
import type { StorageDialect } from '../database/storageDialect.js';
import type { StorageDb } from '../database/tables.js';
import type { UnitOfWork } from '../ports.js';
import type { AddressSealer } from '../sealing/addressSealer.js';
import { SqlAuditLogRepo } from './auditLogRepo.js';
import { SqlConversationRepo } from './conversationRepo.js';
import { SqlExampleCandidateRepo } from './exampleCandidateRepo.js';
import { SqlHandoverNoteRepo } from './handoverNoteRepo.js';
import { SqlHandoverRepo } from './handoverRepo.js';
import { SqlLoginAttemptRepo } from './loginAttemptRepo.js';
import { SqlMentorPauseRepo } from './mentorPauseRepo.js';
import { SqlMentorRepo } from './mentorRepo.js';
import { SqlMentorSessionRepo } from './mentorSessionRepo.js';
import { SqlOptOutRepo } from './optOutRepo.js';
import { SqlProcessedInboundRepo } from './processedInboundRepo.js';
import { SqlServerKeyRepo } from './serverKeyRepo.js';
import { SqlSettingsRepo } from './settingsRepo.js';
import { SqlStatisticsRepo } from './statisticsRepo.js';
import { SqlSupportRequestRepo } from './supportRequestRepo.js';
import { SqlTimerRepo } from './timerRepo.js';
import { SqlTranscriptRepo } from './transcriptRepo.js';
import { SqlTurnOpeningRepo } from './turnOpeningRepo.js';
import { SqlTwilioMessageRepo } from './twilioMessageRepo.js';
import { SqlUnansweredSampleRepo } from './unansweredSampleRepo.js';
import { SqlVoiceCallRepo } from './voiceCallRepo.js';

export function createUnitOfWork(db: StorageDb, dialect: StorageDialect, sealer: AddressSealer): UnitOfWork {
  return {
    turnOpening: new SqlTurnOpeningRepo(db, dialect, sealer),
    conversations: new SqlConversationRepo(db, dialect, sealer),
    transcript: new SqlTranscriptRepo(db, dialect),
    processedInbound: new SqlProcessedInboundRepo(db, dialect),
    optOuts: new SqlOptOutRepo(db, dialect, sealer),
    handovers: new SqlHandoverRepo(db, dialect, sealer),
    mentors: new SqlMentorRepo(db, dialect),
    mentorSessions: new SqlMentorSessionRepo(db, dialect),
    timers: new SqlTimerRepo(db, dialect),
    loginAttempts: new SqlLoginAttemptRepo(db, dialect),
    voiceCalls: new SqlVoiceCallRepo(db, dialect),
    serverKeys: new SqlServerKeyRepo(db, dialect),
    exampleCandidates: new SqlExampleCandidateRepo(db, dialect),
    statistics: new SqlStatisticsRepo(db, dialect),
    unansweredSamples: new SqlUnansweredSampleRepo(db, dialect),
    auditLog: new SqlAuditLogRepo(db, dialect),
    mentorPauses: new SqlMentorPauseRepo(db, dialect),
    supportRequests: new SqlSupportRequestRepo(db, dialect),
    twilioMessages: new SqlTwilioMessageRepo(db, dialect),
    settings: new SqlSettingsRepo(db, dialect),
    handoverNotes: new SqlHandoverNoteRepo(db, dialect),
  };
}
