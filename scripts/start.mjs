#!/usr/bin/env node
/**
 * `npm start`: install what is missing, build the app, serve it on localhost and print the URL.
 * The designer opens with the built-in demo loaded (or your autosaved work).
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { ensureDeps } from './ensure-deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT ?? '4173';
const host = process.env.HOST ?? '127.0.0.1';

ensureDeps();
console.log('[sandbox] building the app …');
const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const server = spawn('npx', ['vite', 'preview', '--host', host, '--port', port, '--strictPort'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
let announced = false;
server.stdout.on('data', (chunk) => {
  if (!announced && /Local:|http:\/\//.test(String(chunk))) {
    announced = true;
    console.log(`\n  SANdbox is running at http://${host}:${port}/  (Ctrl+C to stop)\n`);
  }
});
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));
