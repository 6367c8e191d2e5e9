/**
 * ARISING_FAILPOINT, for fault tests only: `name` or `name@N` kills this process with SIGKILL (no
 * clean-up, no flushing, as a power cut or the OOM killer would) the Nth time the named failpoint is
 * reached (the first time when N is left out). Several may be given, comma-separated. Unset in
 * production: nothing is installed and every failpoint is a no-op.
 */
import { setFailpointHandler } from '../core/failpoints';

export interface FailpointRule {
  name: string;
  /** Dies on this hit (1 = the first). */
  hit: number;
}

/** Parses `a, b@3` into rules; an empty or unset value gives none. */
export function parseFailpoints(value: string | undefined): FailpointRule[] {
  if (!value) return [];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const [name, count] = part.split('@');
      const hit = count === undefined ? 1 : Number(count);
      if (!name || !Number.isInteger(hit) || hit < 1) {
        throw new Error(`ARISING_FAILPOINT: "${part}" is not a failpoint name, or name@N with N >= 1`);
      }
      return { name, hit };
    });
}

/**
 * Installs the rules of ARISING_FAILPOINT; `die` defaults to SIGKILL of this process (tests of the
 * parser pass their own). Returns the rules installed, so the start can log them.
 */
export function installFailpoints(
  value: string | undefined,
  die: (name: string) => void = killNow,
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
    if (rules.some((rule) => rule.name === name && rule.hit === count)) die(name);
  });
  return rules;
}

function killNow(name: string): void {
  process.stderr.write(
    `{"level":"fatal","msg":"failpoint ${name}: killing this process (ARISING_FAILPOINT)"}\n`,
  );
  process.kill(process.pid, 'SIGKILL');
}
