/**
 * A 1,048,576-digit quantity (issue 15, item 4): what diagnostics, code
 * actions and placement cost on it once the document is parsed (the parse
 * itself is the `yaml` package's, measured apart: a double-quoted scalar of a
 * million characters is its slow case).
 */
import { loadApiModel } from '../server/src/languageService/apiModel';
import { daemonSetFromYaml } from '../server/src/languageService/daemonSetModel';
import { validateFile } from '../server/src/languageService/diagnostics';
import { placementFixes } from '../server/src/languageService/placementFixes';
import { readProfile } from '../server/src/languageService/profiles';
import { parseYamlFile } from '../server/src/languageService/yamlModel';
import { placeDaemonSet } from '../server/src/placement';
import { fmt, line, sample, time } from './stats';

const DIGITS = '9'.repeat(1_048_576);
const manifest = (cpu: string) =>
  `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\nspec:\n  selector:\n    matchLabels: {app: x}\n  template:\n    metadata:\n      labels: {app: x}\n    spec:\n      containers:\n        - name: a\n          image: a:1\n          resources:\n            requests:\n              cpu: ${cpu}\n`;

export function runHugeQuantityBench(): void {
  console.log('a 1,048,576-digit quantity');
  const profile = readProfile('kind: ClusterProfile\nnodes:\n  - name: a\n    allocatable: {cpu: "4", memory: 8Gi}\n', 'p.yaml').profile;
  if (!profile) throw new Error('bench profile does not read');
  const model = loadApiModel();
  for (const [style, cpu] of [['plain', DIGITS], ['double-quoted', `"${DIGITS}"`]] as const) {
    const { ms: parseMs, result: file } = time(() => parseYamlFile(manifest(cpu)));
    line(`${style}: parse (the yaml package)`, fmt(parseMs));
    const offset = file.text.indexOf('cpu');
    // each request as the server answers it: the model of an unchanged text is reused, so the quantity is parsed once
    const features = sample(5, () => {
      const fresh = parseYamlFile(file.text, file); // same text: the model is reused, its nodes too
      validateFile(fresh, model, {});
      placementFixes(fresh, offset, profile);
      const ds = daemonSetFromYaml(fresh.documents[0]);
      if (ds) placeDaemonSet(ds, profile);
    });
    line(`${style}: diagnostics + code actions + placement (median)`, fmt(features.median), '≤ 100 ms');
  }
}
