/**
 * The console's command layer stays a pure library the browser and the CLI can both load: its
 * files import only each other, `src/model`, the engine's contract (`src/engine/api.ts`) and
 * zod — never React, the DOM, the worker, the CLI or Node — and read no wall clock.
 * Checked on the TypeScript syntax tree, so comments and strings do not trip it.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const CCI = dirname(fileURLToPath(import.meta.url));
const SRC = resolve(CCI, '..');
const BANNED_GLOBALS = new Set(['Date', 'performance', 'setTimeout', 'setInterval', 'process', 'window', 'document', 'globalThis', 'require']);

function allowedImport(file: string, spec: string): boolean {
  if (!spec.startsWith('.')) return spec === 'zod';
  const target = relative(SRC, resolve(dirname(file), spec)).split(/[\\/]/);
  return target[0] === 'cci' || target[0] === 'model' || target[0] === 'fabric-os' || (target[0] === 'engine' && target[1] === 'api.ts');
}

function violations(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  const at = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!allowedImport(file, node.moduleSpecifier.text)) out.push(`${at(node)}: imports ${node.moduleSpecifier.text}`);
    } else if (ts.isIdentifier(node) && BANNED_GLOBALS.has(node.text) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) {
      out.push(`${at(node)}: uses ${node.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('cci › boundary', () => {
  const files = readdirSync(CCI).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

  it('finds the library files', () => {
    expect(files).toEqual(expect.arrayContaining(['execute.ts', 'parse.ts', 'horcm.ts']));
  });

  it.each(files)('%s imports only cci, model, engine/api.ts and zod, and reads no clock', (name) => {
    const file = join(CCI, name);
    expect(violations(file, readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('catches a forbidden import and a wall-clock read', () => {
    const file = join(CCI, 'x.ts');
    expect(violations(file, "import { x } from '../engine/simulation.ts';\nimport React from 'react';\nconst t = Date.now();")).toEqual([
      '1: imports ../engine/simulation.ts',
      '2: imports react',
      '3: uses Date',
    ]);
  });
});
