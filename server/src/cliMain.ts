/** Entry of dist/cli.js (the `daemonset-tools` command). */
import { runCli } from './cli/runCli';

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
