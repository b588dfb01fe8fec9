/** How the queue estimates waits and how long the persisted handover timers wait. */
export interface HandoverTimings {
  /** a mentor's rough time per person, for the "rough wait" a user hears */
  averageHandlingMinutes: number;
  /** how often someone still waiting hears a kind update */
  waitUpdateIntervalMs: number;
  /** how long a mentor may be out of sight (no console connection, no request) before their person is queued again */
  mentorGraceMs: number;
  /** presence is written at most this often per mentor, so a heartbeat does not write every time */
  presenceRefreshMs: number;
}

export const DEFAULT_HANDOVER_TIMINGS: HandoverTimings = {
  averageHandlingMinutes: 10,
  waitUpdateIntervalMs: 10 * 60_000,
  mentorGraceMs: 3 * 60_000,
  presenceRefreshMs: 30_000,
};
