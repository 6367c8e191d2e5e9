/**
 * The real `arising` CLI as a user runs it (`node bin/arising.js …`), for the end-to-end CLI tests, with
 * no Redis configured unless a test gives one (REDIS_URL points at a port nothing listens on): a command
 * that needs none must not try, and one that does must say so.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI with `args`; `nodeArgs` go to node first (e.g. a capped heap); `env` is laid over the
 * environment last (TEST_REDIS_ENV and a REDIS_PREFIX for a command that needs the real Redis). Never
 * rejects.
 */
export function runCli(
  args: string[],
  nodeArgs: string[] = [],
  env: Record<string, string> = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...nodeArgs, join(root, 'bin', 'arising.js'), ...args],
      { cwd: root, env: { ...process.env, REDIS_URL: 'redis://127.0.0.1:1', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => {
        // A process killed (time-out, out of memory) has no numeric code: -1, never mistaken for success.
        const code = err && typeof err.code === 'number' ? err.code : err ? -1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
