/**
 * Scalars as kubectl reads them: go-yaml v2 (gopkg.in/yaml.v2, `resolve.go`,
 * `decode.go`), then sigs.k8s.io/yaml's JSON conversion (`yaml.go`).
 *
 * Rows marked `decode_test.go` are inputs from gopkg.in/yaml.v2's
 * decode_test.go with the value it asserts; the others exercise each branch of
 * resolve.go (the resolveMap words, the '.' branch, the digit/sign branch:
 * timestamp, ParseInt(s, 0, 64) after removing underscores, ParseUint,
 * yamlStyleFloat + ParseFloat, the `0b`/`-0b` fallbacks). Every expected value
 * was produced by gopkg.in/yaml.v2 v2.4.0 itself (Unmarshal into an untyped
 * map; the tag from resolve("", in)), run once when the table was written.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMap, isPair, isScalar } from 'yaml';
import { getIn } from '../../../server/src/languageService/diagnostics/yamlAst';
import type { GoYamlTag, GoYamlValue } from '../../../server/src/languageService/yamlModel';
import { keyName, parseYamlFile, resolveGoYaml } from '../../../server/src/languageService/yamlModel';

/** Plain scalar → go-yaml tag (resolve("", in)) and the value kubectl sends (an int beyond ±2^53 as an exact bigint). */
const PLAIN: Array<[string, GoYamlTag, GoYamlValue]> = [
  ["", 'null', null], // decode_test.go
  ["~", 'null', null], // decode_test.go
  ["null", 'null', null], // decode_test.go
  ["Null", 'null', null],
  ["NULL", 'null', null],
  ["nULL", 'str', "nULL"],
  ["true", 'bool', true], // decode_test.go
  ["True", 'bool', true], // decode_test.go
  ["TRUE", 'bool', true],
  ["tRUE", 'str', "tRUE"],
  ["false", 'bool', false],
  ["False", 'bool', false],
  ["FALSE", 'bool', false],
  ["y", 'bool', true], // decode_test.go
  ["Y", 'bool', true],
  ["yes", 'bool', true],
  ["Yes", 'bool', true],
  ["YES", 'bool', true],
  ["yEs", 'str', "yEs"],
  ["n", 'bool', false],
  ["N", 'bool', false],
  ["no", 'bool', false],
  ["No", 'bool', false],
  ["NO", 'bool', false], // decode_test.go
  ["on", 'bool', true], // decode_test.go
  ["On", 'bool', true],
  ["ON", 'bool', true],
  ["oN", 'str', "oN"],
  ["off", 'bool', false],
  ["Off", 'bool', false],
  ["OFF", 'bool', false],
  ["hi", 'str', "hi"], // decode_test.go
  ["e1", 'str', "e1"],
  ["E5", 'str', "E5"],
  ["e10", 'str', "e10"],
  ["1e", 'str', "1e"],
  ["1e3", 'float', 1000],
  ["1E3", 'float', 1000],
  ["1e+3", 'float', 1000],
  ["1e-3", 'float', 0.001],
  ["1.5e3", 'float', 1500],
  ["123456e1", 'float', 1.23456e+06], // decode_test.go
  ["123456E1", 'float', 1.23456e+06], // decode_test.go
  ["6.8523e+5", 'float', 685230], // decode_test.go
  ["685.230_15e+03", 'float', 685230.15], // decode_test.go
  ["685_230.15", 'float', 685230.15], // decode_test.go
  ["0.1", 'float', 0.1], // decode_test.go
  [".1", 'float', 0.1], // decode_test.go
  ["-.1", 'float', -0.1], // decode_test.go
  ["+.1", 'float', 0.1],
  [".5_5", 'float', 0.55],
  ["._5", 'str', "._5"],
  [".5_", 'str', ".5_"],
  [".e1", 'str', ".e1"],
  [".", 'str', "."],
  ["..", 'str', ".."],
  [".5.", 'str', ".5."],
  [".5e3", 'float', 500],
  ["0", 'int', 0],
  ["-0", 'int', 0],
  ["+0", 'int', 0],
  ["00", 'int', 0],
  ["-0.0", 'float', -0],
  ["0.", 'float', 0],
  ["1.", 'float', 1],
  ["08", 'float', 8],
  ["09.5", 'float', 9.5],
  ["012", 'int', 10],
  ["0o17", 'int', 15],
  ["0O17", 'int', 15],
  ["-0o17", 'int', -15],
  ["0x1F", 'int', 31],
  ["0X1f", 'int', 31],
  ["-0x1F", 'int', -31],
  ["+0x1F", 'int', 31],
  ["0x_0A_74_AE", 'int', 685230], // decode_test.go
  ["0x", 'str', "0x"],
  ["0b", 'str', "0b"],
  ["0b10", 'int', 2], // decode_test.go
  ["0B101", 'int', 5],
  ["-0b101", 'int', -5],
  ["0b-101", 'int', -5],
  ["0b+101", 'int', 5],
  ["-0b-101", 'str', "-0b-101"],
  ["0b1010_0111_0100_1010_1110", 'int', 685230], // decode_test.go
  ["-0b1000000000000000000000000000000000000000000000000000000000000000", 'int', -9223372036854775808n], // decode_test.go
  ["0b1111111111111111111111111111111111111111111111111111111111111111", 'int', 18446744073709551615n], // decode_test.go
  ["02472256", 'int', 685230], // decode_test.go
  ["10", 'int', 10], // decode_test.go
  ["-10", 'int', -10], // decode_test.go
  ["+685_230", 'int', 685230], // decode_test.go
  ["685230", 'int', 685230], // decode_test.go
  ["1_000", 'int', 1000],
  ["1__000", 'int', 1000],
  ["1_", 'int', 1],
  ["_1", 'str', "_1"],
  ["+_1", 'int', 1],
  ["-_", 'str', "-_"],
  ["1:20", 'str', "1:20"], // decode_test.go
  ["190:20:30", 'str', "190:20:30"],
  ["-1:20.5", 'str', "-1:20.5"],
  ["1:1", 'str', "1:1"], // decode_test.go
  ["9007199254740991", 'int', 9007199254740991],
  ["9007199254740992", 'int', 9007199254740992n],
  ["-9007199254740993", 'int', -9007199254740993n],
  ["9223372036854775807", 'int', 9223372036854775807n], // decode_test.go
  ["9223372036854775808", 'int', 9223372036854775808n],
  ["-9223372036854775808", 'int', -9223372036854775808n], // decode_test.go
  ["-9223372036854775809", 'float', -9.223372036854776e+18],
  ["18446744073709551615", 'int', 18446744073709551615n], // decode_test.go
  ["18446744073709551616", 'float', 1.8446744073709552e+19],
  ["0xFFFFFFFFFFFFFFFF", 'int', 18446744073709551615n],
  ["0x10000000000000000", 'str', "0x10000000000000000"],
  ["1e400", 'str', "1e400"],
  ["-1e400", 'str', "-1e400"],
  ["1e-400", 'float', 0],
  ["4.940656458412465441765687928682213723651e-324", 'float', 5e-324],
  ["1.797693134862315708145274237317043567981e+308", 'float', 1.7976931348623157e+308],
  [".inf", 'float', Infinity],
  [".Inf", 'float', Infinity], // decode_test.go
  [".INF", 'float', Infinity],
  [".iNF", 'str', ".iNF"],
  ["+.inf", 'float', Infinity],
  ["-.inf", 'float', -Infinity], // decode_test.go
  ["-.Inf", 'float', -Infinity], // decode_test.go
  [".nan", 'float', NaN],
  [".NaN", 'float', NaN],
  [".NAN", 'float', NaN],
  ["inf", 'str', "inf"],
  ["-inf", 'str', "-inf"],
  ["Infinity", 'str', "Infinity"],
  ["nan", 'str', "nan"],
  ["NaN", 'str', "NaN"],
  ["0x1p-2", 'str', "0x1p-2"],
  ["1_0.5", 'float', 10.5],
  ["3s", 'str', "3s"], // decode_test.go
  ["1.2.3.4", 'str', "1.2.3.4"], // decode_test.go
  ["50cent_of_dollar", 'str', "50cent_of_dollar"], // decode_test.go
  ["-b_c", 'str', "-b_c"], // decode_test.go
  ["+b_c", 'str', "+b_c"], // decode_test.go
  ["+", 'str', "+"],
  ["<<", 'str', "<<"],
  ["<foo>", 'str', "<foo>"], // decode_test.go
  ["2001-12-14", 'timestamp', "2001-12-14"],
  ["2001-12-14t21:59:43.10Z", 'timestamp', "2001-12-14t21:59:43.10Z"],
  ["2001-12-14T21:59:43.10-05:00", 'timestamp', "2001-12-14T21:59:43.10-05:00"],
  ["2001-12-14 21:59:43.10", 'timestamp', "2001-12-14 21:59:43.10"],
  ["2001-12-14T21:59:43", 'str', "2001-12-14T21:59:43"],
  ["2001-12-14 21:59:43.10 -5", 'str', "2001-12-14 21:59:43.10 -5"],
  ["2015-2-3T3:4:5Z", 'timestamp', "2015-2-3T3:4:5Z"], // decode_test.go
  ["2001-13-14", 'str', "2001-13-14"],
  ["2001-02-29", 'str', "2001-02-29"],
  ["2000-02-29", 'timestamp', "2000-02-29"],
  ["2001-2-30", 'str', "2001-2-30"],
  ["2015-02-24T18:19:39Z", 'timestamp', "2015-02-24T18:19:39Z"], // decode_test.go
  ["2015-02-24T25:19:39Z", 'str', "2015-02-24T25:19:39Z"],
  ["2015-02-24 18:19:39,5", 'timestamp', "2015-02-24 18:19:39,5"],
  ["1e1e1", 'str', "1e1e1"],
  ["12abc", 'str', "12abc"],
  ["0.5.", 'str', "0.5."],
  ["1,000", 'str', "1,000"],
  ["v1", 'str', "v1"],
  ["1.20", 'float', 1.2],
  ["1.10", 'float', 1.1],
  ["0755", 'int', 493],
  ["0777", 'int', 511],
  ["-0755", 'int', -493],
  ["v1.2.3", 'str', "v1.2.3"],
  ["x86_64", 'str', "x86_64"],
  ["linux", 'str', "linux"],
  ["127.0.0.1", 'str', "127.0.0.1"],
  ["10.0.0.0/8", 'str', "10.0.0.0/8"],
  ["1Gi", 'str', "1Gi"],
  ["500m", 'str', "500m"],
  ["0xA", 'int', 10], // decode_test.go
  ["4294967296", 'int', 4294967296], // decode_test.go
  ["-0b101010", 'int', -42], // decode_test.go
  ["2147483647", 'int', 2147483647], // decode_test.go
  ["-2147483648", 'int', -2147483648], // decode_test.go
  ["0b111111111111111111111111111111111111111111111111111111111111111", 'int', 9223372036854775807n], // decode_test.go
  ["-0b111111111111111111111111111111111111111111111111111111111111111", 'int', -9223372036854775807n], // decode_test.go
  ["4294967297", 'int', 4294967297], // decode_test.go
  ["128", 'int', 128], // decode_test.go
  ["2015-01-01", 'timestamp', "2015-01-01"], // decode_test.go
  ["2015-02-24T18:19:39.12Z", 'timestamp', "2015-02-24T18:19:39.12Z"], // decode_test.go
  ["2015-02-24t18:19:39Z", 'timestamp', "2015-02-24t18:19:39Z"], // decode_test.go
  ["2015-02-24 18:19:39", 'timestamp', "2015-02-24 18:19:39"], // decode_test.go
  ["1.0", 'float', 1], // decode_test.go
  ["-1", 'int', -1], // decode_test.go
];

