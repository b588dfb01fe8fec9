/**
 * The repositories of one transaction, written once for both dialects (Kysely). `perDialect` holds
 * those still written per dialect, until each is moved here.
 */
import type { StorageDialect } from '../database/storageDialect.js';
import type { StorageDb } from '../database/tables.js';
import type { UnitOfWork } from '../ports.js';
import type { AddressSealer } from '../sealing/addressSealer.js';
import { SqlAuditLogRepo } from './auditLogRepo.js';
import { SqlExampleCandidateRepo } from './exampleCandidateRepo.js';
import { SqlHandoverNoteRepo } from './handoverNoteRepo.js';
import { SqlLoginAttemptRepo } from './loginAttemptRepo.js';
import { SqlMentorPauseRepo } from './mentorPauseRepo.js';
import { SqlOptOutRepo } from './optOutRepo.js';
import { SqlServerKeyRepo } from './serverKeyRepo.js';
import { SqlSettingsRepo } from './settingsRepo.js';
import { SqlStatisticsRepo } from './statisticsRepo.js';
import { SqlSupportRequestRepo } from './supportRequestRepo.js';
import { SqlTwilioMessageRepo } from './twilioMessageRepo.js';
import { SqlUnansweredSampleRepo } from './unansweredSampleRepo.js';
import { SqlVoiceCallRepo } from './voiceCallRepo.js';

type SharedRepos = Pick<
  UnitOfWork,
  | 'optOuts'
  | 'supportRequests'
  | 'exampleCandidates'
  | 'handoverNotes'
  | 'mentorPauses'
  | 'loginAttempts'
  | 'serverKeys'
  | 'settings'
  | 'voiceCalls'
  | 'statistics'
  | 'unansweredSamples'
  | 'auditLog'
  | 'twilioMessages'
>;
export type PerDialectRepos = Omit<UnitOfWork, keyof SharedRepos>;

export function createUnitOfWork(
  db: StorageDb,
  dialect: StorageDialect,
  sealer: AddressSealer,
  perDialect: PerDialectRepos,
): UnitOfWork {
  const shared: SharedRepos = {
    optOuts: new SqlOptOutRepo(db, dialect, sealer),
    supportRequests: new SqlSupportRequestRepo(db, dialect),
    exampleCandidates: new SqlExampleCandidateRepo(db, dialect),
    handoverNotes: new SqlHandoverNoteRepo(db, dialect),
    mentorPauses: new SqlMentorPauseRepo(db, dialect),
    loginAttempts: new SqlLoginAttemptRepo(db, dialect),
    serverKeys: new SqlServerKeyRepo(db, dialect),
    settings: new SqlSettingsRepo(db, dialect),
    voiceCalls: new SqlVoiceCallRepo(db, dialect),
    statistics: new SqlStatisticsRepo(db, dialect),
    unansweredSamples: new SqlUnansweredSampleRepo(db, dialect),
    auditLog: new SqlAuditLogRepo(db, dialect),
    twilioMessages: new SqlTwilioMessageRepo(db, dialect),
  };
  return { ...perDialect, ...shared };
}
