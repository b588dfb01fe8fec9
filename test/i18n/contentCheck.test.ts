/**
 * The content check passes on the real locale files, and catches each kind of problem in a broken
 * copy of them (also through the `npm run content:check` command, which must exit non-zero).
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContentProblem, checkContent, formatProblems } from '../../src/i18n/contentCheck.js';
import { DEFAULT_LOCALES_DIR } from '../../src/i18n/i18n.js';

const run = promisify(execFile);

function edit(dir: string, locale: string, file: string, change: (json: Record<string, unknown>) => void): void {
  const path = join(dir, locale, `${file}.json`);
  const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  change(json);
  writeFileSync(path, JSON.stringify(json, null, 2));
}

function section(json: Record<string, unknown>, name: string): Record<string, unknown> {
  return json[name] as Record<string, unknown>;
}

const has = (problems: ContentProblem[], locale: string, key: string, text: string) =>
  problems.some((problem) => problem.locale === locale && problem.key === key && problem.problem.includes(text));

describe('content check', () => {
  let broken: string;
  beforeAll(() => {
    broken = mkdtempSync(join(tmpdir(), 'locales-'));
    cpSync(DEFAULT_LOCALES_DIR, broken, { recursive: true });
    edit(broken, 'nn', 'dialog', (json) => {
      delete json.thanks;
      json.goodbye = 'Thank you and goodbye, see you when you are back';
    });
    edit(broken, 'nb', 'dialog', (json) => {
      json.empty = 'Jeg kan bare lese “tekst” – ikke bilder 🙂';
      section(json, 'erase').kept = '';
    });
    edit(broken, 'en', 'handover', (json) => {
      section(json, 'queue').update = 'You are number {{place}} in the queue.';
    });
    edit(broken, 'nb', 'topics', (json) => {
      const ips = section(section(json, 'measures'), 'ips');
      ips.answer = `${String(ips.answer)} `.repeat(2);
      section(json, 'work').unused = { label: 'x' };
    });
    edit(broken, 'nb', 'crisis', (json) => {
      json.alertSms = String(json.alertSms).replace('116 117', '116117');
    });
  });
  afterAll(() => rmSync(broken, { recursive: true, force: true }));

  it('finds nothing wrong in the real locale files', async () => {
    const problems = await checkContent();
    expect(formatProblems(problems)).toBe('');
  });

  it('finds each kind of problem in a broken copy', async () => {
    const problems = await checkContent(broken);
    expect(has(problems, 'nn', 'dialog.thanks', 'missing')).toBe(true);
    expect(has(problems, 'nn', 'dialog.thanks', 'emitted by a dialog')).toBe(true);
    expect(has(problems, 'nn', 'dialog.goodbye', 'untranslated')).toBe(true);
    expect(has(problems, 'nb', 'dialog.empty', 'not GSM-7')).toBe(true);
    expect(has(problems, 'nb', 'dialog.erase.kept', 'empty')).toBe(true);
    expect(has(problems, 'en', 'handover.queue.update', 'placeholders')).toBe(true);
    expect(has(problems, 'nb', 'topics.measures.ips.answer', 'segments')).toBe(true);
    expect(has(problems, 'nb', 'topics.work.unused.label', 'no machine emits')).toBe(true);
    expect(has(problems, 'nb', 'crisis.alertSms', '116 117')).toBe(true);
    expect(has(problems, 'nb', 'dialog.welcome', '')).toBe(false);
  });

  it('makes `npm run content:check` fail with the list', async () => {
    const failure = await run('npx', ['tsx', 'src/i18n/contentCheck.ts', broken]).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('nn  dialog.thanks: missing');
  });
});