/** Tagged and quoted scalars after `v: ` → the value, or go-yaml's error (kubectl stops there). */
const TAGGED: Array<[string, GoYamlValue | { error: string }]> = [
  ["!!str 123", "123"],
  ["!!str true", "true"],
  ["!!str ~", "~"],
  ["!!str 2015-01-01", "2015-01-01"],
  ["!!int \"12\"", 12],
  ["!!int 0x1F", 31],
  ["!!int abc", { error: "cannot decode !!str `abc` as a !!int" }],
  ["!!int 1.5", { error: "cannot decode !!float `1.5` as a !!int" }],
  ["!!int ~", { error: "cannot decode !!null `~` as a !!int" }],
  ["!!float 1", 1],
  ["!!float 0", 0],
  ["!!float -1", -1],
  ["!!float '1.1'", 1.1],
  ["!!float 18446744073709551615", { error: "cannot decode !!int `18446744073709551615` as a !!float" }],
  ["!!float abc", { error: "cannot decode !!str `abc` as a !!float" }],
  ["!!bool yes", true],
  ["!!bool \"on\"", true],
  ["!!bool 1", { error: "cannot decode !!int `1` as a !!bool" }],
  ["!!null ''", null],
  ["!!null abc", { error: "cannot decode !!str `abc` as a !!null" }],
  ["!!timestamp 2015-01-01", "2015-01-01"],
  ["!!timestamp \"2015-01-01\"", "2015-01-01"],
  ["!!timestamp 5", { error: "cannot decode !!int `5` as a !!timestamp" }],
  ["!!binary gIGC", "\ufffd\ufffd\ufffd"],
  ["!!binary aGVsbG8=", "hello"],
  ["!!binary aGVsbG8", { error: "!!binary value contains invalid base64 data" }],
  ["! test", "test"],
  ["! 12", "12"],
  ["!foo 12", "12"],
  ["!!merge x", "x"],
  ["!!seq x", "x"],
  ["\"1\"", "1"],
  ["'true'", "true"],
  ["\"e1\"", "e1"],
  ["\"~\"", "~"],
  ["\"\"", ""],
];

