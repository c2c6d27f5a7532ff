/**
 * The scheduler thread's body (see scheduler-thread.ts): its own connection to the file the
 * server serves, runs one at a time in the order asked, each at the time the API's clock
 * gave for it (then walking on with the real clock, so leases taken during a long pass
 * expire when they should).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createNodeDeps } from '../node-deps';
import { runScheduler } from './scheduler';
import type { RunRequest, ThreadConfig, ThreadMessage } from './scheduler-thread';

const port = parentPort!;
const config = workerData as ThreadConfig;
let offsetMs = 0;
const opened = createNodeDeps({ ...config, migrate: false, now: () => new Date(Date.now() + offsetMs) });
// Keeps an opening failure for the runs to report, not as an unhandled rejection.
opened.catch(() => undefined);
let queue: Promise<unknown> = Promise.resolve();

port.on('message', (m: RunRequest | { type: 'stop' }) => {
  if (m.type === 'stop') {
    queue = queue.then(async () => {
      await opened.then((deps) => deps.close(), () => undefined);
      process.exit(0);
    });
    return;
  }
  queue = queue.then(async () => {
    let answer: ThreadMessage;
    try {
      const deps = await opened;
      offsetMs = m.now - Date.now();
      deps.publicUrl = m.publicUrl;
      answer = { type: 'done', id: m.id, report: await runScheduler(deps, m.options) };
    } catch (e) {
      answer = { type: 'failed', id: m.id, message: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(answer);
  });
});
