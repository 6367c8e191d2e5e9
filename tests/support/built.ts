/**
 * The JavaScript build (`npm run build`, dist/) for the tests that run what production runs: built when it
 * is missing or older than the sources (scripts/build.js --if-stale), so a test never runs an old build
 * and a clean clone needs no step before `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');

/** Builds dist/ unless it is a build of the sources as they are; throws with tsc's output if it fails. */
export function ensureBuilt(): void {
  try {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.js'), '--if-stale'], {
      cwd: root,
      stdio: 'pipe',
      timeout: 240_000,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`npm run build failed:\n${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`);
  }
}
