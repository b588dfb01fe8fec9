/**
 * Measures crisis detection on its own test sets: recall on crisis phrasings (must be 100 %) and
 * the false-alarm rate on benign look-alikes (at most 5 %).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const CRISIS_PHRASINGS_FILE = new URL('../../test/nlu/crisisPhrasings.json', import.meta.url);
export const BENIGN_LOOKALIKES_FILE = new URL('../../test/nlu/benignLookalikes.json', import.meta.url);

const messageSet = z.object({ about: z.string(), messages: z.array(z.string().min(1)) });

export function readMessageSet(file: URL): string[] {
  return messageSet.parse(JSON.parse(readFileSync(file, 'utf8'))).messages;
}

export interface CrisisReport {
  crisisCount: number;
  missed: string[];
  recall: number;
  benignCount: number;
  falseAlarms: string[];
  falseAlarmRate: number;
}

export function evaluateCrisis(
  detect: (text: string) => boolean,
  crisis: readonly string[],
  benign: readonly string[],
): CrisisReport {
  const missed = crisis.filter((text) => !detect(text));
  const falseAlarms = benign.filter((text) => detect(text));
  return {
    crisisCount: crisis.length,
    missed,
    recall: crisis.length === 0 ? 1 : (crisis.length - missed.length) / crisis.length,
    benignCount: benign.length,
    falseAlarms,
    falseAlarmRate: benign.length === 0 ? 0 : falseAlarms.length / benign.length,
  };
}
