/** Sums increments of the same metric and dimension, so one upsert statement touches each row once. */
import type { CounterIncrement } from './ports.js';

export function sumIncrements(increments: CounterIncrement[]): Array<Required<CounterIncrement>> {
  const sums = new Map<string, Required<CounterIncrement>>();
  for (const { metric, dimension, value = 1 } of increments) {
    const key = `${metric}\u0000${dimension}`;
    const known = sums.get(key);
    if (known) known.value += value;
    else sums.set(key, { metric, dimension, value });
  }
  return [...sums.values()].filter((increment) => increment.value !== 0);
}
