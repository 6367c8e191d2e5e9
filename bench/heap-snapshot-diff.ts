/**
 * `npx tsx bench/heap-snapshot-diff.ts before.heapsnapshot after.heapsnapshot [rows]`: what a process holds
 * more (or less) of at the second snapshot than at the first, by constructor: object count and bytes
 * (self size), largest growth first, as Chrome DevTools' Comparison view does but in a terminal, so a run
 * of `BENCH_HEAP_SNAPSHOTS=<dir> npm run bench -- slash` can be judged on a machine without a browser.
 * A leak shows as a constructor whose count grows with the requests served (e.g. one Map entry each).
 */
import { readFileSync } from 'node:fs';

export interface SnapshotFile {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

interface Tally {
  count: number;
  bytes: number;
}

/** Count and self size of the snapshot's objects, keyed by `type: name` (the constructor for objects). */
export function tallyByConstructor(file: SnapshotFile): Map<string, Tally> {
  const fields = file.snapshot.meta.node_fields;
  const types = file.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const tallies = new Map<string, Tally>();
  for (let i = 0; i < file.nodes.length; i += width) {
    const type = types[file.nodes[i + typeAt] ?? 0] ?? '?';
    const rawName = file.strings[file.nodes[i + nameAt] ?? 0] ?? '?';
    // Strings and code are named by their content: group them by type alone.
    const grouped = type === 'object' || type === 'closure' || type === 'native' || type === 'hidden';
    const key = grouped ? `${type}: ${rawName.slice(0, 60)}` : type;
    const tally = tallies.get(key) ?? { count: 0, bytes: 0 };
    tally.count += 1;
    tally.bytes += file.nodes[i + sizeAt] ?? 0;
    tallies.set(key, tally);
  }
  return tallies;
}

export interface Difference {
  key: string;
  countDelta: number;
  bytesDelta: number;
  countAfter: number;
}

/** Constructors whose bytes changed between the two tallies, largest growth first. */
export function compareTallies(before: Map<string, Tally>, after: Map<string, Tally>): Difference[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  const differences: Difference[] = [];
  for (const key of keys) {
    const a = before.get(key) ?? { count: 0, bytes: 0 };
    const b = after.get(key) ?? { count: 0, bytes: 0 };
    if (a.count === b.count && a.bytes === b.bytes) continue;
    differences.push({
      key,
      countDelta: b.count - a.count,
      bytesDelta: b.bytes - a.bytes,
      countAfter: b.count,
    });
  }
  return differences.sort((x, y) => y.bytesDelta - x.bytesDelta);
}

function load(path: string): Map<string, Tally> {
  return tallyByConstructor(JSON.parse(readFileSync(path, 'utf8')) as SnapshotFile);
}

function main(): void {
  const [beforePath, afterPath, rowsArg] = process.argv.slice(2);
  if (!beforePath || !afterPath) {
    console.error('usage: tsx bench/heap-snapshot-diff.ts before.heapsnapshot after.heapsnapshot [rows]');
    process.exit(2);
  }
  const before = load(beforePath);
  const after = load(afterPath);
  const total = (t: Map<string, Tally>) => [...t.values()].reduce((sum, x) => sum + x.bytes, 0);
  const differences = compareTallies(before, after);
  const rows = Number(rowsArg ?? '25');
  const kb = (bytes: number) => `${bytes >= 0 ? '+' : ''}${(bytes / 1024).toFixed(1)} kB`;
  console.log(
    `total self size: ${(total(before) / 1024 ** 2).toFixed(1)} → ${(total(after) / 1024 ** 2).toFixed(1)} MB`,
  );
  console.log('\ngrew most:');
  for (const d of differences.slice(0, rows)) {
    console.log(
      `${kb(d.bytesDelta).padStart(12)}  ${String(d.countDelta).padStart(7)} (now ${d.countAfter})  ${d.key}`,
    );
  }
  console.log('\nshrank most:');
  for (const d of differences.slice(-Math.min(rows, 10)).reverse()) {
    if (d.bytesDelta >= 0) break;
    console.log(
      `${kb(d.bytesDelta).padStart(12)}  ${String(d.countDelta).padStart(7)} (now ${d.countAfter})  ${d.key}`,
    );
  }
}

if (require.main === module) main();
