/** Where the command line writes; tests pass their own sinks. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

let pipeGuarded = false;

/**
 * `daemonset-tools check … | head` closes the pipe early: stop quietly
 * instead of crashing on EPIPE with a stack trace.
 */
function guardPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw error;
  });
}

export const processIo: CliIo = {
  stdout: (text) => {
    guardPipe();
    process.stdout.write(text);
  },
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

/** A usage or I/O problem: the CLI prints the message and exits with 2. */
export class CliError extends Error {}
