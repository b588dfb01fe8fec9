/**
 * Child process for sqliteStore.test.ts: increments a counter in a conversation snapshot N times,
 * each in its own transaction, while another process does the same on the same file.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createSqliteStore } from '../../src/storage/sqlite/createSqliteStore.js';

const [dataDir, conversationId, times] = process.argv.slice(2);
if (!dataDir || !conversationId || !times) throw new Error('usage: sqliteCounterWorker DATA_DIR CONVERSATION_ID TIMES');

const store = await createSqliteStore({ dataDir });
for (let index = 0; index < Number(times); index += 1) {
  await store.transaction(conversationId, async (uow) => {
    const conversation = await uow.conversations.get(conversationId);
    const count = (conversation?.snapshot as { count: number } | null)?.count ?? 0;
    await sleep(1);
    await uow.conversations.update(conversationId, { snapshot: { count: count + 1 }, updatedAt: new Date() });
  });
}
await store.close();
