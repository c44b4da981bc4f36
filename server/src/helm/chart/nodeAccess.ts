/**
 * Chart look-ups on Node's file system, for the language server and the CLI:
 * whether a Chart.yaml exists, and a chart's index read from disk with the
 * editor's unsaved texts taking precedence over the files.
 */
import { existsSync } from 'node:fs';
import { diskChartReader } from '../render/chartFiles';
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

/** File access on disk; `unsaved` gives an open document's text by path, if it is open (the renderer's reader, as the index needs it). */
export function nodeChartAccess(unsaved: (path: string) => string | undefined = () => undefined): ChartFileAccess {
  const reader = diskChartReader(unsaved);
  return {
    readFile: (path) => reader.readText(path),
    readDir: (path) => reader.readDir(path).map(({ name, isDirectory }) => ({ name, isDirectory })),
  };
}

/** The index of the chart a file belongs to (template, helpers or values file), or undefined outside charts. */
export function chartIndexForFile(path: string, access: ChartFileAccess, memo?: ChartMemo): ChartIndex | undefined {
  const chart = chartFileRole(path, fileExists);
  return chart ? readChartIndex(chart.chartRoot, access, memo) : undefined;
}
