/**
 * The Node scheduler's own thread. The embedded libSQL driver runs each statement
 * synchronously on the thread that calls it, so a month-end pass on the API's thread (45 000
 * reminders, fan-outs and mails on 5 000 users, a minute of SQL) would hold every request
 * behind its chunks. Here the passes run in a `worker_threads` Worker with its own
 * connection to the same file (WAL: its reads never wait for the API's, and writes queue on
 * SQLite's lock for the length of one short batch); the API's thread keeps the timer and the
 * clock, and asks for each run with the time it should see.
 *
 * The thread is started on the first run and started again on the next run if it died; a run
 * it could not finish is rejected with the reason, and the next run takes up what it left
 * (leases, reminder keys and the saved reminders pass make a rerun harmless).
 */
import { Worker } from 'node:worker_threads';
import type { NodeConfig } from '../node-deps';
import type { SchedulerOptions, SchedulerReport } from './scheduler';

/** What the thread opens its dependencies from: the plain-data part of the server's configuration. */
export type ThreadConfig = Pick<NodeConfig, 'databaseUrl' | 'host' | 'port' | 'mailDir' | 'smtpUrl' | 'quiet' | 'driver'>;

export type RunRequest = { type: 'run'; id: number; now: number; publicUrl: string; options: SchedulerOptions };
export type ThreadMessage =
  | { type: 'done'; id: number; report: SchedulerReport }
  | { type: 'failed'; id: number; message: string };

export type SchedulerThread = {
  /** One run in the thread, at `now` as the API's clock reads it, links in mails to `publicUrl`. */
  run(options: SchedulerOptions, at: { now: Date; publicUrl: string }): Promise<SchedulerReport>;
  /** Lets a run in progress finish (at most `graceMs`), then ends the thread and its connection. */
  close(graceMs?: number): Promise<void>;
};

export function schedulerThread(config: ThreadConfig): SchedulerThread {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve(r: SchedulerReport): void; reject(e: Error): void }>();
  const failAll = (why: string) => {
    for (const p of pending.values()) p.reject(new Error(why));
    pending.clear();
  };
  const start = () => {
    const w = new Worker(new URL('./scheduler-thread-boot.mjs', import.meta.url), { workerData: config });
    w.on('message', (m: ThreadMessage) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.type === 'done') p.resolve(m.report);
      else p.reject(new Error(m.message));
    });
    w.on('error', (e) => {
      if (worker === w) worker = null;
      failAll(`scheduler thread failed: ${e.message}`);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      failAll(`scheduler thread exited (code ${code})`);
    });
    return w;
  };
  return {
    run(options, at) {
      worker ??= start();
      const id = nextId++;
      const request: RunRequest = { type: 'run', id, now: at.now.getTime(), publicUrl: at.publicUrl, options };
      return new Promise<SchedulerReport>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker!.postMessage(request);
      });
    },
    async close(graceMs = 10_000) {
      const w = worker;
      worker = null;
      if (!w) return;
      const exited = new Promise<void>((done) => w.once('exit', () => done()));
      w.postMessage({ type: 'stop' });
      const timer = setTimeout(() => void w.terminate(), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
