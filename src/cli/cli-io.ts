/**
 * Where the CLI writes, and the errors it reports. Commands write through `CliIo` rather than to
 * `process.stdout` so tests can run them in-process; an error a user can fix ends as one line on stderr
 * with an exit status (2 for a wrong command line, 1 for a document that cannot be read), never a stack.
 */
import { DocumentError as UnreadableDocument } from '../documents/document-error';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Environment variables the command may read (DEFAULT_TIMEZONE, …). */
  env: Record<string, string | undefined>;
  /** True when stderr is a terminal, so progress can be redrawn in place; plain lines otherwise. */
  stderrIsTerminal?: boolean;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  stderrIsTerminal: process.stderr.isTTY === true,
};

/** A failure to report as one line and an exit status. */
export class CliError extends Error {
  readonly exitCode: number;
  /** The subcommand that failed, set by the dispatcher, for the `arising import: …` prefix. */
  command: string | null = null;
  constructor(message: string, exitCode: number) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** The command line is wrong: unknown command or flag, missing argument, no such file. Exit 2. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

/** The document cannot be read as minutes: too large, binary, empty, a broken .docx. Exit 1. */
export class DocumentError extends CliError {
  constructor(message: string) {
    super(message, 1);
    this.name = 'DocumentError';
  }
}

/**
 * A document the documents module refused, as the CLI reports it: a path that names no file is a wrong
 * command line (exit 2); a file that cannot be minutes exits 1. Other errors pass through unchanged.
 */
export function asCliError(err: unknown): unknown {
  if (!(err instanceof UnreadableDocument)) return err;
  return err.kind === 'not-found' ? new UsageError(err.message) : new DocumentError(err.message);
}
