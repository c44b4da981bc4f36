/** Runs the CLI in-process with captured output. */
import { resolve } from 'node:path';
import { runCli } from '../../../server/src/cli/runCli';

export const repoRoot = resolve(__dirname, '../../..');

export async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: repoRoot });
  return { code, stdout, stderr };
}
