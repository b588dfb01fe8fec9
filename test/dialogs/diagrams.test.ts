/** The committed dialog maps in docs/dialogs/ match the machines and the copy (`npm run diagrams`). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGRAMS_DIR, renderDiagramFiles } from '../../dialogs/diagramFiles.js';
import { TOPIC_INTENTS } from '../../src/domain/domain.js';

describe('dialog diagrams', () => {
  it('are in sync with the machine and the copy (run `npm run diagrams` when this fails)', async () => {
    const files = await renderDiagramFiles();
    for (const [name, content] of Object.entries(files)) {
      expect(readFileSync(join(DIAGRAMS_DIR, name), 'utf8'), name).toBe(content);
    }
  });

  it('show every state and every topic', async () => {
    const files = await renderDiagramFiles();
    for (const state of [
      'start',
      'mainMenu',
      'submenu',
      'answer',
      'more',
      'consent',
      'waiting',
      'withMentor',
      'optedOut',
    ]) {
      expect(files['helplineMachine.md']).toContain(`state "${state}"`);
    }
    for (const topic of TOPIC_INTENTS) expect(files['topicMap.md']).toContain(`topics.${topic}`);
  });
});
