/**
 * Chart look-ups on Node's file system, for the language server and the CLI:
 * whether a Chart.yaml exists, and a chart's index read from disk with the
 * editor's unsaved texts taking precedence over the files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { ChartFileAccess, ChartIndex, ChartMemo } from './chartIndex';
import { readChartIndex } from './chartIndex';
import { chartFileRole } from './chartFiles';

/** fs.existsSync, never throwing. */
export function fileExists(path: string): boolean {
  try {
    return existsSync(path);
  } catch {
    return false;
  }
}

/** File access on disk; `unsaved` gives an open document's text by path, if it is open. */
export function nodeChartAccess(unsaved: (path: string) => string | undefined = () => undefined): ChartFileAccess {
  return {
    readFile(path) {
      const open = unsaved(path);
      if (open !== undefined) return open;
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    readDir(path) {
      try {
        return readdirSync(path, { withFileTypes: true }).map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }));
      } catch {
        return [];
      }
    },
  };
}

/** The index of the chart a file belongs to (template, helpers or values file), or undefined outside charts. */
export function chartIndexForFile(path: string, access: ChartFileAccess, memo?: ChartMemo): ChartIndex | undefined {
  const chart = chartFileRole(path, fileExists);
  return chart ? readChartIndex(chart.chartRoot, access, memo) : undefined;
}
