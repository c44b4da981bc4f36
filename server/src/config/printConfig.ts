/**
 * The effective configuration as `daemonset-tools config --print` prints it
 * and the editor's Show Effective Configuration shows it: one text for both.
 */
import type { ToolsConfig } from './types';

/** The configuration as pretty JSON, with the file it came from (`configFile: null`: none, the defaults). */
export function printConfig(config: ToolsConfig): string {
  const { path, ...settings } = config;
  return `${JSON.stringify({ configFile: path ?? null, ...settings }, null, 2)}\n`;
}
