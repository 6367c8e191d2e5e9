/**
 * ARISING_FAILPOINT, for fault tests only: `name` or `name@N` kills this process with SIGKILL (no
 * clean-up, no flushing, as a power cut or the OOM killer would) the Nth time the named failpoint is
 * reached (the first time when N is left out). `name@N:stop` stops it with SIGSTOP instead (a process
 * frozen by a long GC pause or a suspended VM), to be resumed by the test with SIGCONT: it then goes on
 * from that very instant, long after its locks and leases ran out. Several may be given, comma-separated.
 * Unset in production: nothing is installed and every failpoint is a no-op.
 */
import { setFailpointHandler } from '../core/failpoints';

export interface FailpointRule {
  name: string;
  /** Dies on this hit (1 = the first). */
  hit: number;
  /** `kill`: SIGKILL; `stop`: SIGSTOP (frozen until SIGCONT). */
  action: FailpointAction;
}

export type FailpointAction = 'kill' | 'stop';

/** Parses `a, b@3` into rules; an empty or unset value gives none. */
export function parseFailpoints(value: string | undefined): FailpointRule[] {
  if (!value) return [];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const [point = '', action = 'kill'] = part.split(':');
      const [name, count] = point.split('@');
      const hit = count === undefined ? 1 : Number(count);
      if (!name || !Number.isInteger(hit) || hit < 1 || (action !== 'kill' && action !== 'stop')) {
        throw new Error(
          `ARISING_FAILPOINT: "${part}" is not a failpoint name, or name@N with N >= 1, optionally with :stop`,
        );
      }
      return { name, hit, action };
    });
}

/**
 * Installs the rules of ARISING_FAILPOINT; `die` defaults to SIGKILL (or SIGSTOP) of this process (tests
 * of the parser pass their own). Returns the rules installed, so the start can log them.
 */
export function installFailpoints(
  value: string | undefined,
  die: (name: string, action: FailpointAction) => void = signalSelf,
): FailpointRule[] {
  const rules = parseFailpoints(value);
  if (rules.length === 0) {
    setFailpointHandler(null);
    return rules;
  }
  const hits = new Map<string, number>();
  setFailpointHandler((name) => {
    const count = (hits.get(name) ?? 0) + 1;
    hits.set(name, count);
    const rule = rules.find((r) => r.name === name && r.hit === count);
    if (rule) die(name, rule.action);
  });
  return rules;
}

function signalSelf(name: string, action: FailpointAction): void {
  const what = action === 'stop' ? 'stopping (SIGSTOP)' : 'killing';
  process.stderr.write(
    `{"level":"fatal","msg":"failpoint ${name}: ${what} this process (ARISING_FAILPOINT)"}\n`,
  );
  // A signal a process sends itself is delivered before kill() returns: it stops (or dies) right here.
  process.kill(process.pid, action === 'stop' ? 'SIGSTOP' : 'SIGKILL');
}
