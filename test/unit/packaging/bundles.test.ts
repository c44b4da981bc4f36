/**
 * How the bundles take the `yaml` package: from its ES module build. Its
 * CommonJS build reaches every imported function (isMap, isScalar, … called
 * for every node of every document) through one shared getter, and its parser
 * reads process.env.LOG_TOKENS at every token: a big file's diagnostics cost
 * far more than its parse (issue 15 item 10, esbuild.mjs).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const dist = join(__dirname, '..', '..', '..', 'dist');

describe('the bundles', () => {
  for (const bundle of ['server.js', 'cli.js']) {
    it(`${bundle} takes yaml's ES module build`, () => {
      const text = readFileSync(join(dist, bundle), 'utf8');
      assert.ok(text.includes('composeScalar'), 'the bundle holds the yaml parser');
      assert.doesNotMatch(text, /LOG_TOKENS/, 'the CommonJS build of yaml (it reads process.env at every token)');
      assert.doesNotMatch(text, /import_yaml\d* = __toESM\(/, 'yaml reached through a CommonJS wrapper');
    });
  }
});
