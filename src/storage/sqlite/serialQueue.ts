/** Runs async tasks one at a time, in the order they were queued. */
export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const result = tail.then(task, task);
    // the next task waits for this one to settle, whether it succeeded or not
    tail = result.catch(() => undefined);
    return result;
  };
}
