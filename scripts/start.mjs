#!/usr/bin/env node
// `npm start`: builds the browser extension if it is missing, then applies migrations to
// DATABASE_URL (default file:./data/relais.db) and serves the API on 127.0.0.1:${PORT:-8787}.
import { execSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const extension = resolve(root, '.output/chrome-mv3');
if (!existsSync(resolve(extension, 'manifest.json'))) {
  console.log('Building the browser extension (first start)…');
  execSync('npx wxt build', { cwd: root, stdio: 'inherit' });
}
console.log(`Extension: open chrome://extensions, turn on Developer mode, "Load unpacked" and pick ${extension}`);
const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'worker/node.ts')], { stdio: 'inherit', cwd: root, env: process.env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
