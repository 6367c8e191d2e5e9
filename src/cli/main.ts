/**
 * The `arising` command line: a small dispatcher from the first word to a subcommand (one file each,
 * listed below), with `help` and `--version`. Every failure ends as one line on stderr and an exit
 * status: 2 for a wrong command line, 1 for a document or input that cannot be used (or Redis that does not
 * answer), 78 for a bad environment variable; never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../core/errors';
import { chairsCommand } from './chairs-command';
import { CliError, type CliIo, processIo } from './cli-io';
import { digestCommand } from './digest-command';
import { exportCommand } from './export-command';
import { importCommand } from './import-command';
import { mattersArisingCommand } from './matters-arising-command';
import type { Subcommand } from './subcommand';

/** Every subcommand; a new one is added here. */
export const SUBCOMMANDS: readonly Subcommand[] = [
  importCommand,
  mattersArisingCommand,
  digestCommand,
  exportCommand,
  chairsCommand,
];

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function helpText(): string {
  const width = Math.max(...SUBCOMMANDS.map((c) => c.name.length));
  return [
    'Usage: arising <command> [options]',
    '',
    'Commands:',
    ...SUBCOMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'help'.padEnd(width)}  show this help, or a command's: arising help import`,
    '',
    'Commands with --channel use the Redis at REDIS_URL under REDIS_PREFIX, as the service does.',
    'Exit status: 0 done, 1 the document or input could not be used or Redis could not be reached,',
    '2 the command line is wrong, 78 an environment variable is bad (REDIS_URL, REDIS_PREFIX, …).',
    '',
  ].join('\n');
}

function help(args: string[], io: CliIo): number {
  const topic = args[0];
  if (!topic) {
    io.stdout(helpText());
    return 0;
  }
  const command = SUBCOMMANDS.find((c) => c.name === topic);
  if (!command) {
    io.stderr(`arising: no help for '${topic}': there is no such command. Run 'arising help'.\n`);
    return 2;
  }
  io.stdout(`${command.usage}\n`);
  return 0;
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(helpText());
    return 2;
  }
  if (name === 'help' || name === '--help' || name === '-h') return help(rest, io);
  if (name === '--version' || name === '-v') {
    io.stdout(`${version()}\n`);
    return 0;
  }
  const command = SUBCOMMANDS.find((c) => c.name === name);
  if (!command) {
    const known = SUBCOMMANDS.map((c) => c.name).join(', ');
    io.stderr(`arising: unknown command '${name}' (commands: ${known}). Run 'arising help'.\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof CliError) err.command = command.name;
    throw err;
  }
}

/** Runs the CLI with `argv` (the words after `arising`) and resolves to the exit status. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`arising${err.command ? ` ${err.command}` : ''}: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof UserError) {
      io.stderr(`arising: ${err.message}\n`);
      return 1;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`arising: unexpected error: ${message.split('\n')[0]}\n`);
    return 1;
  }
}
