// Generates server/src/generated/apiModel.json (git-ignored) from the upstream
// API definitions shipped in the npm package `kubernetes-models`.
//
// Why kubernetes-models: its declarations carry every field's upstream
// description, the enum literal unions and required/optional exactly as the
// upstream OpenAPI spec has them, for current Kubernetes fields.
// @kubernetes/client-node has descriptions too but no enum literals.
//
// Pipeline: ts-json-schema-generator turns the declarations of the root kinds
// into JSON Schema (with descriptions, enums, required), then this script
// folds that schema into the compact ApiModel shape the language service uses
// (server/src/languageService/apiModel/types.ts).
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';
import { foldFeatureGates } from './apiFeatureGates.mjs';
import { foldIntFormats } from './apiIntFormats.mjs';
import { VERSION_SOURCES, foldVersions } from './apiVersions.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packageDir = join(root, 'node_modules', 'kubernetes-models');
const packageVersion = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;

// The Kubernetes version these declarations describe. The package's README
// badge is stale; the fields decide: PodSpec.schedulingGroup (added in 1.36)
// is present while batch/v1 JobSpec.scheduling (added in 1.37) is not. The
// script checks both facts so a package update cannot silently keep a wrong
// version.
function kubernetesVersion() {
  const podSpec = readFileSync(join(packageDir, 'v1', 'PodSpec.d.ts'), 'utf8');
  const jobSpec = readFileSync(join(packageDir, 'batch', 'v1', 'JobSpec.d.ts'), 'utf8');
  const has136 = podSpec.includes('"schedulingGroup"?');
  const has137 = /"scheduling"\?:/.test(jobSpec);
  if (has136 && !has137) return '1.36';
  throw new Error(`kubernetes-models ${packageVersion}: cannot establish the Kubernetes version (schedulingGroup: ${has136}, Job scheduling: ${has137}); update scripts/generateApiModel.mjs`);
}

const ROOTS = {
  DaemonSet: ['kubernetes-models/apps/v1/DaemonSet', 'IDaemonSet'],
  PriorityClass: ['kubernetes-models/scheduling.k8s.io/v1/PriorityClass', 'IPriorityClass'],
  Node: ['kubernetes-models/v1/Node', 'INode'],
  Pod: ['kubernetes-models/v1/Pod', 'IPod'],
};

function generateSchema() {
  const work = mkdtempSync(join(tmpdir(), 'dst-apimodel-'));
  try {
    symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
    const lines = Object.entries(ROOTS).map(([kind, [module, type]]) => `import type { ${type} } from '${module}';\nexport type Root${kind} = ${type};`);
    writeFileSync(join(work, 'entry.ts'), lines.join('\n') + '\n');
    writeFileSync(
      join(work, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true, skipLibCheck: true }, files: ['entry.ts'] }),
    );
    const generator = createGenerator({ path: join(work, 'entry.ts'), tsconfig: join(work, 'tsconfig.json'), type: '*', skipTypeCheck: true, expose: 'all', topRef: true, jsDoc: 'extended', additionalProperties: false });
    return generator.createSchema('*');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// Every numeric field of these kinds is an int32 or int64 upstream; the
// declarations say `number` for both. The package's compiled validators keep
// the distinction: refuse to build if any validator of a group we read checks
// for a non-integer number, so a float field can never be typed as integer.
function assertAllNumbersAreIntegers() {
  const dir = join(packageDir, '_schemas');
  for (const name of readdirSync(dir)) {
    if (!/^IoK8sApi(CoreV1|AppsV1|SchedulingV1)[A-Za-z]*\.js$/.test(name)) continue;
    if (readFileSync(join(dir, name), 'utf8').includes('type:"number"}')) {
      throw new Error(`${name} has a non-integer number field; teach generateApiModel.mjs about it`);
    }
  }
}

const refName = (ref) => ref.replace('#/definitions/', '');
/** Definition names as the model uses them: `IToleration` -> `Toleration`. */
const shortName = (name) => name.replace(/^Root/, '').replace(/^I(?=[A-Z])/, '');

const SPECIAL = {
  IIntOrString: { kind: 'intOrString' },
  IQuantity: { kind: 'quantity' },
  ITime: { kind: 'string' },
  IMicroTime: { kind: 'string' },
  IFieldsV1: { kind: 'any' },
  IRawExtension: { kind: 'any' },
};

