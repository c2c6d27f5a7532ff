import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * Starts `wrangler dev` (local workerd) for one Worker config and waits until `probe`
 * answers. Its own process group, so `stop()` takes workerd and esbuild down with it.
 */
export async function startWranglerDev(options: { config?: string; vars?: Record<string, string>; probe: (base: string) => Promise<boolean> }) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const args = ['dev', ...(options.config ? ['-c', options.config] : []), '--port', String(port), '--ip', '127.0.0.1', '--show-interactive-dev-session=false'];
  // A second inspector on the default port would clash when two run at once.
  args.push('--inspector-port', String(await freePort()));
  // Its own local state (queues, caches): two workerd sharing .wrangler/state lock each other's SQLite (SQLITE_BUSY at start).
  args.push('--persist-to', mkdtempSync(join(tmpdir(), 'relais-wrangler-')));
  for (const [k, v] of Object.entries(options.vars ?? {})) args.push('--var', `${k}:${v}`);
  let output = '';
  const child: ChildProcess = spawn('node_modules/.bin/wrangler', args, {
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const stop = async () => {
    if (!child.pid) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await new Promise((r) => setTimeout(r, 500));
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if (await options.probe(base)) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`wrangler dev ${options.config ?? ''} did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { base, stop, output: () => output };
}