/** Plain scalar used as a mapping key → the JSON key sigs.k8s.io/yaml makes of it (undefined: kubectl fails). */
const KEYS: Array<[string, string | undefined]> = [
  ["80", "80"],
  ["0x1F", "31"],
  ["1_000", "1000"],
  ["on", "true"],
  ["y", "true"],
  ["n", "false"],
  ["e1", "e1"],
  ["1e3", "1000"],
  ["1e6", "1e+06"],
  ["1.5", "1.5"],
  ["0.1", "0.1"],
  ["1.0", "1"],
  ["123456", "123456"],
  ["1234567", "1234567"],
  ["0.0001", "0.0001"],
  ["0.00001", "1e-05"],
  [".inf", ".inf"],
  ["-.inf", "-.inf"],
  [".nan", ".nan"],
  ["3.14159265358979", "3.1415927"],
  ["1e39", ".inf"],
  ["9223372036854775807", "9223372036854775807"],
  ["18446744073709551615", undefined],
  ["-0.0", "-0"],
  ["12345.678", "12345.678"],
  ["1234567.25", "1.2345672e+06"],
  ["3.5e38", ".inf"],
  ["5e-45", "6e-45"],
  ["16777217", "16777217"],
  ["16777217.0", "1.6777216e+07"],
];

