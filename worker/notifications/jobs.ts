import type { Deps } from '../deps';

/**
 * Bounded background jobs: where a job stands (the reminders pass), kept in `job_progress`
 * so that a run cut short resumes, and the pause between two chunks that lets the API's
 * requests run (local libSQL calls are synchronous: without it a pass holds the thread).
 * The retention purge needs no position: what a run leaves is always the oldest (purge.ts).
 */
export async function readJob(deps: Deps, job: string): Promise<{ day: string; state: string; done: boolean } | null> {
  const rs = await deps.client.execute({ sql: 'SELECT day, state, done FROM job_progress WHERE job = ?', args: [job] });
  const r = rs.rows[0];
  return r ? { day: String(r.day), state: String(r.state), done: Boolean(r.done) } : null;
}

export async function saveJob(deps: Deps, job: string, day: string, state: string) {
  await deps.client.execute({
    sql: `INSERT INTO job_progress (job, day, state, done, updated_at) VALUES (?, ?, ?, 0, ?)
          ON CONFLICT (job) DO UPDATE SET day = excluded.day, state = excluded.state, done = 0, updated_at = excluded.updated_at`,
    args: [job, day, state, deps.now().toISOString()],
  });
}

export async function finishJob(deps: Deps, job: string, day: string) {
  await deps.client.execute({
    sql: `INSERT INTO job_progress (job, day, state, done, updated_at) VALUES (?, ?, '{}', 1, ?)
          ON CONFLICT (job) DO UPDATE SET day = excluded.day, state = '{}', done = 1, updated_at = excluded.updated_at`,
    args: [job, day, deps.now().toISOString()],
  });
}

/** Lets pending I/O and timers run before the next chunk (setImmediate on Node; a zero timeout elsewhere). */
export function yieldToLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (f: () => void) => void }).setImmediate;
  return new Promise((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)));
}
