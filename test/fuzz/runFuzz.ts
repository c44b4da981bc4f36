/**
 * `npm run fuzz -- [--seed N] [--edits N]`: a long seeded run of the edit
 * fuzzer (test/fuzz/editFuzz.ts). Without --seed, a seed from the clock (printed,
 * so a failure can be replayed). Exits 1 with a reproduction on the first failure.
 */
import { describeFailure, fuzz } from './editFuzz';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`--${name} takes a whole number, not ${process.argv[at + 1]}`);
    process.exit(2);
  }
  return value;
}

const seed = option('seed', Date.now() % 1_000_000);
const edits = option('edits', 50_000);
const started = Date.now();
console.log(`fuzz: seed ${seed}, ${edits} edits`);
const failure = fuzz({ seed, edits, progress: (done) => console.log(`  ${done} edits, ${((Date.now() - started) / 1000).toFixed(0)} s`) });
if (failure) {
  console.error(describeFailure(failure));
  process.exit(1);
}
console.log(`fuzz: ${edits} edits without a difference from a fresh server (${((Date.now() - started) / 1000).toFixed(1)} s)`);