function only(text: string) {
  const document = parseYamlFile(text).documents[0];
  const root = document.doc.contents;
  assert.ok(isMap(root));
  const pair = root.items[0];
  assert.ok(isPair(pair));
  return { document, pair };
}

describe('go-yaml v2 scalar resolution', () => {
  it(`has at least 100 rows (${PLAIN.length + TAGGED.length + KEYS.length})`, () => {
    assert.ok(PLAIN.length + TAGGED.length + KEYS.length >= 100);
  });

  for (const [text, tag, value] of PLAIN) {
    it(`resolves ${JSON.stringify(text)} as !!${tag} ${String(value)}`, () => {
      assert.deepEqual(resolveGoYaml(text), { tag, value });
      const { document, pair } = only(`v: ${text}\n`);
      assert.deepEqual(document.problems, []);
      assert.ok(isScalar(pair.value));
      // The Document holds plain numbers: a big integer as the nearest double.
      assert.deepEqual(pair.value.value, typeof value === 'bigint' ? Number(value) : value, 'the parsed document holds the same value');
    });
  }

  for (const [text, expected] of TAGGED) {
    it(`reads v: ${text}`, () => {
      const { document, pair } = only(`v: ${text}\n`);
      assert.ok(isScalar(pair.value));
      if (expected !== null && typeof expected === 'object') {
        assert.deepEqual(document.problems.map((p) => p.message), [expected.error]);
      } else {
        assert.deepEqual(document.problems, []);
        assert.deepEqual(pair.value.value, expected);
      }
    });
  }

  for (const [text, expected] of KEYS) {
    it(`turns the key ${text} into ${JSON.stringify(expected)}`, () => {
      assert.equal(keyName(only(`${text}: x\n`).pair), expected);
    });
  }
});

