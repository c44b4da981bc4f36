/**
 * A 400-line chart template in the editor: masking + parsing, diagnostics
 * after a one-character edit, completion in the YAML parts and inside an
 * action (with the chart read from disk, as the server does on each request),
 * against the plain-manifest budgets.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FindingsCache } from '../server/src/findingsCache';
import { completeInAction, hoverInAction } from '../server/src/helm/assist';
import { ChartMemo, chartIndexForFile, fileExists, nodeChartAccess, parseSourceFile } from '../server/src/helm/chart';
import { isTemplateFile, maskTemplate } from '../server/src/helm/masking';
import { loadApiModel } from '../server/src/languageService/apiModel';
import { complete } from '../server/src/languageService/completion';
import type { YamlFile } from '../server/src/languageService/yamlModel';
import { parseYamlFile } from '../server/src/languageService/yamlModel';
import { cpuSample, fmt, line, sample } from './stats';

const chart = resolve(__dirname, '../test/fixtures/charts/node-agent');
const path = resolve(chart, 'templates/bench.yaml');

/** The fixture DaemonSet template with sidecars added until it has at least 400 lines. */
export function bigTemplate(): string {
  const base = readFileSync(resolve(chart, 'templates/daemonset.yaml'), 'utf8');
  const sidecar = (i: number) => `        {{- if .Values.sidecars.s${i}.enabled }}
        - name: sidecar-${i}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          args:
            - --index=${i}
            {{- range .Values.extraArgs }}
            - {{ . | quote }}
            {{- end }}
          {{- with .Values.resources }}
          resources:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          volumeMounts:
            - name: varlog
              mountPath: /var/log
              readOnly: true
        {{- end }}
`;
  const marker = '      terminationGracePeriodSeconds: 30\n';
  let sidecars = '';
  for (let i = 0; base.split('\n').length + sidecars.split('\n').length < 420; i++) sidecars += sidecar(i);
  return base.replace(marker, `${sidecars}${marker}`);
}

export function runHelmBench(): void {
  const model = loadApiModel();
  const text = bigTemplate();
  const parse = (source: string, previous?: YamlFile) => parseSourceFile(source, { path, exists: fileExists, previous });
  console.log(`Helm chart template (${text.split('\n').length} lines, ${(text.length / 1024).toFixed(1)} KiB)`);
  const full = sample(50, () => parse(text));
  line('masking + parse of the whole template (median)', fmt(full.median));
  const cache = new FindingsCache();
  let current = parse(text);
  cache.findings(current, model, {}, '');
  const edits = [text.replace('- --index=3\n', '- --index=x\n'), text];
  const edit = (i: number) => {
    current = parse(edits[i % 2], current);
    cache.findings(current, model, {}, '');
  };
  for (let i = 0; i < 20; i++) edit(i);
  const afterEdit = sample(200, edit);
  // The same edit on the masked text read as a plain manifest of the same size: what templating adds.
  const plainCache = new FindingsCache();
  const maskedEdits = edits.map((source) => maskTemplate(source).masked);
  let plain = parseYamlFile(maskedEdits[0]);
  const plainEdit = (i: number) => {
    plain = parseYamlFile(maskedEdits[i % 2], plain);
    plainCache.findings(plain, model, {}, '');
  };
  for (let i = 0; i < 20; i++) plainEdit(i);
  const plainAfterEdit = sample(200, plainEdit);
  line('masking + fresh diagnostics after a one-character edit (p95)', fmt(afterEdit.p95), '≤ 2× the plain manifest');
  line('the same edit in a plain manifest of that size (p95)', fmt(plainAfterEdit.p95));
  line('CPU time of this process: template edit / plain edit (median)', `${fmt(cpuSample(100, edit).median)} / ${fmt(cpuSample(100, plainEdit).median)}`, '≤ 2×');

  const file = parse(text);
  if (!isTemplateFile(file)) throw new Error('the template was not masked');
  const yamlOffset = text.indexOf('imagePullPolicy: {{') + 'imagePullPolicy'.length - 3;
  for (let i = 0; i < 50; i++) complete(file, yamlOffset, model);
  const yamlCompletion = sample(400, () => complete(file, yamlOffset, model));
  line('completion of a key among the actions (p95)', fmt(yamlCompletion.p95), '≤ 10 ms');
  line('the same, CPU time of this process (p95)', fmt(cpuSample(400, () => complete(file, yamlOffset, model)).p95), '≤ 10 ms');
  let typed: YamlFile = file;
  const keystroke = (i: number) => {
    typed = parse(edits[i % 2], typed);
    complete(typed, yamlOffset, model);
  };
  const keystrokes = sample(200, keystroke);
  line('keystroke: masking + parse + completion (p95)', fmt(keystrokes.p95));
  const valuesOffset = text.indexOf('.Values.image.pullPolicy') + '.Values.image.'.length;
  const access = nodeChartAccess();
  const memo = new ChartMemo();
  const inAction = () => completeInAction(file.mask.actions, valuesOffset, chartIndexForFile(path, access, memo));
  for (let i = 0; i < 20; i++) inAction();
  const actionCompletion = sample(400, inAction);
  line('completion of .Values. (chart read from disk) (p95)', fmt(actionCompletion.p95), '≤ 10 ms');
  line('the same, CPU time of this process (p95)', fmt(cpuSample(400, inAction).p95), '≤ 10 ms');
  const hovers = sample(400, () => hoverInAction(file.mask.actions, valuesOffset + 1, chartIndexForFile(path, access, memo)));
  line('hover on .Values.a.b (chart read from disk) (p95)', fmt(hovers.p95), '≤ 10 ms');
}