function typeOf(schema) {
  if (schema.$ref) {
    const name = refName(schema.$ref);
    if (SPECIAL[name]) return SPECIAL[name];
    return { kind: 'object', ref: shortName(name) };
  }
  if (schema.enum) return { kind: 'string', enum: schema.enum.map(String) };
  if (schema.const !== undefined) return { kind: 'string', enum: [String(schema.const)] };
  const type = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (type.includes('string') && type.includes('number')) return { kind: 'intOrString' };
  switch (type[0]) {
    case 'string':
      return { kind: 'string' };
    case 'number':
    case 'integer':
      return { kind: 'integer' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'array':
      return { kind: 'array', items: schema.items ? typeOf(schema.items) : { kind: 'any' } };
    case 'object':
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object') return { kind: 'map', values: typeOf(schema.additionalProperties) };
      if (schema.additionalProperties === true || !schema.properties) return { kind: 'map', values: { kind: 'any' } };
      return { kind: 'any' };
    default:
      return { kind: 'any' };
  }
}

const ENUM_SECTION = /\n*Possible enum values:([\s\S]*)$/;
/** Splits upstream "Possible enum values: - `"X"` means …" into a map, and the description without it. */
function splitEnumDescriptions(description) {
  const match = ENUM_SECTION.exec(description);
  if (!match) return { description, enumDescriptions: undefined };
  const enumDescriptions = {};
  const item = /-\s+`"([^"]*)"`\s*([\s\S]*?)(?=\s+-\s+`"|$)/g;
  for (let m = item.exec(match[1]); m; m = item.exec(match[1])) enumDescriptions[m[1]] = m[2].trim();
  return { description: description.slice(0, match.index).trim(), enumDescriptions };
}

/** The default the upstream text states ("Defaults to X." / "Default is X."). */
function statedDefault(description) {
  const match = /\bDefaults? (?:to|is)\s+(.+?)(?:\.(?=\s|$)|$)/m.exec(description);
  return match ? match[1].trim().replace(/^["`](.*)["`]$/, '$1') : undefined;
}

// Defaults applied by the API server's defaulting code that the field text
// does not state (pkg/apis/apps/v1/defaults.go SetDefaults_DaemonSet).
const CODE_DEFAULTS = {
  'RollingUpdateDaemonSet.maxUnavailable': '1',
  'RollingUpdateDaemonSet.maxSurge': '0',
  'DaemonSetUpdateStrategy.type': 'RollingUpdate',
};

function buildModel(schema) {
  const definitions = {};
  for (const [name, def] of Object.entries(schema.definitions)) {
    if (SPECIAL[name] || !def.properties) continue;
    const objectName = shortName(name);
    const required = new Set(def.required ?? []);
    const fields = {};
    for (const [fieldName, prop] of Object.entries(def.properties)) {
      const { description, enumDescriptions } = splitEnumDescriptions(prop.description ?? '');
      const type = typeOf(prop);
      if (type.kind === 'string' && !type.enum && enumDescriptions) type.enum = Object.keys(enumDescriptions);
      const field = { name: fieldName, type, required: required.has(fieldName), description };
      if (enumDescriptions) field.enumDescriptions = enumDescriptions;
      const fallback = CODE_DEFAULTS[`${objectName}.${fieldName}`];
      const stated = statedDefault(description);
      if (stated ?? fallback) field.default = stated ?? fallback;
      fields[fieldName] = field;
    }
    definitions[objectName] = { name: objectName, description: def.description ?? '', fields };
  }
  return definitions;
}

// The concise cluster profile format is ours: its model comes from our own
// JSON Schema (schemas/clusterProfile.schema.json), folded into the same shape
// so completion, hover and the field checks serve profile files unchanged.
const PROFILE_REFS = { quantity: 'IQuantity', metadata: 'ProfileMetadata', pool: 'ProfileNodePool', node: 'ProfileNode', taint: 'ProfileTaint' };

function profileDefinitions() {
  const profile = JSON.parse(readFileSync(join(root, 'schemas', 'clusterProfile.schema.json'), 'utf8'));
  const resolve = (schema) => {
    if (Array.isArray(schema)) return schema.map(resolve);
    if (!schema || typeof schema !== 'object') return schema;
    if (schema.$ref) {
      const path = schema.$ref.replace('#/definitions/', '').split('/');
      if (path.length === 1 && PROFILE_REFS[path[0]]) return { ...schema, $ref: `#/definitions/${PROFILE_REFS[path[0]]}` };
      const target = path.reduce((node, key) => node[key], profile.definitions);
      const { $ref: _ref, ...rest } = schema;
      return resolve({ ...target, ...rest });
    }
    return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, resolve(value)]));
  };
  const definitions = { ClusterProfile: resolve({ ...profile, definitions: undefined }) };
  for (const [name, target] of Object.entries(PROFILE_REFS)) if (target.startsWith('Profile')) definitions[target] = resolve(profile.definitions[name]);
  return buildModel({ definitions });
}

