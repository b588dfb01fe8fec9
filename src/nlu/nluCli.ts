/**
 * `npm run --silent nlu -- "tekst"`: one JSON line {"intent","confidence","crisis","risk","language"}.
 * `npm run --silent nlu -- --jsonl`: reads JSON lines {"text": ...} on stdin, one answer line each,
 * with "text" added. `npm run --silent nlu -- --explain "tekst"`: the same line plus why (tokens,
 * nearest examples, crisis patterns), for staff adding examples. Nothing else is written to stdout.
 */
import { createInterface } from 'node:readline';
import { z } from 'zod';
import '../logging/quietOnClosedPipe.js';
import { buildClassifier, type ExplainedClassification } from './createClassifier.js';
import { loadNluData } from './nluData.js';

const USAGE =
  'usage: npm run --silent nlu -- "tekst" | --jsonl (JSON lines {"text": ...} on stdin) | --explain "tekst"';
const inputLine = z.object({ text: z.string() });

function contractLine(result: ExplainedClassification): {
  intent: string;
  confidence: number;
  crisis: boolean;
  risk: string;
  language: string;
} {
  const { intent, confidence, crisis, risk, language } = result;
  return { intent, confidence, crisis, risk, language };
}

async function classifyLines(classify: ReturnType<typeof buildClassifier>): Promise<number> {
  let failures = 0;
  let lineNumber = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNumber++;
    if (line.trim() === '') continue;
    let parsed: z.ZodSafeParseResult<{ text: string }>;
    try {
      parsed = inputLine.safeParse(JSON.parse(line));
    } catch {
      parsed = inputLine.safeParse(undefined);
    }
    if (!parsed.success) {
      failures++;
      process.stderr.write(`line ${lineNumber}: expected a JSON object {"text": "..."}\n`);
      continue;
    }
    const { text } = parsed.data;
    process.stdout.write(`${JSON.stringify({ text, ...contractLine(classify(text)) })}\n`);
  }
  return failures === 0 ? 0 : 1;
}

async function main(args: string[]): Promise<number> {
  const [first, second] = args;
  const classify = buildClassifier(loadNluData());
  if (first === '--jsonl' && args.length === 1) return classifyLines(classify);
  if (first === '--explain' && second !== undefined && args.length === 2) {
    process.stdout.write(`${JSON.stringify(classify(second))}\n`);
    return 0;
  }
  if (first !== undefined && !first.startsWith('--') && args.length === 1) {
    process.stdout.write(`${JSON.stringify(contractLine(classify(first)))}\n`);
    return 0;
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
