/** How the queue measures waits and how long the persisted handover timers wait. */
export interface HandoverTimings {
  /** the waits a person hears are measured over handovers accepted this long back at most… */
  waitSampleWindowMs: number;
  /** …and over at most this many of the latest */
  waitSampleSize: number;
  /** conversations a mentor may hold at once (CONTRACT.md MENTOR_MAX_CONVERSATIONS); with fewer they count as free */
  maxConversationsPerMentor: number;
  /** how often someone still waiting hears a kind update */
  waitUpdateIntervalMs: number;
  /** how long a mentor may be out of sight (no console connection, no request) before their person is queued again */
  mentorGraceMs: number;
  /** presence is written at most this often per mentor, so a heartbeat does not write every time */
  presenceRefreshMs: number;
}

export const DEFAULT_HANDOVER_TIMINGS: HandoverTimings = {
  waitSampleWindowMs: 3 * 3_600_000,
  waitSampleSize: 20,
  maxConversationsPerMentor: 3,
  waitUpdateIntervalMs: 10 * 60_000,
  mentorGraceMs: 3 * 60_000,
  presenceRefreshMs: 30_000,
};
