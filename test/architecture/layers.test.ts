import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layers, bottom up: domain types; then storage, NLU and the dialog machines; then the engine
 * (src/conversation) that drives them; then channels, handover and the consoles. An import that runs
 * from a lower layer back up makes the parts depend on the whole; this test keeps them pointing down.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(root, folder, file));
}

/** every relative import of a file, resolved to a path from the repository root */
function importsOf(file: string): string[] {
  const specifiers = [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)];
  return specifiers.map((match) => relative(root, resolve(dirname(file), match[1] ?? '')));
}

function importsInto(folders: string[], forbidden: string[]): string[] {
  return folders.flatMap((folder) =>
    sourceFiles(folder).flatMap((file) =>
      importsOf(file)
        .filter((target) => forbidden.some((layer) => target.startsWith(`${layer}/`)))
        .map((target) => `${relative(root, file)} → ${target}`),
    ),
  );
}

describe('layers', () => {
  it('the domain types import nothing of ours but each other', () => {
    const outside = sourceFiles('src/domain').flatMap((file) =>
      importsOf(file)
        .filter((target) => !target.startsWith('src/domain/'))
        .map((target) => `${relative(root, file)} → ${target}`),
    );
    expect(outside).toEqual([]);
  });

  it('storage, NLU and the dialogs never import the engine or anything above it', () => {
    const above = ['src/conversation', 'src/channels', 'src/handover', 'src/mentor', 'src/staff', 'src/http'];
    expect(importsInto(['src/storage', 'src/nlu', 'dialogs'], above)).toEqual([]);
  });
});
