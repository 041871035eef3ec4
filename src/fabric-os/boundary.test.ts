/**
 * The switch console stays a pure library, like src/cci (whose boundary.test.ts this mirrors):
 * its files import only each other, src/cci, src/model, the engine's contract and zod — never
 * React, the DOM, the worker, the CLI or Node — and read no wall clock.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const HERE = dirname(fileURLToPath(import.meta.url));
const SRC = resolve(HERE, '..');
const BANNED_GLOBALS = new Set(['Date', 'performance', 'setTimeout', 'setInterval', 'process', 'window', 'document', 'globalThis', 'require', 'Math']);

function allowedImport(file: string, spec: string): boolean {
  if (!spec.startsWith('.')) return spec === 'zod';
  const target = relative(SRC, resolve(dirname(file), spec)).split(/[\\/]/);
  return ['fabric-os', 'cci', 'model'].includes(target[0]) || (target[0] === 'engine' && target[1] === 'api.ts');
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

describe('fabric-os › boundary', () => {
  const files = readdirSync(HERE).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'test-fabric.ts');

  it('finds the library files', () => {
    expect(files).toEqual(expect.arrayContaining(['parse.ts', 'edit.ts', 'format.ts', 'import.ts', 'session.ts']));
  });

  it.each(files)('%s imports only fabric-os, cci, model, engine/api.ts and zod, and reads no clock or randomness', (name) => {
    const file = join(HERE, name);
    expect(violations(file, readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('catches a forbidden import and a wall-clock read', () => {
    expect(violations(join(HERE, 'x.ts'), "import React from 'react';\nconst t = Date.now();")).toEqual(['1: imports react', '2: uses Date']);
  });
});
