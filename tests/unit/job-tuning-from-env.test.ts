import { jobTuningFromEnv } from '../../src/app/job-tuning-from-env';

describe('ARISING_JOB_TUNING', () => {
  it('reads the worker timings given, and nothing when unset', () => {
    expect(jobTuningFromEnv('lockDuration=2000, stalledInterval=1000,sendLeaseMs=3000')).toEqual({
      lockDuration: 2000,
      stalledInterval: 1000,
      sendLeaseMs: 3000,
    });
    expect(jobTuningFromEnv(undefined)).toBeUndefined();
  });

  it('refuses an unknown name or a value that is not a whole number from 1, saying the right form', () => {
    expect(() => jobTuningFromEnv('lockduration=2000')).toThrow(/name=N .*lockDuration, stalledInterval/);
    expect(() => jobTuningFromEnv('lockDuration=0')).toThrow(/"lockDuration=0"/);
    expect(() => jobTuningFromEnv('lockDuration')).toThrow(/name=N/);
  });
});
