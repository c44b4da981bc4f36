/**
 * The command line: `daemonset-tools check …` and `daemonset-tools place …`.
 * Returns the exit code: 0 ok, 1 errors found (check), 2 usage or I/O error.
 */
import { CHECK_USAGE, runCheck } from './check';
import type { CliIo } from './io';
import { CliError, processIo } from './io';
import { PLACE_USAGE, runPlace } from './place';
import { CONFIG_USAGE, runConfig } from './config';
import { ConfigError } from '../config/findConfig';

const USAGE = `daemonset-tools — check and place Kubernetes DaemonSets

${CHECK_USAGE}
${PLACE_USAGE}
${CONFIG_USAGE}`;

/** Commands by name; each returns (or resolves to) its exit code and throws CliError on usage or I/O errors. */
const COMMANDS: Record<string, (args: string[], io: CliIo) => number | Promise<number>> = {
  check: runCheck,
  place: runPlace,
  config: runConfig,
};

/**
 * Runs one command line (without `node` and the script) and resolves to the
 * exit code. Output goes through `io` so tests can capture it.
 */
export async function runCli(args: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = args;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      if (command === undefined) throw new CliError('no command given');
      io.stdout(USAGE);
      return 0;
    }
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) throw new CliError(`unknown command ${command}`);
    return await run(rest, io);
  } catch (error) {
    if (error instanceof CliError || error instanceof ConfigError) {
      io.stderr(`daemonset-tools: ${error.message}\n${command !== undefined && Object.hasOwn(COMMANDS, command) ? '' : `\n${USAGE}`}`);
      return 2;
    }
    io.stderr(`daemonset-tools: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}
