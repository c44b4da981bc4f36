// Which fields of the API model exist in each supported Kubernetes minor
// version, read from maintained npm packages that carry that version's API
// (installed side by side under npm aliases, see package.json):
//
//   1.33  kubernetes-api-1.33 = @kubernetes/client-node 1.3.0 (generated from the v1.33.0 OpenAPI)
//   1.34  kubernetes-api-1.34 = @kubernetes/client-node 1.4.0 (generated from the v1.34.0 OpenAPI)
//   1.35  kubernetes-api-1.35 = @pulumi/kubernetes 4.29.0 (no client-node release carries 1.35:
//         its 2.0.0 went from the 1.34 to the 1.36 OpenAPI; Pulumi's types are generated from the
//         upstream OpenAPI too, and it is the only maintained package with 1.35). Pulumi's types
//         are additive: they keep fields upstream removed long ago (ObjectMeta.clusterName,
//         PodResourceClaim.source), so a field only Pulumi has proves nothing by itself. It is
//         counted when upstream's own types.go of that version corroborates it: a field new in a
//         version enters behind a feature gate, and scripts/data/featureGates.json (extracted from
//         kubernetes/api's types.go at each supported tag) lists the gated fields per version.
//         That brings the one real 1.35-only field, PodSpec.workloadRef (alpha, GenericWorkload,
//         off by default; 1.36 replaced it by schedulingGroup), with its type from Pulumi.
//   1.36  the base model itself (kubernetes-models, see generateApiModel.mjs)
//
// The bundled model stays one model (the newest version, plus the fields an
// older version has and a newer one removed), and each field that does not
// exist in every supported version carries `since` / `until`: the versions
// are stored as differences, every description once.
//
// Only names and, for fields the base lacks, types and descriptions are read:
// the declarations are parsed (not type-checked) with the TypeScript compiler.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** Oldest first; the newest supported version is the base model's own. */
export const VERSION_SOURCES = [
  { version: '1.33', alias: 'kubernetes-api-1.33', format: 'client-node' },
  { version: '1.34', alias: 'kubernetes-api-1.34', format: 'client-node' },
  { version: '1.35', alias: 'kubernetes-api-1.35', format: 'pulumi', additive: true },
];

/** The API groups the model reads, as the packages spell them. */
const PULUMI_GROUPS = new Set(['core', 'apps', 'meta', 'scheduling']);

