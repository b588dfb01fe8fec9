import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
}

/** Runs `npm run --silent nlu -- ...args` the way the contract says, optionally with stdin. */
function runNlu(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'nlu', '--', ...args], {
      cwd: REPO,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
    child.stdin.end(stdin ?? '');
  });
}

describe('npm run nlu', () => {
  it('prints exactly one JSON line with intent, confidence, crisis and language', async () => {
    const { code, stdout } = await runNlu(['Kan sjefen min få lonnstilskudd?']);
    expect(code).toBe(0);
    const lines = stdout.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0] as string);
    expect(Object.keys(result)).toEqual(['intent', 'confidence', 'crisis', 'risk', 'language']);
    expect(result).toMatchObject({ intent: 'measures.wage_subsidy', crisis: false, risk: 'none', language: 'nb' });
    expect(stdout.endsWith('\n')).toBe(true);
  });

  it('with --jsonl answers every JSON line on stdin, text included, in order', async () => {
    const input = [
      '{"text":"jeg vil ikke leve lenger"}',
      '{"text":"STOPP"}',
      '{"text":"korleis seier eg det til leiaren"}',
      '',
    ].join('\n');
    const { code, stdout } = await runNlu(['--jsonl'], input);
    expect(code).toBe(0);
    const results = stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line));
    expect(results).toHaveLength(3);
    expect(results[0]).toMatchObject({ text: 'jeg vil ikke leve lenger', crisis: true });
    expect(results[0]?.risk).not.toBe('none');
    expect(results[1]).toEqual({
      text: 'STOPP',
      intent: 'optout',
      confidence: 1,
      crisis: false,
      risk: 'none',
      language: 'nb',
    });
    expect(results[2]).toMatchObject({
      text: 'korleis seier eg det til leiaren',
      intent: 'openness.how',
      language: 'nn',
    });
  });

  it('with --jsonl skips a line that is not {"text": ...}, answers the rest and exits non-zero', async () => {
    const { code, stdout } = await runNlu(['--jsonl'], 'not json\n{"text":"hei"}\n');
    expect(code).toBe(1);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).text),
    ).toEqual(['hei']);
  });

  it('prints nothing on stdout and exits 2 without a text', async () => {
    const { code, stdout } = await runNlu([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
  });
});
