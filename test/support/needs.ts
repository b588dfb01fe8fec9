/**
 * Tests that need something outside Node (PostgreSQL, Chromium). When it is missing, every such test
 * is still collected and reported as skipped with the reason, so the skip count is the number of
 * tests that did not run. (With CI=true, startTestPostgres and describeInChromium throw instead.)
 */
import { describe, type TestContext } from 'vitest';

/** a block of tests: `body` gets the resource; without it, each test in the block is skipped */
export function describeWith<T>(resource: T | null, reason: string, name: string, body: (resource: T) => void): void {
  if (resource !== null) {
    describe(name, () => body(resource));
    return;
  }
  console.warn(`skipping "${name}": ${reason}`);
  describe.skip(`${name} [skipped: ${reason}]`, () => body(unavailable(reason)));
}

/** one test: skipped with the reason when the resource is missing */
export function withResource<T>(
  resource: T | null,
  reason: string,
  run: (resource: T) => Promise<void>,
): (context: TestContext) => Promise<void> {
  return async (context) => {
    if (resource === null) {
      context.skip(reason);
      return;
    }
    await run(resource);
  };
}

/** stands in for the missing resource while a skipped block registers its tests (which never run) */
function unavailable<T>(reason: string): T {
  return new Proxy(
    {},
    {
      get() {
        throw new Error(reason);
      },
    },
  ) as T;
}