const jsDocText = (node) =>
  ts
    .getJSDocCommentsAndTags(node)
    .map((doc) => (typeof doc.comment === 'string' ? doc.comment : ''))
    .join('\n')
    .replace(/\\'/g, "'")
    .trim();

const memberName = (member) => (member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : undefined);

/** `{ name -> { description, fields: Map<name, { type: ts.TypeNode, description }> } }` of one parsed declaration. */
function readMembers(node) {
  const fields = new Map();
  for (const member of node.members) {
    const isStatic = member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
    if (isStatic || !(ts.isPropertyDeclaration(member) || ts.isPropertySignature(member)) || !member.type) continue;
    const name = memberName(member);
    if (name !== undefined) fields.set(name, { type: member.type, description: jsDocText(member) });
  }
  return { description: jsDocText(node), fields };
}

/**
 * @kubernetes/client-node: one `V1Name.d.ts` per definition of the v1 groups,
 * a class per definition. The header names the OpenAPI version it was
 * generated from: files of an older version are leftovers of definitions
 * upstream removed (the generator does not delete them) and are skipped; a
 * package whose PodSpec is not of the expected version is refused.
 */
function readClientNode(dir, version) {
  const models = join(dir, 'dist', 'gen', 'models');
  /** Short name -> file names (parsed on first use: the walk reads about a fifth of them). */
  const files = new Map();
  for (const file of readdirSync(models)) {
    // `CoreV1ResourceClaim`: the group is spelled out where two groups have a v1 definition of one name
    const match = /^(?:Core|Apps|Meta|Scheduling)?V1([A-Z]\w*)\.d\.ts$/.exec(file);
    if (match) files.set(match[1], [...(files.get(match[1]) ?? []), file]);
  }
  const parsed = new Map();
  const parse = (name) => {
    const found = [];
    for (const file of files.get(name) ?? []) {
      const text = readFileSync(join(models, file), 'utf8');
      const spec = /OpenAPI spec version: v(\d+\.\d+)\./.exec(text)?.[1];
      if (spec !== version) {
        if (name === 'PodSpec') throw new Error(`${file} of ${dir} is generated from Kubernetes ${spec}, expected ${version}`);
        continue;
      }
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const declaration = source.statements.find((s) => ts.isClassDeclaration(s) && s.name?.text === file.replace(/\.d\.ts$/, ''));
      if (declaration) found.push(readMembers(declaration));
    }
    if (found.length > 1) throw new Error(`${dir}: two v1 definitions named ${name}`);
    return found[0];
  };
  const get = (name) => {
    if (!parsed.has(name)) parsed.set(name, parse(name));
    return parsed.get(name);
  };
  return { get, has: (name) => get(name) !== undefined };
}

/** @pulumi/kubernetes: `types/output.d.ts`, namespaces `core.v1.Name` (the `…Patch` twins are Pulumi's own). */
function readPulumi(dir) {
  const text = readFileSync(join(dir, 'types', 'output.d.ts'), 'utf8');
  // Only the groups the model reads are parsed (the file is 2.8 MB): each starts a line.
  const chunks = text.split(/^(?=export declare namespace )/m).filter((chunk) => PULUMI_GROUPS.has(/^export declare namespace (\w+)/.exec(chunk)?.[1]));
  const source = ts.createSourceFile('output.d.ts', chunks.join(''), ts.ScriptTarget.Latest, true);
  const definitions = new Map();
  for (const group of source.statements) {
    if (!ts.isModuleDeclaration(group) || !PULUMI_GROUPS.has(group.name.text) || !group.body || !ts.isModuleBlock(group.body)) continue;
    for (const version of group.body.statements) {
      if (!ts.isModuleDeclaration(version) || version.name.text !== 'v1' || !version.body || !ts.isModuleBlock(version.body)) continue;
      for (const declaration of version.body.statements) {
        if (!ts.isInterfaceDeclaration(declaration) || declaration.name.text.endsWith('Patch')) continue;
        if (definitions.has(declaration.name.text)) throw new Error(`pulumi: two v1 definitions named ${declaration.name.text}`);
        definitions.set(declaration.name.text, readMembers(declaration));
      }
    }
  }
  return definitions;
}

/** The declarations of one version's package, by the model's short definition names. */
export function readVersion(root, source) {
  const dir = join(root, 'node_modules', source.alias);
  const definitions = source.format === 'client-node' ? readClientNode(dir, source.version) : readPulumi(dir);
  if (!definitions.has('PodSpec')) throw new Error(`${source.alias}: no PodSpec declared`);
  if (source.format === 'pulumi') {
    // Pulumi does not name the OpenAPI version: the fields decide, as for the
    // base model. PodSpec.workloadRef existed in 1.35 only (1.36 replaced it by
    // schedulingGroup); Container.restartPolicyRules came in 1.34.
    const podSpec = definitions.get('PodSpec')?.fields;
    const container = definitions.get('Container')?.fields;
    if (!podSpec?.has('workloadRef') || podSpec.has('schedulingGroup') || !container?.has('restartPolicyRules')) {
      throw new Error(`${source.alias} does not carry the Kubernetes ${source.version} API (workloadRef, schedulingGroup, restartPolicyRules)`);
    }
  }
  return definitions;
}

/** The definition name a declared type refers to (`outputs.core.v1.Toleration[]` -> `Toleration`), if an object. */
function referenceOf(type) {
  if (ts.isArrayTypeNode(type)) return referenceOf(type.elementType);
  if (ts.isTypeReferenceNode(type)) {
    const name = ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
    if (name === 'Array' && type.typeArguments?.length === 1) return referenceOf(type.typeArguments[0]);
    return name.replace(/^(?:Core|Apps|Meta|Scheduling)?V1(?=[A-Z])/, '');
  }
  if (ts.isTypeLiteralNode(type)) {
    const index = type.members.find(ts.isIndexSignatureDeclaration);
    return index?.type ? referenceOf(index.type) : undefined;
  }
  return undefined;
}

/** Declared names that are not objects of the model (client-node and Pulumi spell these as their own types). */
const SCALAR_REFERENCES = { IntOrString: { kind: 'intOrString' }, Date: { kind: 'string' }, Quantity: { kind: 'quantity' } };

/** The model's type of a declared type (only for fields the base model lacks). */
function apiTypeOf(type, known) {
  if (type.kind === ts.SyntaxKind.StringKeyword) return { kind: 'string' };
  if (type.kind === ts.SyntaxKind.NumberKeyword) return { kind: 'integer' };
  if (type.kind === ts.SyntaxKind.BooleanKeyword) return { kind: 'boolean' };
  if (ts.isArrayTypeNode(type)) return { kind: 'array', items: apiTypeOf(type.elementType, known) };
  if (ts.isTypeLiteralNode(type)) {
    const index = type.members.find(ts.isIndexSignatureDeclaration);
    return { kind: 'map', values: index?.type ? apiTypeOf(index.type, known) : { kind: 'any' } };
  }
  if (ts.isTypeReferenceNode(type)) {
    const name = referenceOf(type);
    if (ts.isIdentifier(type.typeName) && type.typeName.text === 'Array' && type.typeArguments?.length === 1) return { kind: 'array', items: apiTypeOf(type.typeArguments[0], known) };
    if (SCALAR_REFERENCES[name]) return SCALAR_REFERENCES[name];
    if (known(name)) return { kind: 'object', ref: name };
  }
  return { kind: 'any' };
}

/** Orders `1.9` before `1.33` (minor versions compare as numbers). */
export function compareVersions(a, b) {
  const [aMajor, aMinor] = a.split('.').map(Number);
  const [bMajor, bMinor] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/** The definitions a field's type refers to. */
export function objectRefs(type) {
  if (type.kind === 'object') return [type.ref];
  if (type.kind === 'array') return objectRefs(type.items);
  if (type.kind === 'map') return objectRefs(type.values);
  return [];
}

/**
 * Folds the older versions into the model: adds the fields (and the
 * definitions they need) that an older version has and the base lacks, and
 * marks every field of the Kubernetes kinds that some supported version lacks
 * with `since` (first version that has it) and `until` (last one). The walk
 * follows the fields from the root kinds in each version at once, so a
 * definition renamed between versions is matched through the field that holds it.
 */
export function foldVersions(root, model, kubernetesRoots) {
  const versions = [...VERSION_SOURCES.map((s) => s.version), model.kubernetesVersion];
  const declared = VERSION_SOURCES.map((source) => readVersion(root, source));
  const additive = VERSION_SOURCES.map((source) => source.additive === true);
  // `Definition.field@version` that upstream's types.go of that version declares (behind a gate): an additive source's field there is real
  const upstream = new Set(Object.entries(JSON.parse(readFileSync(join(root, 'scripts', 'data', 'featureGates.json'), 'utf8')).fields).flatMap(([path, byVersion]) => Object.keys(byVersion).map((version) => `${path}@${version}`)));
  /** Definitions an additive source brought in through a corroborated field: their fields count in that source's version. */
  const corroboratedDefinitions = new Set();
  const corroborated = (name, fieldName, i) => additive[i] && (upstream.has(`${name}.${fieldName}@${versions[i]}`) || corroboratedDefinitions.has(name));
  const newest = versions.length - 1;
  /** Per union definition: its name in each older version (undefined: that version lacks it). */
  const namesIn = new Map();
  const queue = [];
  const visit = (name, olderNames) => {
    if (namesIn.has(name)) return;
    namesIn.set(name, olderNames);
    queue.push(name);
  };
  for (const name of kubernetesRoots) visit(name, declared.map((d) => (d.has(name) ? name : undefined)));
  /** Fields (and fields of definitions) taken from an older version: the base does not have them. */
  const fromOlder = new Set();
  let marked = 0;
  while (queue.length > 0) {
    const name = queue.shift();
    const definition = model.definitions[name];
    const olderNames = namesIn.get(name);
    const olderFields = olderNames.map((n, i) => (n === undefined ? undefined : declared[i].get(n)?.fields));
    // Fields an older version has and the base model lacks: added once, with the newest description.
    for (let i = declared.length - 1; i >= 0; i--) {
      for (const [fieldName, field] of olderFields[i] ?? []) {
        if (definition.fields[fieldName] || (additive[i] && !corroborated(name, fieldName, i))) continue;
        const type = apiTypeOf(field.type, (ref) => {
          if (model.definitions[ref]) return true;
          const older = declared[i].get(ref);
          if (!older) return false;
          if (additive[i]) corroboratedDefinitions.add(ref);
          model.definitions[ref] = { name: ref, description: older.description, fields: {} };
          for (const [n, f] of older.fields) {
            model.definitions[ref].fields[n] = { name: n, type: apiTypeOf(f.type, () => false), required: false, description: f.description };
            fromOlder.add(model.definitions[ref].fields[n]);
          }
          return true;
        });
        definition.fields[fieldName] = { name: fieldName, type, required: false, description: field.description };
        fromOlder.add(definition.fields[fieldName]);
      }
    }
    for (const [fieldName, field] of Object.entries(definition.fields)) {
      const declaredIn = versions.map((_, i) => (i === newest ? !fromOlder.has(field) : olderFields[i]?.has(fieldName) === true));
      const present = declaredIn.map((has, i) => has && (!additive[i] || declaredIn.some((other, j) => other && !additive[j]) || corroborated(name, fieldName, i)));
      const first = present.indexOf(true);
      const last = present.lastIndexOf(true);
      if (first === -1) throw new Error(`${name}.${fieldName}: in no supported version`);
      if (present.slice(first, last + 1).includes(false)) throw new Error(`${name}.${fieldName}: missing from a version between ${versions[first]} and ${versions[last]}`);
      if (first > 0) field.since = versions[first];
      if (last < newest) field.until = versions[last];
      if (first > 0 || last < newest) marked++;
      for (const ref of objectRefs(field.type)) {
        const older = olderFields.map((fields) => {
          const declaredField = fields?.get(fieldName);
          return declaredField ? referenceOf(declaredField.type) : undefined;
        });
        visit(ref, older.map((n, i) => (n !== undefined && declared[i].has(n) ? n : undefined)));
      }
    }
  }
  return { versions, added: fromOlder.size, marked };
}
