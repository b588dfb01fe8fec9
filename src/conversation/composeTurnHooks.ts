/**
 * Several TurnHooks as one: each sees every effect and every turn, in order; what they return is
 * put together (follow-up events in order, after-commit steps in order).
 */
import type { EffectResult, TurnHooks } from './turnHooks.js';

export function composeTurnHooks(...all: TurnHooks[]): TurnHooks {
  return {
    async onEffect(effect, context) {
      const followUps: NonNullable<EffectResult['followUps']> = [];
      const afterCommit: Array<() => Promise<void>> = [];
      for (const hooks of all) {
        const result = await hooks.onEffect(effect, context);
        if (result?.followUps) followUps.push(...result.followUps);
        if (result?.afterCommit) afterCommit.push(result.afterCommit);
      }
      if (followUps.length === 0 && afterCommit.length === 0) return undefined;
      return {
        ...(followUps.length > 0 ? { followUps } : {}),
        ...(afterCommit.length > 0
          ? {
              afterCommit: async () => {
                for (const step of afterCommit) await step();
              },
            }
          : {}),
      };
    },
    async onUserMessage(context) {
      const steps: Array<() => Promise<void>> = [];
      for (const hooks of all) {
        const step = await hooks.onUserMessage?.(context);
        if (step) steps.push(step);
      }
      if (steps.length === 0) return undefined;
      return async () => {
        for (const step of steps) await step();
      };
    },
    async onTurnEnd(summary) {
      for (const hooks of all) await hooks.onTurnEnd?.(summary);
    },
  };
}
