/**
 * The command line: `daemonset-tools check …` and `daemonset-tools place …`.
 * Returns the exit code: 0 ok, 1 errors found (check), 2 usage or I/O error.
 */
import { CHECK_USAGE, runCheck } from './check';
import type { CliIo } from './io';
import { CliError, processIo } from './io';
import { PLACE_USAGE, runPlace } from './place';

const USAGE = `daemonset-tools — check and place Kubernetes DaemonSets

${CHECK_USAGE}
${PLACE_USAGE}`;

export function runCli(args: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'check':
        return Promise.resolve(runCheck(rest, io));
      case 'place':
        return Promise.resolve(runPlace(rest, io));
      case '--help':
      case '-h':
      case 'help':
        io.stdout(USAGE);
        return Promise.resolve(0);
      default:
        throw new CliError(command ? `unknown command ${command}` : 'no command given');
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`daemonset-tools: ${error.message}\n${command === 'check' || command === 'place' ? '' : USAGE}`);
      return Promise.resolve(2);
    }
    io.stderr(`daemonset-tools: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return Promise.resolve(2);
  }
}
