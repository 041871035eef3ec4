/**
 * Boundary rules (DESIGN.md): `src/engine` and `src/model` stay pure and deterministic.
 * - They import only each other (model never imports engine) and `zod`: never UI, worker, CLI,
 *   React, React Flow, zustand, recharts, comlink or Node built-ins.
 * - They never read wall-clock time or unseeded randomness: no `Math.random`, `Date`,
 *   `performance`, timers, `process` or `crypto`.
 * Checked on the TypeScript syntax tree, so comments and strings do not trip it.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SRC = dirname(fileURLToPath(import.meta.url));
const ALLOWED_PACKAGES = new Set(['zod']);
const BANNED_GLOBALS = new Set([
  'Date',
  'performance',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'clearInterval',
  'requestAnimationFrame',
  'queueMicrotask',
  'process',
  'crypto',
  'window',
  'document',
  'self',
  'globalThis',
  'require',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

/** Violations in one file's text, as `line: reason`. */
export function violations(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const layer = relative(SRC, file).split(/[\\/]/)[0];
  const out: string[] = [];
  const at = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const checkSpecifier = (node: ts.Node, spec: string) => {
    if (spec.startsWith('.')) {
      const target = relative(SRC, resolve(dirname(file), spec)).split(/[\\/]/)[0];
      const ok = layer === 'engine' ? target === 'engine' || target === 'model' : target === 'model';
      if (!ok) out.push(`${at(node)}: imports ${spec} (outside the pure layers)`);
    } else if (!ALLOWED_PACKAGES.has(spec)) {
      out.push(`${at(node)}: imports package ${spec}`);
    }
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) checkSpecifier(node, node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      out.push(`${at(node)}: dynamic import ${arg && ts.isStringLiteral(arg) ? arg.text : ''}`);
    } else if (ts.isPropertyAccessExpression(node) && node.getText(sf) === 'Math.random') {
      out.push(`${at(node)}: uses Math.random`);
    } else if (ts.isIdentifier(node) && BANNED_GLOBALS.has(node.text) && isValueReference(node)) {
      out.push(`${at(node)}: uses ${node.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** An identifier used as a value (not a property name, a declaration or a type). */
function isValueReference(node: ts.Identifier): boolean {
  const p = node.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === node) return false;
  if (ts.isPropertyAssignment(p) && p.name === node) return false;
  if ((ts.isPropertySignature(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p)) && p.name === node) return false;
  if (ts.isTypeReferenceNode(p) || ts.isQualifiedName(p)) return false;
  if (ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p)) return p.name !== node;
  return true;
}

describe('boundaries › engine and model', () => {
  const files = [...sourceFiles(join(SRC, 'engine')), ...sourceFiles(join(SRC, 'model'))];

  it('finds the engine and model sources', () => {
    expect(files.length).toBeGreaterThan(3);
  });

  it('import nothing but each other and zod, and never read clocks or unseeded randomness', () => {
    const found = files.flatMap((f) => violations(f, readFileSync(f, 'utf8')).map((v) => `${relative(SRC, f)}:${v}`));
    expect(found).toEqual([]);
  });

  describe('the checker itself', () => {
    const fake = join(SRC, 'engine', 'fake.ts');
    it('flags React, comlink, Node and UI imports', () => {
      const text = "import React from 'react';\nimport * as c from 'comlink';\nimport fs from 'node:fs';\nimport { x } from '../ui/App.tsx';";
      expect(violations(fake, text)).toHaveLength(4);
    });
    it('flags clocks, timers and Math.random but not comments or property names', () => {
      const text = '// Date and Math.random in a comment\nconst a = Date.now();\nconst b = Math.random();\nsetTimeout(() => 1, 0);\nconst o = { performance: 1 };\nconst p = o.performance;';
      expect(violations(fake, text)).toEqual(['2: uses Date', '3: uses Math.random', '4: uses setTimeout']);
    });
    it('flags a model import of the engine', () => {
      expect(violations(join(SRC, 'model', 'fake.ts'), "import { x } from '../engine/api.ts';")).toHaveLength(1);
    });
  });
});