describe('go-yaml v3 scalar resolution (Kustomize reads with it)', () => {
  // gopkg.in/yaml.v3 v3.0.1 gave every PLAIN row v2's tag and value, except the
  // YAML 1.1 words (strings to v3); printed when this test was written.
  const V2_ONLY = new Set('y Y yes Yes YES on On ON n N no No NO off Off OFF'.split(' '));
  for (const [text, tag, value] of PLAIN) {
    const expected = V2_ONLY.has(text) ? { tag: 'str', value: text } : { tag, value };
    it(`resolves ${JSON.stringify(text)} as !!${expected.tag} ${String(expected.value)} in v3`, () => {
      assert.deepEqual(resolveGoYaml(text, '', 3), expected);
    });
  }

  it('reads YAML 1.2 octals after the sign (0o-17) in v3 only', () => {
    assert.deepEqual(resolveGoYaml('0o-17', '', 3), { tag: 'int', value: -15 });
    assert.deepEqual(resolveGoYaml('0o+17', '', 3), { tag: 'int', value: 15 });
    assert.deepEqual(resolveGoYaml('-0o-17', '', 3), { tag: 'str', value: '-0o-17' });
    assert.deepEqual(resolveGoYaml('0o-17'), { tag: 'str', value: '0o-17' });
  });
});

describe('what go-yaml never resolves', () => {
  it('keeps quoted and block scalars strings', () => {
    for (const [text, value] of [
      ['v: "1e3"', '1e3'],
      ["v: 'on'", 'on'],
      ['v: |\n  0x1F\n', '0x1F\n'],
      ['v: >-\n  true\n', 'true'],
    ]) {
      const { pair } = only(text);
      assert.equal((pair.value as { value: unknown }).value, value, text);
    }
  });

  it('merges a plain or !!merge `<<` key, not a quoted one', () => {
    for (const [key, merged] of [
      ['<<', true],
      ['!!merge <<', true],
      ['"<<"', false],
    ] as const) {
      const document = parseYamlFile(`base: &b {zone: e1}\nv:\n  ${key}: *b\n`).documents[0];
      const zone = getIn(document.doc, document.doc.contents, 'v', 'zone');
      assert.equal(isScalar(zone) ? zone.value : undefined, merged ? 'e1' : undefined, key);
    }
  });
});
