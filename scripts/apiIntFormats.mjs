// Which integer fields are 32-bit and which 64-bit. The declarations the base
// model is read from say `number` for both, and the API server's JSON decoder
// refuses a number that does not fit the Go field ("cannot unmarshal number
// 2147483648 into Go struct field … of type int32"), so the schema rule needs
// the width. @kubernetes/client-node (the 1.34 source, see apiVersions.mjs)
// keeps the OpenAPI `format` of every field in its models' attributeTypeMap;
// a field's width never changes between versions. Fields that source lacks
// (newer than 1.34) keep no format, and no range is checked on them.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE = 'kubernetes-api-1.34';
// `export class V1ContainerPort {` … `"baseName": "containerPort", "type": "number", "format": "int32"`
const CLASS = /export class V1([A-Za-z0-9]+) \{/;
const ATTRIBUTE = /"baseName":\s*"([^"]+)",\s*"type":\s*"(?:number|Array<number>)",\s*"format":\s*"(int32|int64)"/g;

/** Sets `format` on every integer field of `model` whose width the source knows; returns how many. */
export function foldIntFormats(root, model) {
  const dir = join(root, 'node_modules', SOURCE, 'dist', 'gen', 'models');
  const formats = new Map();
  for (const file of readdirSync(dir)) {
    if (!/^V1[A-Z].*\.js$/.test(file)) continue;
    const text = readFileSync(join(dir, file), 'utf8');
    const name = CLASS.exec(text)?.[1];
    if (!name) continue;
    for (const m of text.matchAll(ATTRIBUTE)) formats.set(`${name}.${m[1]}`, m[2]);
  }
  if (formats.get('ContainerPort.containerPort') !== 'int32' || formats.get('PodSecurityContext.runAsUser') !== 'int64') {
    throw new Error(`apiIntFormats.mjs: ${SOURCE}'s models no longer read as expected; teach it their layout`);
  }
  let folded = 0;
  for (const definition of Object.values(model.definitions)) {
    for (const field of Object.values(definition.fields)) {
      const type = field.type.kind === 'array' ? field.type.items : field.type;
      const format = formats.get(`${definition.name}.${field.name}`);
      if (type.kind === 'integer' && format) {
        type.format = format;
        folded++;
      }
    }
  }
  return folded;
}
