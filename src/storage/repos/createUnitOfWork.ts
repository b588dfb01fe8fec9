/**
 * The repositories of one transaction, written once for both dialects (Kysely). `perDialect` holds
 * those still written per dialect, until each is moved here.
 */
import type { StorageDialect } from '../database/storageDialect.js';
import type { StorageDb } from '../database/tables.js';
import type { UnitOfWork } from '../ports.js';
import type { AddressSealer } from '../sealing/addressSealer.js';
import { SqlConversationRepo } from './conversationRepo.js';
import { SqlHandoverRepo } from './handoverRepo.js';
import { SqlMentorRepo } from './mentorRepo.js';
import { SqlMentorSessionRepo } from './mentorSessionRepo.js';
import { SqlOptOutRepo } from './optOutRepo.js';
import { SqlProcessedInboundRepo } from './processedInboundRepo.js';
import { SqlTimerRepo } from './timerRepo.js';
import { SqlTranscriptRepo } from './transcriptRepo.js';

type SharedRepos = Pick<
  UnitOfWork,
  | 'optOuts'
  | 'processedInbound'
  | 'conversations'
  | 'transcript'
  | 'timers'
  | 'handovers'
  | 'mentors'
  | 'mentorSessions'
>;
export type PerDialectRepos = Omit<UnitOfWork, keyof SharedRepos>;

export function createUnitOfWork(
  db: StorageDb,
  dialect: StorageDialect,
  sealer: AddressSealer,
  perDialect: PerDialectRepos,
): UnitOfWork {
  const shared: SharedRepos = {
    handovers: new SqlHandoverRepo(db, dialect, sealer),
    mentors: new SqlMentorRepo(db, dialect),
    mentorSessions: new SqlMentorSessionRepo(db, dialect),
    timers: new SqlTimerRepo(db, dialect),
    transcript: new SqlTranscriptRepo(db, dialect),
    conversations: new SqlConversationRepo(db, dialect, sealer),
    optOuts: new SqlOptOutRepo(db, dialect, sealer),
    processedInbound: new SqlProcessedInboundRepo(db, dialect),
  };
  return { ...perDialect, ...shared };
}
