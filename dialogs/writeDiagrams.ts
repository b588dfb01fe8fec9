/** `npm run diagrams`: writes the dialog maps into docs/dialogs/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIAGRAMS_DIR, renderDiagramFiles } from './diagramFiles.js';

mkdirSync(DIAGRAMS_DIR, { recursive: true });
for (const [name, content] of Object.entries(await renderDiagramFiles())) {
  writeFileSync(join(DIAGRAMS_DIR, name), content);
  console.log(`wrote docs/dialogs/${name}`);
}
