/**
 * How fast the `arising` command starts, as a user runs it (`node bin/arising.js`, on the build): `--help`,
 * and `import FILE --dry-run --json` of a generated 10-page minutes document, each beside a bare
 * `node -e 0` started the same way in the same run. The goal is within 4× bare node. Builds first when the
 * build is missing or older than the sources.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { type Benchmark, quantile, type Row } from './bench-support';
import { generatedMinutes } from './minutes-import';

const RUNS = 15;
const PAGES = 10;
const root = join(__dirname, '..');

/** Median wall time of `node …args`, from spawn to exit, after one run to warm the file cache. */
function medianMs(args: string[]): number {
  const once = (): number => {
    const started = performance.now();
    const run = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${run.stderr.toString()}`);
    return performance.now() - started;
  };
  once();
  const times = Array.from({ length: RUNS }, once).sort((a, b) => a - b);
  return quantile(times, 0.5);
}

export const cliStart: Benchmark = {
  name: 'cli-start',
  description: `the arising command's start on the build (median of ${RUNS}): --help and import --dry-run --json of a ${PAGES}-page document, beside a bare node -e 0`,
  async run() {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.js'), '--if-stale'], { cwd: root });
    const dir = mkdtempSync(join(os.tmpdir(), 'arising-bench-cli-'));
    const file = join(dir, 'minutes.txt');
    writeFileSync(file, generatedMinutes(PAGES));
    try {
      const bare = medianMs(['-e', '0']);
      const help = medianMs(['bin/arising.js', '--help']);
      const dryRun = medianMs(['bin/arising.js', 'import', file, '--dry-run', '--json']);
      const row = (what: string, ms: number): Row => ({
        what,
        Arising: `${ms.toFixed(0)} ms`,
        limit: `bare node -e 0: ${bare.toFixed(0)} ms (goal: within 4×)`,
        ratio: (ms / bare).toFixed(1),
      });
      return [
        row('CLI start: arising --help', help),
        row(`CLI start: arising import --dry-run --json, ${PAGES} pages`, dryRun),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
