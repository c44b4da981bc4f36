/** Suggestions for misspelt field names. */

/** Levenshtein distance, case-insensitive (nodeselector ~ nodeSelector). */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length];
}

/**
 * The closest candidate within a distance that still reads as a typo, if any;
 * failing that, the one candidate the name is a clear abbreviation of
 * (`initialDelay` -> `initialDelaySeconds`).
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(2, Math.floor(name.length / 3));
  const prefixed: string[] = [];
  const lower = name.toLowerCase();
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance && distance <= limit) {
      best = candidate;
      bestDistance = distance;
    }
    if (lower.length >= 4 && candidate.toLowerCase().startsWith(lower)) prefixed.push(candidate);
  }
  return best ?? (prefixed.length === 1 ? prefixed[0] : undefined);
}

/** Up to three candidates that contain the name as a word part (`port` -> `containerPort`, `hostPort`); none for short names. */
export function containing(name: string, candidates: Iterable<string>): string[] {
  const lower = name.toLowerCase();
  if (lower.length < 4) return [];
  const found = [...candidates].filter((candidate) => candidate.length > lower.length && candidate.toLowerCase().includes(lower));
  return found.length <= 3 ? found.sort() : [];
}
