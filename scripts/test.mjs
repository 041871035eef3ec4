#!/usr/bin/env node
/**
 * `npm test`: every suite, on a fresh clone.
 *   1. npm dependencies (npm ci when missing) and Debian's Chromium (apt-get when missing)
 *   2. type checks of every environment (engine/model without DOM, worker, ui, node)
 *   3. unit and property tests (vitest)
 *   4. every built-in scenario through the CLI (`npm run sim -- --all`): one test per scenario,
 *      passed when all its expectations hold
 *   5. end-to-end tests in headless Chromium (Playwright)
 * It ends with one line `total: N passed, N failed[, N skipped]` over all suites and exits
 * non-zero when anything failed or when no test ran at all.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { ensureDeps } from './ensure-deps.mjs';
import { ensureChromium } from './ensure-chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'test-results', 'totals');
const only = process.argv.slice(2); // e.g. `npm test -- unit` runs one suite
const want = (name) => only.length === 0 || only.includes(name);

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const suites = [];

function typecheck() {
  console.log('\n== type checks (tsc -b: engine, worker, ui, node) ==');
  const code = run('npx', ['tsc', '-b', 'tsconfig.json']);
  suites.push({ name: 'typecheck', passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 });
}

function unit() {
  console.log('\n== unit and property tests (vitest) ==');
  const file = join(outDir, 'vitest.json');
  const code = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  const j = readJson(file);
  if (!j) return suites.push({ name: 'unit', passed: 0, failed: 1, skipped: 0 });
  const failed = j.numFailedTests + (code !== 0 && j.numFailedTests === 0 ? 1 : 0);
  suites.push({ name: 'unit', passed: j.numPassedTests, failed, skipped: j.numPendingTests + j.numTodoTests });
}

function scenarios() {
  console.log('\n== built-in scenarios through the CLI (npm run sim -- --all) ==');
  const r = spawnSync('npx', ['tsx', 'src/cli/main.ts', '--all', '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  let rows = null;
  try {
    rows = JSON.parse(r.stdout);
  } catch {
    process.stderr.write(r.stdout + r.stderr);
  }
  if (!Array.isArray(rows)) return suites.push({ name: 'scenarios', passed: 0, failed: 1, skipped: 0 });
  for (const row of rows) console.log(`${row.verdict === 'ok' ? '✓' : '✗'} ${row.file}: ${row.held}/${row.expectations} expectations, seed ${row.seed}, ${row.simSeconds} s, ${row.eventLogHash}`);
  for (const row of rows) for (const p of row.problems) console.log(`  ${row.file}: ${p}`);
  const passed = rows.filter((x) => x.verdict === 'ok').length;
  suites.push({ name: 'scenarios', passed, failed: rows.length - passed + (r.status !== 0 && passed === rows.length ? 1 : 0), skipped: 0 });
}

function e2e() {
  console.log('\n== end-to-end tests (Playwright, headless Chromium) ==');
  const file = join(outDir, 'playwright.json');
  const code = run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_FILE: file });
  const s = readJson(file)?.stats;
  if (!s) return suites.push({ name: 'e2e', passed: 0, failed: 1, skipped: 0 });
  const failed = s.unexpected + (code !== 0 && s.unexpected === 0 ? 1 : 0);
  suites.push({ name: 'e2e', passed: s.expected + s.flaky, failed, skipped: s.skipped });
}

ensureDeps();
if (want('e2e')) ensureChromium();
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
if (want('typecheck')) typecheck();
if (want('unit')) unit();
if (want('scenarios')) scenarios();
if (want('e2e')) e2e();

console.log('\n== totals ==');
for (const s of suites) console.log(`${s.name}: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`);
const t = suites.reduce((a, s) => ({ p: a.p + s.passed, f: a.f + s.failed, k: a.k + s.skipped }), { p: 0, f: 0, k: 0 });
console.log(`total: ${t.p} passed, ${t.f} failed, ${t.k} skipped`);
process.exit(t.f > 0 || t.p === 0 ? 1 : 0);
