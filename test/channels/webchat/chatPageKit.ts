/** What the web chat browser tests look for in the chat page: Web Chat's bubbles and conversations. */
import type { Page } from 'playwright-core';

/** a message bubble of the bot (Web Chat also keeps screen reader copies of the text) */
export function botBubble(page: Page, text: string) {
  return page.locator('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content', {
    hasText: text,
  });
}

export function userBubble(page: Page, text: string) {
  return page.locator('.webchat__bubble--from-user .webchat__bubble__content', { hasText: text });
}

/** the Direct Line conversations the page starts (or resumes), as the server names them, in order */
export function startedConversations(page: Page): string[] {
  const conversationIds: string[] = [];
  page.on('response', async (response) => {
    if (response.request().method() !== 'POST' || !response.url().endsWith('/v3/directline/conversations')) return;
    const body = (await response.json()) as { conversationId: string };
    conversationIds.push(body.conversationId);
  });
  return conversationIds;
}

/**
 * A step's budget in the chat page: a busy shared machine takes tens of seconds to run Web Chat's
 * bundle before the page has loaded. A hung step still fails with what it waited for, well before
 * the test's own timeout.
 */
export const CHAT_PAGE_STEP_MS = 45_000;

/** a test's budget: each test loads the chat page at least once */
export const CHAT_PAGE_TEST_MS = 180_000;
