/**
 * `daemonset-tools config --print [--config <file>] [path]`: the effective
 * configuration for a path (the nearest .daemonset-tools.yaml in it or above
 * it, or the file given), as JSON, so a team sees what CI and the editor use.
 */
import { resolve } from 'node:path';
import { ConfigResolver } from '../config/findConfig';
import { printConfig } from '../config/printConfig';
import { parseArgs } from './args';
import type { CliIo } from './io';
import { CliError } from './io';

export const CONFIG_USAGE = `usage: daemonset-tools config --print [--config <file>] [path]

Prints the effective configuration for the path (default: the current folder):
the nearest .daemonset-tools.yaml in it or above it, or the --config file.
`;

/** The resolver of a command's files: `--config` (relative to the working folder) for all of them, else each file's nearest file. */
export function configResolver(explicit: string | undefined, cwd: string): ConfigResolver {
  return new ConfigResolver(explicit === undefined ? undefined : resolve(cwd, explicit));
}

export function runConfig(args: string[], io: CliIo): number {
  const parsed = parseArgs(args, { print: false, config: true, help: false, h: false });
  if (parsed.flags.has('help') || parsed.flags.has('h')) {
    io.stdout(CONFIG_USAGE);
    return 0;
  }
  if (!parsed.flags.has('print')) throw new CliError(`config needs --print\n${CONFIG_USAGE}`);
  const config = configResolver(parsed.flags.get('config')?.at(-1), io.cwd).forFolder(resolve(io.cwd, parsed.positionals[0] ?? '.'));
  io.stdout(printConfig(config));
  return 0;
}