const started = Date.now();
assertAllNumbersAreIntegers();
const schema = generateSchema();
const model = {
  kubernetesVersion: kubernetesVersion(),
  source: `kubernetes-models@${packageVersion}`,
  roots: { ...Object.fromEntries(Object.keys(ROOTS).map((kind) => [kind, kind])), ClusterProfile: 'ClusterProfile' },
  definitions: { ...buildModel(schema), ...profileDefinitions() },
};
for (const [kind, name] of Object.entries(model.roots)) {
  if (!model.definitions[name]) throw new Error(`root ${kind} missing from the generated model`);
}
// Strategic-merge metadata (merge keys, patch strategies, list types) from the
// upstream OpenAPI: kubernetes-models drops these vendor extensions, so they come
// from scripts/data/patchStrategies.json, extracted from the upstream document by
// scripts/extractPatchStrategies.mjs. The build fails if the two disagree.
function foldPatchStrategies(definitions) {
  const data = JSON.parse(readFileSync(join(root, 'scripts', 'data', 'patchStrategies.json'), 'utf8'));
  if (data.kubernetes !== model.kubernetesVersion) throw new Error(`patchStrategies.json describes Kubernetes ${data.kubernetes}, the model ${model.kubernetesVersion}: run scripts/extractPatchStrategies.mjs on the matching OpenAPI`);
  let folded = 0;
  for (const [name, fields] of Object.entries(data.definitions)) {
    const definition = definitions[name];
    if (!definition) continue; // a definition the model does not read
    for (const [field, patch] of Object.entries(fields)) {
      if (!definition.fields[field]) throw new Error(`patchStrategies.json: ${name}.${field} is not in the model`);
      definition.fields[field].patch = patch;
      folded++;
    }
  }
  if (!definitions.PodSpec?.fields.containers.patch?.mergeKey) throw new Error('patch strategies missing for PodSpec.containers');
  return folded;
}
const patchFields = foldPatchStrategies(model.definitions);
// int32 or int64 on the integer fields (scripts/apiIntFormats.mjs): a number beyond the width fails decoding.
const intFields = foldIntFormats(root, model);
// The older supported versions, as differences from this one (scripts/apiVersions.mjs).
const folded = foldVersions(root, model, Object.keys(ROOTS));
model.kubernetesVersions = folded.versions;
// Fields behind a feature gate off by default in some supported version (scripts/apiFeatureGates.mjs).
const gated = foldFeatureGates(root, model);
model.source += VERSION_SOURCES.map((s) => `, ${s.version} from ${s.alias}@${JSON.parse(readFileSync(join(root, 'node_modules', s.alias, 'package.json'), 'utf8')).version}`).join('');

// `.daemonset-tools.yaml` takes exactly the supported versions: the shipped
// schema's enum is written from this one list (the config reader reads it from
// the model), so no second list is typed by hand. Written only when it changes.
function writeConfigSchemaVersions(versions) {
  const path = join(root, 'schemas', 'daemonsetTools.config.schema.json');
  const text = readFileSync(path, 'utf8');
  const schema = JSON.parse(text);
  const { pattern: _pattern, examples: _examples, enum: _enum, ...property } = schema.properties.kubernetesVersion;
  schema.properties.kubernetesVersion = { ...property, enum: versions };
  const written = `${JSON.stringify(schema, null, 2)}\n`;
  if (written !== text) writeFileSync(path, written);
}
writeConfigSchemaVersions(folded.versions);

const outDir = join(root, 'server', 'src', 'generated');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'apiModel.json'), JSON.stringify(model));
// The JSON Schema of a DaemonSet document the model was folded from: the
// benchmark gives it to yaml-language-server, so both servers check the same fields.
writeFileSync(join(outDir, 'daemonSet.schema.json'), JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', $ref: '#/definitions/RootDaemonSet', definitions: schema.definitions }));
console.log(`[generate] API model: Kubernetes ${model.kubernetesVersion} from ${model.source}, ${Object.keys(model.definitions).length} definitions, ${patchFields} fields with patch strategies, ${intFields} integer fields with their width, versions ${folded.versions.join(', ')} (${folded.marked} fields not in all, ${folded.added} from older versions), ${gated} fields behind a gate off by default, ${Date.now() - started} ms`);
