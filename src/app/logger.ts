/**
 * The service's logger: JSON lines (pino) on stdout, warnings and errors on stderr, filtered by
 * LOG_LEVEL. It is the core's Logger port (src/core/logger.ts), so Slack, Teams, the console and the
 * jobs log through it without knowing about pino (Bolt gets it in Slack's shape from
 * src/slack/bolt-logger.ts), and every line carries a `name` (`arising`, `arising:slack`).
 *
 * A line about an action carries its place as fields: pass them first, as pino does,
 *
 *   logger.info(actionFields(action.channel, action.number), 'Reminder sent');
 *   → {"level":"info","time":"…","name":"arising","platform":"slack","team":"T1","channel":"C1","action":4,"msg":"Reminder sent"}
 *
 * Only a leading object whose keys are all LOG_FIELDS is read as fields (see `splitFields`), so a
 * library that logs a plain object first still has it shown in the message rather than spread into the
 * line. The first Error among the arguments becomes `err` (type, message, stack). Keys that could hold a
 * secret are redacted wherever they appear. Message text typed by users is never logged at `info`.
 */
import { writeSync } from 'node:fs';
import { Writable } from 'node:stream';
import { types } from 'node:util';
import pino from 'pino';
import type { LogLevel } from '../config';
import type { LogFields, Logger } from '../core/logger';

const LOG_FIELDS: ReadonlySet<string> = new Set([
  'platform',
  'team',
  'channel',
  'action',
  'user',
  'queue',
  'job',
  'route',
  'status',
]);

/** Keys whose values are never written, at any depth pino looks. */
const REDACT = [
  'token',
  'password',
  'secret',
  'authorization',
  '*.token',
  '*.password',
  '*.secret',
  '*.authorization',
  'headers.authorization',
];

/** An Error, including one made in another realm (Node's own errors under jest's sandbox). */
function isError(value: unknown): value is Error {
  return value instanceof Error || types.isNativeError(value);
}

/**
 * An error as logged: its type, message, stack, and the codes that explain it. Nothing else of it, so a
 * library error that carries its request (an HTTP client's config with the bot token in a header, the
 * message text in the body) never reaches the log.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!isError(error)) return { message: show(error) };
  const e = error as Error & { code?: unknown; statusCode?: unknown; status?: unknown; data?: unknown };
  const out: Record<string, unknown> = { type: e.name, message: e.message, stack: e.stack };
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = e.code;
  const status = typeof e.statusCode === 'number' ? e.statusCode : e.status;
  if (typeof status === 'number') out.status = status;
  const slackError = (e.data as { error?: unknown } | undefined)?.error;
  if (typeof slackError === 'string') out.platformError = slackError;
  if (e.cause !== undefined) out.cause = serializeError(e.cause);
  return out;
}

function isFields(value: unknown): value is LogFields {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || isError(value)) {
    return false;
  }
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => LOG_FIELDS.has(k));
}

/** Renders an argument for the message: strings as they are, other values as JSON. */
function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isError(value)) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The line's fields, its first error, and its message from the rest of the arguments. */
export function splitFields(args: unknown[]): { fields: LogFields; err: Error | null; msg: string } {
  const [first, ...rest] = args;
  const fields = isFields(first) ? first : {};
  const parts = isFields(first) ? rest : args;
  const err = parts.find(isError) ?? null;
  const text = parts
    .filter((p) => p !== err)
    .map(show)
    .join(' ');
  if (!err) return { fields, err, msg: text };
  // `logger.warn('Could not post:', error)` reads as one sentence: the error's message ends it.
  const lead = text.replace(/:\s*$/, '');
  return { fields, err, msg: lead === '' ? err.message : `${lead}: ${err.message}` };
}

/** Where the lines go: stdout up to info, stderr from warn (tests pass a stream of their own). */
export interface LogOutput {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

function syncWritable(fd: 1 | 2): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      // Synchronous on purpose: `process.exit` right after the last line (at stop) must not lose it.
      try {
        writeSync(fd, chunk);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

function createPino(level: LogLevel, output?: LogOutput): pino.Logger {
  const out = output ?? { out: syncWritable(1), err: syncWritable(2) };
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { err: serializeError },
    },
    pino.multistream(
      [
        { level: 'debug', stream: out.out },
        { level: 'warn', stream: out.err },
      ],
      { dedupe: true },
    ),
  );
}

export class LineLogger implements Logger {
  private readonly pino: pino.Logger;
  private readonly name: string;

  /** `output` is where lines go (tests pass streams); a pino logger here is a parent's, for `child`. */
  constructor(level: LogLevel = 'info', name = 'arising', output?: LogOutput | pino.Logger) {
    // A child gets a pino child: its own level (Bolt sets its logger's level) over the same output.
    this.pino = output && 'child' in output ? output.child({}) : createPino(level, output);
    this.pino.level = level;
    this.name = name;
  }

  /** A logger with the same level and output and another name (`arising:slack`, `arising:bolt`). */
  child(name: string): LineLogger {
    return new LineLogger(this.getLevel(), `${this.name}:${name}`, this.pino);
  }

  debug(...msg: unknown[]): void {
    this.write('debug', msg);
  }
  info(...msg: unknown[]): void {
    this.write('info', msg);
  }
  warn(...msg: unknown[]): void {
    this.write('warn', msg);
  }
  error(...msg: unknown[]): void {
    this.write('error', msg);
  }
  setLevel(level: LogLevel): void {
    this.pino.level = level;
  }
  getLevel(): LogLevel {
    return this.pino.level as LogLevel;
  }

  private write(level: LogLevel, args: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const { fields, err, msg } = splitFields(args);
    this.pino[level]({ name: this.name, ...fields, ...(err ? { err } : {}) }, msg);
  }
}
