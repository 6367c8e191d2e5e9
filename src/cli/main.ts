/**
 * The `arising` command line: a small dispatcher from the first word to a subcommand (one file each,
 * listed below), with `help` and `--version`. Every failure ends as one line on stderr and an exit
 * status: 2 for a wrong command line, 1 for a document or input that cannot be used (or Redis that does not
 * answer), 78 for a bad environment variable; never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../core/errors';
import { packageRoot } from '../package-root';
import { asCliError, CliError, type CliIo, processIo } from './cli-io';
import type { Subcommand } from './subcommand';

/**
 * One subcommand as the help lists it, and how to load it. A subcommand's module is loaded only when it
 * runs (or its own help is asked for): `arising --help` then loads none of them, and `arising import`
 * none of the Redis, report or export code of the others, so each starts in a fraction of the time.
 */
export interface SubcommandEntry {
  name: string;
  /** One line for `arising help`. */
  summary: string;
  load(): Subcommand;
}

/** Every subcommand; a new one is added here. */
export const SUBCOMMANDS: readonly SubcommandEntry[] = [
  {
    name: 'import',
    summary: 'read the actions of a minutes document (--dry-run to preview) or store them (--channel)',
    load: () => (require('./import-command') as typeof import('./import-command')).importCommand,
  },
  {
    name: 'matters-arising',
    summary:
      "the previous meeting's actions and their status, for the chair (Markdown, --json, or Word: --format docx --out FILE)",
    load: () =>
      (require('./matters-arising-command') as typeof import('./matters-arising-command'))
        .mattersArisingCommand,
  },
  {
    name: 'digest',
    summary: 'the overdue actions of a channel, grouped by owner (Markdown or --json)',
    load: () => (require('./digest-command') as typeof import('./digest-command')).digestCommand,
  },
  {
    name: 'export',
    summary: 'every action of a channel with its history (--format csv, json or md)',
    load: () => (require('./export-command') as typeof import('./export-command')).exportCommand,
  },
  {
    name: 'chairs',
    summary: "show or set a channel's chairs (the operator's remedy when the wrong person took the chair)",
    load: () => (require('./chairs-command') as typeof import('./chairs-command')).chairsCommand,
  },
];

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
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
  io.stdout(`${command.load().usage}\n`);
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
    return await command.load().run(rest, io);
  } catch (err) {
    const failure = asCliError(err);
    if (failure instanceof CliError) failure.command = command.name;
    throw failure;
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
