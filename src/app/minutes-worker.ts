/**
 * Reads minutes in a worker thread with a time limit (ServiceDeps.readMinutes). The extractor is pure
 * and synchronous: run on the event loop, a document that reads slowly (a 5 MB paste, or a pattern no
 * one has yet found slow) would hold up every channel's commands until it finished. In a worker the
 * service keeps answering; past the limit the worker is terminated and the user told the document took
 * too long to read. The worker's heap is capped too, so a document that needs too much memory ends the
 * worker, not the service.
 */
import { Worker } from 'node:worker_threads';
import { UserError } from '../core/errors';
import type { ExtractedMinutes, ExtractOptions } from '../core/minutes/extracted-minutes';

/** How long one document may take to read; real minutes of 200,000 characters take about a second. */
export const MINUTES_TIME_LIMIT_MS = 20_000;
const WORKER_HEAP_MB = 512;

/**
 * The worker's code. It loads the extractor from `extractor` (a `.ts` file when the service runs from
 * source through tsx or ts-jest, when tsx's require hook compiles it; a `.js` file when built), reads
 * the one document it is given, and answers with the minutes or the UserError's message.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.extractor.endsWith('.ts')) require('tsx/cjs');
const { extractMinutes } = require(workerData.extractor);
try {
  parentPort.postMessage({ ok: true, minutes: extractMinutes(workerData.text, workerData.opts) });
} catch (error) {
  const userError = error && error.name === 'UserError';
  parentPort.postMessage({ ok: false, userError, code: error && error.code, message: String(error && error.message) });
}
`;

type WorkerAnswer =
  | { ok: true; minutes: ExtractedMinutes }
  | { ok: false; userError: boolean; code: string; message: string };

const tooLong = (limitMs: number): UserError =>
  new UserError(
    'bad_minutes',
    `This document took too long to read (over ${Math.round(limitMs / 1000)} seconds), so nothing was imported. Import it in parts, or paste only the actions.`,
  );

const tooBig = (): UserError =>
  new UserError(
    'bad_minutes',
    'This document needs too much memory to read, so nothing was imported. Import it in parts, or paste only the actions.',
  );

/** A `readMinutes` that reads each document in its own worker thread, ended after `timeLimitMs`. */
export function workerMinutesReader(
  timeLimitMs = MINUTES_TIME_LIMIT_MS,
): (text: string, opts: ExtractOptions) => Promise<ExtractedMinutes> {
  const extractor = require.resolve('../core/minutes/minutes-extractor');
  return (text, opts) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { extractor, text, opts },
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      });
      const timer = setTimeout(() => {
        reject(tooLong(timeLimitMs));
        void worker.terminate();
      }, timeLimitMs);
      const settle = (done: () => void) => {
        clearTimeout(timer);
        done();
        void worker.terminate();
      };
      worker.once('message', (answer: WorkerAnswer) =>
        settle(() => {
          if (answer.ok) resolve(answer.minutes);
          else if (answer.userError) reject(new UserError('bad_minutes', answer.message));
          else reject(new Error(`reading the minutes failed: ${answer.message}`));
        }),
      );
      worker.once('error', (error) =>
        settle(() =>
          reject((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooBig() : error),
        ),
      );
      worker.once('exit', (code) =>
        settle(() => reject(new Error(`the minutes reader stopped (exit code ${code})`))),
      );
    });
}
