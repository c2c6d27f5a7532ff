#!/usr/bin/env node
// `npm start`: applies migrations to DATABASE_URL (default file:./data/relais.db) and serves
// the API on 127.0.0.1:${PORT:-8787}. Runs the TypeScript entry point through tsx.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'worker/node.ts')], { stdio: 'inherit', cwd: root, env: process.env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
