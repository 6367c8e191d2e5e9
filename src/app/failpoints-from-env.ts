/**
 * ARISING_FAILPOINT, for fault tests only: `name` or `name@N` kills this process with SIGKILL (no
 * clean-up, no flushing, as a power cut or the OOM killer would) the Nth time the named failpoint is
 * reached (the first time when N is left out). Several may be given, comma-separated. Unset in
 * production: nothing is installed and every failpoint is a no-op.
 *
 * `name[@N]:stop` stops the process there instead (SIGSTOP), after writing its pid: a fault test can then
 * do something at exactly that instant (kill Redis under it) and resume it with SIGCONT.
 */
import { setFailpointHandler } from '../core/failpoints';

export interface FailpointRule {
  name: string;
  /** Dies on this hit (1 = the first). */
  hit: number;
  /** What happens there: the process is killed, or stopped until a SIGCONT. */
  mode: FailpointMode;
}

export type FailpointMode = 'kill' | 'stop';

/** Parses `a, b@3` into rules; an empty or unset value gives none. */
export function parseFailpoints(value: string | undefined): FailpointRule[] {
  if (!value) return [];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const [point = '', mode = 'kill'] = part.split(':');
      const [name, count] = point.split('@');
      const hit = count === undefined ? 1 : Number(count);
      if (!name || !Number.isInteger(hit) || hit < 1 || (mode !== 'kill' && mode !== 'stop')) {
        throw new Error(
          `ARISING_FAILPOINT: "${part}" is not a failpoint name, or name@N with N >= 1, optionally with :stop`,
        );
      }
      return { name, hit, mode };
    });
}

/**
 * Installs the rules of ARISING_FAILPOINT; `act` defaults to SIGKILL (or SIGSTOP) of this process (tests
 * of the parser pass their own). Returns the rules installed, so the start can log them.
 */
export function installFailpoints(
  value: string | undefined,
  act: (name: string, mode: FailpointMode) => void = actNow,
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
    if (rule) act(name, rule.mode);
  });
  return rules;
}

function actNow(name: string, mode: FailpointMode): void {
  if (mode === 'stop') {
    // Written synchronously (stderr is a pipe or a file in tests) before the process stops.
    process.stderr.write(
      `{"level":"fatal","msg":"failpoint ${name}: stopped (pid ${process.pid}); SIGCONT resumes it"}\n`,
    );
    process.kill(process.pid, 'SIGSTOP');
    return;
  }
  killNow(name);
}

function killNow(name: string): void {
  process.stderr.write(
    `{"level":"fatal","msg":"failpoint ${name}: killing this process (ARISING_FAILPOINT)"}\n`,
  );
  process.kill(process.pid, 'SIGKILL');
}
