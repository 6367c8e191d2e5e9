/**
 * `npm run bench`: runs the benchmarks and prints one table, each of Arising's figures beside its limit
 * measured in the same run, and writes it to bench/results.md with the machine it ran on.
 * `npm run bench -- slash matters` runs only those whose name is given. A benchmark is a module exporting
 * a Benchmark (bench-support.ts) whose rows have the columns what, Arising, limit and ratio.
 *
 * Environment: REDIS_URL (the matters and reminders benchmarks; the slash one starts its own
 * redis-server); BENCH_SLASH_RATE and BENCH_SLASH_SECONDS (default 200/s for 60 s, the issue's load);
 * BENCH_REMINDERS (default 10000); BENCH_CHECKINS (default 1000); BENCH_MATTERS_ACTIONS (default 10000);
 * BENCH_CALENDAR_CHANNELS (default 1000); BENCH_CPU_PROF=<dir> writes CPU
 * profiles of the child processes there; BENCH_HEAP_SNAPSHOTS=<dir> heap snapshots of the slash
 * benchmark's service (compare them with bench/heap-snapshot-diff.ts). Any size setting that was
 * changed is named in results.md, so figures from a shorter run are not taken for the issue's.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { type Benchmark, formatTable, type Row } from './bench-support';
import { calendarRefresh } from './calendar-refresh';
import { checkinDelivery } from './checkin-delivery';
import { cliStart } from './cli-start';
import { mattersArising } from './matters-arising';
import { minutesImport } from './minutes-import';
import { pdfImport } from './pdf-import';
import { reminderDelivery } from './reminder-delivery';
import { serviceStart } from './service-start';
import { slashCommands } from './slash-commands';

const BENCHMARKS: Benchmark[] = [
  slashCommands,
  reminderDelivery,
  checkinDelivery,
  mattersArising,
  minutesImport,
  pdfImport,
  cliStart,
  serviceStart,
  calendarRefresh,
];

/** CPU model, cores, memory, Node version and date. */
function machine(): string {
  const cpus = os.cpus();
  const memGb = (os.totalmem() / 1024 ** 3).toFixed(1);
  return [
    `- CPU: ${cpus[0]?.model.trim() ?? 'unknown'}, ${cpus.length} cores`,
    `- memory: ${memGb} GB`,
    `- Node ${process.version} on ${os.type()} ${os.release()}`,
    `- date: ${new Date().toISOString()}`,
  ].join('\n');
}

/** The settings that change a benchmark's size. */
const SIZE_SETTINGS = [
  'BENCH_SLASH_RATE',
  'BENCH_SLASH_SECONDS',
  'BENCH_REMINDERS',
  'BENCH_CHECKINS',
  'BENCH_MATTERS_ACTIONS',
  'BENCH_CALENDAR_CHANNELS',
];

/** ` with BENCH_SLASH_SECONDS=10` and the like, for those set; empty when all are the defaults. */
function settingsChanged(): string {
  const set = SIZE_SETTINGS.filter((name) => process.env[name] !== undefined);
  return set.length === 0 ? '' : ` with ${set.map((name) => `${name}=${process.env[name]}`).join(' ')}`;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const chosen = wanted.length === 0 ? BENCHMARKS : BENCHMARKS.filter((b) => wanted.includes(b.name));
  if (chosen.length === 0) {
    console.error(
      `No benchmark named ${wanted.join(', ')}. Known: ${BENCHMARKS.map((b) => b.name).join(', ')}`,
    );
    process.exit(2);
  }
  const started = Date.now();
  const rows: Row[] = [];
  const descriptions: string[] = [];
  for (const bench of chosen) {
    console.error(`== ${bench.name}: ${bench.description}`);
    rows.push(...(await bench.run()));
    descriptions.push(`- **${bench.name}**: ${bench.description}`);
  }
  const table = formatTable(rows);
  console.log(table);
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const report = [
    '# Benchmark results',
    '',
    `\`npm run bench${wanted.length > 0 ? ` -- ${wanted.join(' ')}` : ''}\`${settingsChanged()}, ${minutes} min.`,
    '',
    machine(),
    '',
    'ratio = Arising ÷ its limit (lower is better; for memory, bytes stored ÷ the JSON of the action).',
    '',
    table,
    '',
    ...descriptions,
    '',
  ];
  writeFileSync(join(__dirname, 'results.md'), report.join('\n'));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
