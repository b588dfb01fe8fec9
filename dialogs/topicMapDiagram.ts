/**
 * The content map for editors: main menu → submenus → topics, with the labels users see (nb) and
 * the translation keys to edit in locales/<lng>/topics.json.
 */
import type { Translate } from '../src/i18n/i18n.js';
import { SUBMENUS, topicKeys, topicsOf } from './topics.js';

const quote = (text: string) => `"${text.replaceAll('"', '#quot;')}"`;

export function topicMapMermaid(t: Translate): string {
  const lines = ['flowchart LR', `  menu[${quote('Hovedmeny<br/>dialog.menu.main')}]`];
  for (const submenu of SUBMENUS) {
    const label = `${t('nb', `dialog.choice.${submenu}`)}<br/>dialog.menu.${submenu}`;
    lines.push(`  menu --> ${submenu}[${quote(label)}]`);
    for (const topic of topicsOf(submenu)) {
      const id = topic.replaceAll('.', '_');
      lines.push(`  ${submenu} --> ${id}[${quote(`${t('nb', topicKeys(topic).label)}<br/>topics.${topic}`)}]`);
    }
  }
  lines.push(`  menu --> mentor[${quote(t('nb', 'dialog.choice.mentor'))}]`);
  return lines.join('\n');
}
