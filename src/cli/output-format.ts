/**
 * `--format` and `--json` of the reporting commands: `--json` is short for `--format json`, and saying
 * both with different formats is a mistake worth naming rather than guessing.
 */
import { UsageError } from './cli-io';

export function outputFormat<F extends string>(
  values: Record<string, string | boolean | undefined>,
  allowed: readonly F[],
  fallback: F,
): F {
  const format = values.format;
  const json = values.json === true;
  if (format === undefined) return json && allowed.includes('json' as F) ? ('json' as F) : fallback;
  const chosen = allowed.find((f) => f === String(format).toLowerCase());
  if (!chosen) {
    throw new UsageError(`--format '${String(format)}' is not one of ${allowed.join(', ')}`);
  }
  if (json && chosen !== 'json') {
    throw new UsageError(`--json and --format ${chosen} disagree: give one of them`);
  }
  return chosen;
}
