/**
 * The one logger every part of Arising writes through: the core, the adapters, the jobs and the
 * composition root. It is a port so that none of them knows about pino (src/app/logger.ts is the
 * implementation) and a test can record lines with a plain object. A leading object of known fields
 * (`actionFields`) and an Error among the arguments are given structure by the implementation.
 */
import type { ChannelRef } from './domain';

export interface Logger {
  debug(...message: unknown[]): void;
  info(...message: unknown[]): void;
  warn(...message: unknown[]): void;
  error(...message: unknown[]): void;
  /** A logger over the same output whose lines say which part wrote them (`arising:slack`). */
  child(name: string): Logger;
}

/** The structured fields a line may carry. */
export interface LogFields {
  platform?: string;
  team?: string;
  channel?: string;
  /** The action's number in its channel. */
  action?: number;
  user?: string;
  queue?: string;
  job?: string;
  route?: string;
  status?: number;
}

/** The fields of a line about an action (or about a channel, without the number). */
export function actionFields(channel: ChannelRef, number?: number): LogFields {
  return {
    platform: channel.platform,
    team: channel.team,
    channel: channel.channel,
    ...(number === undefined ? {} : { action: number }),
  };
}
