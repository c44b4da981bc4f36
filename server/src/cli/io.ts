/** Where the command line writes; tests pass their own sinks. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

/** A usage or I/O problem: the CLI prints the message and exits with 2. */
export class CliError extends Error {}
