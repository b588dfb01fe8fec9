/**
 * Imported (for its effect) by command-line tools whose output is piped: when the reader goes away
 * (`npm run nlu -- --jsonl | head`), writing to stdout fails with EPIPE. That is the reader's choice,
 * not an error: end quietly with status 0 instead of an unhandled 'error' and a stack trace.
 */
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});
