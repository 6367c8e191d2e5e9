/**
 * What every `arising <subcommand>` provides, so main.ts can dispatch to it. A new subcommand is one file
 * exporting a `Subcommand` and one entry (its name, its line of help and how to load it) in main.ts's list.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type CliIo, UsageError } from './cli-io';

export interface Subcommand {
  name: string;
  /** The usage lines shown by `arising help <name>` and after a usage error. */
  usage: string;
  /** Runs with the arguments after the subcommand's name; resolves to the exit status. */
  run(argv: string[], io: CliIo): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** node's parseArgs, strict, with its errors turned into one-line usage errors naming the flag. */
export function parseCommandArgs(argv: string[], options: Options): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const message = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
    const flag = /'(-{1,2}[\w-]+)/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option '${flag}'`);
    if (/argument missing/.test(message)) throw new UsageError(`option '${flag}' needs a value`);
    if (/does not take an argument/.test(message)) {
      throw new UsageError(`option '${flag}' does not take a value`);
    }
    throw new UsageError(message);
  }
}
