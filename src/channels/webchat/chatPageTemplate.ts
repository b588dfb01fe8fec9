/**
 * Fills the chat page's HTML template: `{{name}}` is replaced by an HTML-escaped value, `{{{name}}}`
 * by a value the server already made safe (the JSON config, the language links). A placeholder
 * without a value is an error, so a missing string never reaches a visitor as `{{…}}`.
 */
export function fillTemplate(
  template: string,
  values: Record<string, string>,
  rawValues: Record<string, string>,
): string {
  return template.replace(/\{\{(\{?)([A-Za-z][A-Za-z0-9]*)\}?\}\}/gu, (_match, raw: string, name: string) => {
    const source = raw ? rawValues : values;
    const value = source[name];
    if (value === undefined) throw new Error(`The chat page template needs a value for ${name}`);
    return raw ? value : escapeHtml(value);
  });
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** JSON that is safe inside <script type="application/json"> */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}
