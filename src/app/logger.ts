/**
 * The service's logger: one line per entry on stdout (errors and warnings on stderr), filtered by
 * LOG_LEVEL. It has the shape of Slack's Logger so Bolt and the WebClient log through it too, and their
 * lines carry the same level filter and a name.
 */
import type { LogLevel, Logger as SlackLogger } from '@slack/bolt';
import type { LogLevel as ConfigLogLevel } from '../config';

const SEVERITY: Record<ConfigLogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type Logger = SlackLogger;

/** Renders an argument for a log line: errors with their stack, objects as JSON. */
function show(value: unknown): string {
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export class LineLogger implements SlackLogger {
  private level: ConfigLogLevel;
  private name: string;

  constructor(level: ConfigLogLevel = 'info', name = 'arising') {
    this.level = level;
    this.name = name;
  }

  /** A logger with the same level and another name (`arising:slack`, `arising:bolt`). */
  child(name: string): LineLogger {
    return new LineLogger(this.level, `${this.name}:${name}`);
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
    this.level = level;
  }
  getLevel(): LogLevel {
    return this.level as LogLevel;
  }
  setName(name: string): void {
    this.name = name;
  }

  private write(level: ConfigLogLevel, msg: unknown[]): void {
    if (SEVERITY[level] < SEVERITY[this.level]) return;
    const line = `${new Date().toISOString()} ${level.toUpperCase()} [${this.name}] ${msg.map(show).join(' ')}`;
    if (SEVERITY[level] >= SEVERITY.warn) process.stderr.write(`${line}\n`);
    else process.stdout.write(`${line}\n`);
  }
}
