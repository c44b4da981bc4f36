/** Types of ruleCountsOf.mjs (the counting shared by scripts/ruleCounts.mjs and its test). */
export interface RuleCount {
  findings: number;
  files: number;
  severities: Record<string, number>;
}
export interface SavedCounts {
  corpus?: string;
  files: number;
  rules: Record<string, RuleCount>;
}
export function ruleCountsOf(report: { files: Array<{ diagnostics: Array<{ code: string; severity: string }> }> }): Array<[string, RuleCount]>;
export function canonicalCounts(entry: RuleCount | undefined): string;
export function countDifferences(saved: SavedCounts, current: SavedCounts): string[];
