/**
 * Progress of a long CLI step on stderr. On a terminal one line is redrawn in place (`\r`) as a bar with
 * counts; anywhere else (a pipe, a log file, CI) each step is a plain line, so logs stay readable and
 * free of control characters. stdout is never touched: it carries the command's result.
 *
 * Small enough to keep here rather than add a dependency: it only redraws one line.
 */
import type { CliIo } from './cli-io';

export interface Progress {
  /** `done` of `total` finished. */
  update(done: number, total: number): void;
  /** Ends the line drawn on a terminal; does nothing otherwise. */
  finish(): void;
}

const BAR_WIDTH = 30;

/** `[##########--------------------]  120/360 actions stored` */
export function progressLine(label: string, done: number, total: number): string {
  const ratio = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  const filled = Math.round(ratio * BAR_WIDTH);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}`;
  const width = String(total).length;
  return `[${bar}] ${String(done).padStart(width)}/${total} ${label}`;
}

/** A progress reporter for `io`: a redrawn bar on a terminal, plain lines otherwise. */
export function progressReporter(io: CliIo, label: string): Progress {
  let drawn = false;
  if (io.stderrIsTerminal) {
    return {
      update(done, total) {
        io.stderr(`\r${progressLine(label, done, total)}`);
        drawn = true;
      },
      finish() {
        if (drawn) io.stderr('\n');
        drawn = false;
      },
    };
  }
  return {
    update(done, total) {
      io.stderr(`${done} of ${total} ${label}\n`);
    },
    finish() {},
  };
}
