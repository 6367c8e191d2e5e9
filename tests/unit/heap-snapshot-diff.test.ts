/**
 * bench/heap-snapshot-diff.ts is how a leak in the slash benchmark would be traced to what holds it, so
 * it must read the snapshot's flat node array right and put the constructor that grew first.
 */
import { compareTallies, type SnapshotFile, tallyByConstructor } from '../../bench/heap-snapshot-diff';

const STRINGS = ['Map', 'Entry', 'some text', 'Other'];

/** A snapshot of `entries` Entry objects (40 B each), one Map and a string. */
function snapshot(entries: number): SnapshotFile {
  const nodes = [3, 0, 1, 64, 0, 2, 2, 3, 100, 0];
  for (let i = 0; i < entries; i++) nodes.push(3, 1, 10 + i, 40, 0);
  const meta = {
    node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'],
    node_types: [['hidden', 'array', 'string', 'object', 'code', 'closure'], 'string', 'number', 'number'],
  } satisfies SnapshotFile['snapshot']['meta'];
  return { snapshot: { meta }, nodes, strings: STRINGS };
}

describe('heap snapshot comparison', () => {
  it('counts objects and self size by constructor, and strings by type alone', () => {
    const tallies = tallyByConstructor(snapshot(3));
    expect(tallies.get('object: Entry')).toEqual({ count: 3, bytes: 120 });
    expect(tallies.get('object: Map')).toEqual({ count: 1, bytes: 64 });
    expect(tallies.get('string')).toEqual({ count: 1, bytes: 100 });
  });

  it('puts what grew first and leaves out what did not change', () => {
    const differences = compareTallies(tallyByConstructor(snapshot(3)), tallyByConstructor(snapshot(1003)));
    expect(differences).toEqual([
      { key: 'object: Entry', countDelta: 1000, bytesDelta: 40_000, countAfter: 1003 },
    ]);
  });
});
