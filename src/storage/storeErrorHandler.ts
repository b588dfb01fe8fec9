/**
 * Receives errors that happen outside any caller's promise: a dropped idle connection, a failed
 * reconnect of the event listener, a subscriber that threw. pg errors may carry row values in
 * `detail`, so log the code and message only.
 */
export type StoreErrorHandler = (error: unknown, context: string) => void;

export const ignoreStoreError: StoreErrorHandler = () => {};
