/**
 * The command line: `daemonset-tools check …` and `daemonset-tools place …`.
 * Returns the exit code: 0 ok, 1 errors found (check), 2 usage or I/O error.
 */
export function runCli(args: string[]): Promise<number> {
  const [command] = args;
  process.stderr.write(`daemonset-tools: unknown command ${command ?? '(none)'}\nusage: daemonset-tools check|place …\n`);
  return Promise.resolve(2);
}
