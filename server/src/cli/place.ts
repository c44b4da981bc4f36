/** `daemonset-tools place` — filled in by the placement work. */
import type { CliIo } from './io';
import { CliError } from './io';

export const PLACE_USAGE = 'usage: daemonset-tools place --cluster <profile> [--format text|json] <manifest files…>\n';

export function runPlace(_args: string[], _io: CliIo): number {
  throw new CliError('place is not implemented yet');
}
