// The per-rule counts of a `check --format json` report, shared by scripts/ruleCounts.mjs (which
// prints and saves them) and the test that keeps docs/ruleCounts.json (the README's figures) true.

/**
 * Rows `[rule id, { findings, files, severities: { warning: n, … } }]`, most findings first.
 * @param {{ files: Array<{ diagnostics: Array<{ code: string, severity: string }> }> }} report
 */
export function ruleCountsOf(report) {
  const counts = new Map();
  for (const file of report.files) {
    const seen = new Set();
    for (const d of file.diagnostics) {
      const entry = counts.get(d.code) ?? { findings: 0, files: 0, severities: {} };
      entry.findings++;
      entry.severities[d.severity] = (entry.severities[d.severity] ?? 0) + 1;
      if (!seen.has(d.code)) entry.files++;
      seen.add(d.code);
      counts.set(d.code, entry);
    }
  }
  return [...counts].sort((a, b) => b[1].findings - a[1].findings || a[0].localeCompare(b[0]));
}

/**
 * A rule's counts as one line of text, severities in a fixed order (they are saved in the order
 * first seen), 'none' for a rule that did not fire: what two sets of counts are compared by.
 * @param {{ findings: number, files: number, severities: Record<string, number> } | undefined} entry
 */
export function canonicalCounts(entry) {
  if (!entry) return 'none';
  const severities = Object.entries(entry.severities).sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s} ${n}`).join(', ');
  return `${entry.findings} in ${entry.files} files (${severities})`;
}

/**
 * Each difference between saved counts (docs/ruleCounts.json) and current ones, as text.
 * @param {{ files: number, rules: Record<string, any> }} saved
 * @param {{ files: number, rules: Record<string, any> }} current
 */
export function countDifferences(saved, current) {
  const differences = [];
  if (saved.files !== current.files) differences.push(`files: saved ${saved.files}, now ${current.files}`);
  for (const code of new Set([...Object.keys(saved.rules), ...Object.keys(current.rules)])) {
    const before = canonicalCounts(saved.rules[code]);
    const now = canonicalCounts(current.rules[code]);
    if (before !== now) differences.push(`${code}: saved ${before}, now ${now}`);
  }
  return differences;
}
