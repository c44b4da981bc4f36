import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';

const root = resolve(__dirname, '../../..');
const schema = JSON.parse(readFileSync(resolve(root, 'schemas/clusterProfile.schema.json'), 'utf8')) as {
  properties: Record<string, unknown>;
  definitions: { pool: { properties: Record<string, unknown>; required: string[] }; node: { properties: Record<string, unknown> }; taint: { properties: { effect: { enum: string[] } } } };
};

describe('cluster profile JSON Schema', () => {
  it('describes the fields the reader accepts, and the sample profile uses only those', () => {
    assert.deepEqual(Object.keys(schema.properties).sort(), ['apiVersion', 'kind', 'metadata', 'nodePools', 'nodes']);
    assert.deepEqual(schema.definitions.pool.required, ['name', 'count']);
    assert.deepEqual(schema.definitions.taint.properties.effect.enum, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
    const sample = parse(readFileSync(resolve(root, 'examples/profiles/guide.profile.yaml'), 'utf8')) as { nodePools: Array<Record<string, unknown>>; nodes: Array<Record<string, unknown>> };
    for (const pool of sample.nodePools) for (const key of Object.keys(pool)) assert.ok(key in schema.definitions.pool.properties, key);
    for (const node of sample.nodes) for (const key of Object.keys(node)) assert.ok(key in schema.definitions.node.properties, key);
  });

  it('is contributed to the editor for *.profile.yaml files', () => {
    const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { contributes: { yamlValidation: Array<{ fileMatch: string[]; url: string }> } };
    assert.deepEqual(manifest.contributes.yamlValidation[0], { fileMatch: ['*.profile.yaml', '*.profile.yml'], url: './schemas/clusterProfile.schema.json' });
  });
});
