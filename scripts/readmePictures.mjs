// The README's pictures (docs/images) and what each one shows. `npm run
// screenshots` takes them in the real VS Code (test/e2e/suite/readmePictures.specs.ts)
// and writes docs/images/manifest.json: each picture with a hash of the files
// it shows (the example manifests and profile in it, the code that renders
// it, the spec that sets the scene). A unit test recomputes the hashes, so a
// picture older than what it shows fails the tests until it is taken again.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SPEC = 'test/e2e/suite/readmePictures.specs.ts';
const PLACEMENT = ['examples/fluentd-taint.yaml', 'profiles/sample.profile.yaml', 'client/src/placementView', SPEC];

/** Picture file name → the files and folders (repository-relative) whose content it shows. */
export const PICTURES = {
  'completion.png': ['examples/fluentd.yaml', 'server/src/languageService/completion', SPEC],
  'hover.png': ['examples/fluentd.yaml', 'server/src/languageService/hover', SPEC],
  'placement.png': PLACEMENT,
  'placement.gif': PLACEMENT,
  'profile-completion.png': ['examples/fluentd-taint.yaml', 'profiles/sample.profile.yaml', 'server/src/languageService/completion', SPEC],
  'compare.png': ['examples/fluentd-taint.yaml', 'client/src/comparison.ts', 'server/src/placementComparison.ts', SPEC],
};

export const MANIFEST = 'docs/images/manifest.json';

function files(root, source) {
  const path = join(root, source);
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [source];
  return readdirSync(path).sort().flatMap((name) => files(root, `${source}/${name}`));
}

/** SHA-256 over the sources' files, each as its path and its bytes (a renamed or moved file changes it too). */
export function sourcesHash(root, sources) {
  const hash = createHash('sha256');
  for (const file of [...new Set(sources.flatMap((source) => files(root, source)))].sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The manifest for the sources as they are now. */
export function currentManifest(root) {
  return Object.fromEntries(Object.entries(PICTURES).map(([name, sources]) => [name, { sources, sha256: sourcesHash(root, sources) }]));
}

/** Pictures that are missing or older than what they show, each with why (empty when all are current). */
export function stalePictures(root) {
  const saved = existsSync(join(root, MANIFEST)) ? JSON.parse(readFileSync(join(root, MANIFEST), 'utf8')) : {};
  const stale = [];
  for (const [name, { sources, sha256 }] of Object.entries(currentManifest(root))) {
    if (!existsSync(join(root, 'docs/images', name))) stale.push(`docs/images/${name} is missing`);
    else if (saved[name]?.sha256 !== sha256) stale.push(`docs/images/${name} is older than what it shows (${sources.join(', ')} changed since it was taken)`);
  }
  return stale;
}
