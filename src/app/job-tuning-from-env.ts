/**
 * ARISING_JOB_TUNING, for fault tests only: shorter worker timings for a service started as a child
 * process, so a killed worker's job and half-done send are taken over in seconds rather than half a
 * minute. `lockDuration=2000,stalledInterval=1000,sendLeaseMs=3000` (milliseconds; any of the
 * WorkerTuning numbers, jobs/job-settings.ts). Unset in production: the defaults hold.
 */
import type { WorkerTuning } from '../../jobs/job-settings';

const NAMES = ['lockDuration', 'stalledInterval', 'maxStalledCount', 'sendLeaseMs'] as const;
type TunedNumber = (typeof NAMES)[number];

function isTunedNumber(name: string): name is TunedNumber {
  return (NAMES as readonly string[]).includes(name);
}

/** Parses the setting; a wrong name or value throws, saying which and what the right form is. */
export function jobTuningFromEnv(value: string | undefined): Partial<WorkerTuning> | undefined {
  if (!value) return undefined;
  const tuning: Partial<Pick<WorkerTuning, TunedNumber>> = {};
  for (const part of value.split(',').map((p) => p.trim())) {
    if (part === '') continue;
    const [name = '', raw = ''] = part.split('=');
    const n = Number(raw);
    if (!isTunedNumber(name) || raw === '' || !Number.isInteger(n) || n < 1) {
      throw new Error(
        `ARISING_JOB_TUNING: "${part}" is not name=N with N a whole number >= 1 and name one of ${NAMES.join(', ')}`,
      );
    }
    tuning[name] = n;
  }
  return tuning;
}
