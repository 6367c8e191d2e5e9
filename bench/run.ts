/**
 * `npm run bench`: runs the benchmarks and prints a table of figures each (also written to
 * bench/results.md). `npm run bench -- reminders` runs only those whose name is given. A benchmark is a
 * module exporting a Benchmark (bench-support.ts); add it to BENCHMARKS below.
 *
 * Environment: REDIS_URL; BENCH_REMINDERS (default 10000); BENCH_CPU_PROF=<dir> writes a CPU profile of
 * each worker process there, to see where a delivery's time goes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Benchmark, formatTable } from './bench-support';
import { reminderDelivery } from './reminder-delivery';

const BENCHMARKS: Benchmark[] = [reminderDelivery];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const chosen = wanted.length === 0 ? BENCHMARKS : BENCHMARKS.filter((b) => wanted.includes(b.name));
  if (chosen.length === 0) {
    console.error(
      `No benchmark named ${wanted.join(', ')}. Known: ${BENCHMARKS.map((b) => b.name).join(', ')}`,
    );
    process.exit(2);
  }
  const report: string[] = [];
  for (const bench of chosen) {
    console.log(`\n== ${bench.name}: ${bench.description}`);
    const rows = await bench.run();
    const table = formatTable(rows);
    console.log(table);
    report.push(`## ${bench.name}\n\n${bench.description}\n\n${table}\n`);
  }
  const header = `# Benchmark results\n\n${new Date().toISOString()}, Node ${process.version}\n\n`;
  writeFileSync(join(__dirname, 'results.md'), header + report.join('\n'));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
