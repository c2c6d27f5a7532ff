// The scheduler thread's entry (see scheduler-thread.ts). The server runs its TypeScript
// through tsx; a thread starts with no loader of its own when the process was started
// without `--import tsx` (vitest, a bundler's runner), so it imports its module through
// tsx's scoped loader, which works whether or not tsx is registered already.
import { tsImport } from 'tsx/esm/api';

await tsImport('./scheduler-thread-main.ts', import.meta.url);
