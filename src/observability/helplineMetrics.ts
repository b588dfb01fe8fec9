/**
 * What the server counts for Prometheus (GET /metrics), in its own prom-client registry. Labels hold
 * only fixed words (channel, outcome, status): never a number, a name, a text or an id. Counters and
 * histograms are this instance's; the queue gauges are read from the shared store at each scrape, so
 * every instance reports the same queue (aggregate them with max, not sum).
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Channel } from '../domain/domain.js';
import type { HandoverRecord, HandoverStatus, Store } from '../storage/ports.js';

export type TurnMetricOutcome = 'answered' | 'duplicate' | 'failed';

export interface HelplineMetrics {
  /** a user message through the engine: how it ended and how long it took */
  turnEnded(channel: Channel, outcome: TurnMetricOutcome, seconds: number): void;
  /** a store call that failed (`transaction`) or an error the store reported on its own (`background`) */
  storeError(kind: 'transaction' | 'background'): void;
  /** a mentor took a waiting person: how long they had waited */
  handoverAccepted(waitSeconds: number): void;
  /** an outbound SMS attempt failed; `final` when no retry is left (the message is lost) */
  twilioSendFailed(final: boolean): void;
  /** the Prometheus text, with the queue read from the store now */
  scrape(): Promise<{ contentType: string; body: string }>;
}

const GAUGED_STATUSES = ['waiting', 'active', 'callback'] as const satisfies readonly HandoverStatus[];

export interface HelplineMetricsDeps {
  /** the handovers with these statuses, from the store (the queue gauges) */
  openHandovers(statuses: HandoverStatus[]): Promise<Array<Pick<HandoverRecord, 'status' | 'mentorId'>>>;
}

export function createHelplineMetrics(deps: HelplineMetricsDeps): HelplineMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const turns = new Counter({
    name: 'helpline_turns_total',
    help: 'User messages handled by the conversation engine, by channel and outcome',
    labelNames: ['channel', 'outcome'] as const,
    registers,
  });
  const turnSeconds = new Histogram({
    name: 'helpline_turn_duration_seconds',
    help: 'Time from receiving a user message to its committed turn, by channel',
    labelNames: ['channel'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const storeErrors = new Counter({
    name: 'helpline_store_errors_total',
    help: 'Failed store transactions and errors the store reported in the background',
    labelNames: ['kind'] as const,
    registers,
  });
  const handovers = new Gauge({
    name: 'helpline_handovers',
    help: 'Handovers by status (waiting = the queue length), read from the store at scrape time',
    labelNames: ['status'] as const,
    registers,
  });
  const activeMentors = new Gauge({
    name: 'helpline_mentors_active',
    help: 'Mentors who have at least one conversation right now, read from the store at scrape time',
    registers,
  });
  const waitSeconds = new Histogram({
    name: 'helpline_handover_wait_seconds',
    help: 'How long a person waited in the queue before a mentor accepted',
    buckets: [15, 30, 60, 120, 300, 600, 900, 1800, 3600],
    registers,
  });
  const twilioFailures = new Counter({
    name: 'helpline_twilio_send_failures_total',
    help: 'Outbound SMS attempts that failed; final="true" when no retry was left',
    labelNames: ['final'] as const,
    registers,
  });
  for (const channel of ['sms', 'webchat'] as const) {
    for (const outcome of ['answered', 'duplicate', 'failed'] as const) turns.inc({ channel, outcome }, 0);
  }
  for (const kind of ['transaction', 'background'] as const) storeErrors.inc({ kind }, 0);
  for (const final of ['true', 'false'] as const) twilioFailures.inc({ final }, 0);

  async function readQueue(): Promise<void> {
    try {
      const open = await deps.openHandovers([...GAUGED_STATUSES]);
      for (const status of GAUGED_STATUSES) {
        handovers.set({ status }, open.filter((handover) => handover.status === status).length);
      }
      const mentors = new Set(open.filter((handover) => handover.status === 'active').map((h) => h.mentorId));
      activeMentors.set(mentors.size);
    } catch {
      // the store is away: the gauges keep their last values, and the failure is counted
      storeErrors.inc({ kind: 'transaction' });
    }
  }

  return {
    turnEnded(channel, outcome, seconds) {
      turns.inc({ channel, outcome });
      if (outcome !== 'duplicate') turnSeconds.observe({ channel }, seconds);
    },
    storeError: (kind) => storeErrors.inc({ kind }),
    handoverAccepted: (seconds) => waitSeconds.observe(Math.max(0, seconds)),
    twilioSendFailed: (final) => twilioFailures.inc({ final: String(final) }),
    async scrape() {
      await readQueue();
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/** The store with each failed (rolled back) transaction counted; the caller still gets the rejection. */
export function countingStoreErrors(store: Store, metrics: Pick<HelplineMetrics, 'storeError'>): Store {
  return {
    transaction: (lockKey, work) =>
      store.transaction(lockKey, work).catch((error: unknown) => {
        metrics.storeError('transaction');
        throw error;
      }),
    isHealthy: () => store.isHealthy(),
    publish: (channel, payload) => store.publish(channel, payload),
    subscribe: (channel, listener) => store.subscribe(channel, listener),
    close: () => store.close(),
  };
}
