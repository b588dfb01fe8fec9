/**
 * The soak: a steady rate of signed webhooks for a fixed time, as a helpline sees them (most from
 * people already in a conversation, going through menus and questions; some from new numbers), while
 * the server's RSS is sampled every few seconds. Memory that keeps growing under a steady load is a
 * leak; memory that levels off is caches and the heap settling.
 */
import { latencySummary } from './latencySummary.js';
import { messageSid, sendSignedWebhook, type WebhookTarget } from './webhookLoad.js';

/** what a returning person writes, round and round */
const SCRIPT = ['Hei', '1', '1', 'MER', 'hva er IPS', 'MENY', '2', 'hva er lønnstilskudd', 'takk', 'sdfkj qwpoeir'];
/** people who keep writing; every NEW_EVERY-th message comes from a new number instead */
const RETURNING_PEOPLE = 500;
const NEW_EVERY = 5;
/** beyond this many requests in flight the server is not keeping up: wait instead of piling on */
const MAX_IN_FLIGHT = 256;

export interface RssSample {
  seconds: number;
  rssMb: number;
}

export interface SoakResult {
  seconds: number;
  requests: number;
  failures: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  slowestMs: number;
  /** when requests took longer than a second: seconds into the soak, rounded */
  slowAtSeconds: number[];
  samples: RssSample[];
}

export async function runSoak(
  options: WebhookTarget & {
    seconds: number;
    rate: number;
    sampleEverySeconds: number;
    rssMb: () => number;
    /** numbers start here, past those of any earlier run against the same server */
    firstNumber: number;
  },
): Promise<SoakResult> {
  const latencies: number[] = [];
  const samples: RssSample[] = [];
  const turnsOf = new Map<number, number>();
  const inFlight = new Set<Promise<void>>();
  const slowAt = new Set<number>();
  let failures = 0;
  let newcomers = 0;

  function message(sequence: number): { sid: string; from: string; body: string } {
    const sid = messageSid(options.firstNumber + sequence);
    if (sequence % NEW_EVERY === 0) {
      newcomers += 1;
      return { sid, from: `+47${options.firstNumber + RETURNING_PEOPLE + newcomers}`, body: 'Hei' };
    }
    const person = sequence % RETURNING_PEOPLE;
    const turn = turnsOf.get(person) ?? 0;
    turnsOf.set(person, turn + 1);
    return { sid, from: `+47${options.firstNumber + person}`, body: SCRIPT[turn % SCRIPT.length] ?? 'Hei' };
  }

  const started = performance.now();
  const elapsedSeconds = () => (performance.now() - started) / 1000;
  samples.push({ seconds: 0, rssMb: options.rssMb() });
  const sampler = setInterval(
    () => samples.push({ seconds: elapsedSeconds(), rssMb: options.rssMb() }),
    options.sampleEverySeconds * 1000,
  );
  let sent = 0;
  try {
    while (elapsedSeconds() < options.seconds) {
      const dueAt = started + (sent * 1000) / options.rate;
      const wait = dueAt - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
      const sentAt = elapsedSeconds();
      const request = sendSignedWebhook(options, message(sent)).then(({ status, ms }) => {
        latencies.push(ms);
        if (ms > 1000) slowAt.add(Math.round(sentAt));
        if (status !== 200) failures += 1;
        inFlight.delete(request);
      });
      inFlight.add(request);
      sent += 1;
    }
    await Promise.all(inFlight);
  } finally {
    clearInterval(sampler);
  }
  const seconds = elapsedSeconds();
  samples.push({ seconds, rssMb: options.rssMb() });
  return {
    seconds,
    requests: sent,
    failures,
    requestsPerSecond: sent / seconds,
    ...latencySummary(latencies),
    slowestMs: latencies.reduce((slowest, ms) => Math.max(slowest, ms), 0),
    slowAtSeconds: [...slowAt].sort((a, b) => a - b),
    samples,
  };
}

export interface RssGrowth {
  firstMb: number;
  lastMb: number;
  maxMb: number;
  /**
   * the lowest RSS of the last third minus the lowest of the first third: garbage collection makes RSS
   * a saw, and a leak lifts its low points
   */
  floorGrowthMb: number;
}

export function rssGrowth(samples: RssSample[]): RssGrowth {
  const end = samples.at(-1)?.seconds ?? 0;
  const floor = (from: number, to: number) =>
    Math.min(
      ...samples.filter((sample) => sample.seconds >= from && sample.seconds <= to).map((sample) => sample.rssMb),
    );
  return {
    firstMb: samples[0]?.rssMb ?? 0,
    lastMb: samples.at(-1)?.rssMb ?? 0,
    maxMb: Math.max(...samples.map((sample) => sample.rssMb)),
    floorGrowthMb: floor((2 * end) / 3, end) - floor(0, end / 3),
  };
}
