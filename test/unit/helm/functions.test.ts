/**
 * Helm and Sprig functions of the built-in engine: toYaml byte for byte as
 * Helm 3.17 prints it (go-yaml v2 styles, key order, folding), values read as
 * Helm reads them, --set as strvals parses it, and the rest of the list.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { helmFunctions } from '../../../server/src/helm/functions';
import { parseYamlValues } from '../../../server/src/helm/functions/yamlValues';
import { semverCompare } from '../../../server/src/helm/functions/semver';
import { applySet } from '../../../server/src/helm/render/setValues';
import { Executor } from '../../../server/src/helm/template/exec';
import { parseTemplate } from '../../../server/src/helm/template/parser';
import { type GoMap, type GoValue, formatValue } from '../../../server/src/helm/template/values';

function render(src: string, valuesYaml = '{}'): string {
  const values = parseYamlValues(valuesYaml).value;
  const funcs = helmFunctions({
    tpl: (text, data, call) => {
      const child = call.exec.clone();
      child.add(parseTemplate('gotpl', text, (n) => funcs.has(n)));
      return child.execute('gotpl', data).text;
    },
  });
  const exec = new Executor({ funcs });
  exec.add(parseTemplate('t', src, (n) => funcs.has(n)));
  return exec.execute('t', new Map<string, GoValue>([['Values', values]])).text.replaceAll('<no value>', '');
}

describe('toYaml prints what Helm prints', () => {
  it('quotes a string exactly when go-yaml v2 would read it back as another type (the resolver kubectl reads with)', () => {
    // Expected: gopkg.in/yaml.v2 v2.4.0 yaml.Marshal of these strings, printed when this test was written.
    const strings = ['.5_5', '0b-101', '0b+101', '1e400', '-1e400', '<<', '2001-12-14T21:59:43', '2001-13-14', '2001-02-29', '2015-02-24T25:19:39Z', '2015-02-24 18:19:39,5', '1:20', 'e1'];
    const values = strings.map((v, i) => `k${String(i).padStart(2, '0')}: ${JSON.stringify(v)}`).join('\n');
    assert.equal(render('{{ toYaml .Values }}', values), [
      'k00: ".5_5"',
      'k01: "0b-101"',
      'k02: "0b+101"',
      'k03: 1e400',
      'k04: -1e400',
      'k05: <<',
      'k06: 2001-12-14T21:59:43',
      'k07: 2001-13-14',
      'k08: 2001-02-29',
      'k09: 2015-02-24T25:19:39Z',
      'k10: "2015-02-24 18:19:39,5"',
      'k11: "1:20"',
      'k12: e1',
    ].join('\n'));
  });

  it('quotes what would read back as another type, and only that (as helm template printed it)', () => {
    const values = `l: [1, "yes", "", "2001-01-01", "a: b", " lead", "multi\\nline", "tab\\there", "#x", "-", "- x", "0755", "1e3", "null", "~", "true", "é", "🙂", "x-y", "on", "1:20"]`;
    assert.equal(render('{{ toYaml .Values }}', values), [
      'l:',
      '- 1',
      '- "yes"',
      '- ""',
      '- "2001-01-01"',
      "- 'a: b'",
      "- ' lead'",
      '- |-',
      '  multi',
      '  line',
      '- "tab\\there"',
      "- '#x'",
      "- '-'",
      "- '- x'",
      '- "0755"',
      '- "1e3"',
      '- "null"',
      '- "~"',
      '- "true"',
      '- é',
      '- "\\U0001F642"',
      '- x-y',
      '- "on"',
      '- "1:20"',
    ].join('\n'));
  });

  it('sorts keys in go-yaml order (a9 before a10), nests maps, leaves lists unindented, prints {} and []', () => {
    assert.equal(render('{{ toYaml .Values }}', 'm: {z: 1, a10: 2, a9: 3, "": 4, B: 5}\ne: {}\nnn: []\nll: [[1, 2], {k: v}]\nnil: null'),
      'e: {}\nll:\n- - 1\n  - 2\n- k: v\nm:\n  "": 4\n  B: 5\n  a9: 3\n  a10: 2\n  z: 1\nnil: null\nnn: []');
    // go-yaml v2 reads the keys n and y as booleans: Helm then calls them "false" and "true".
    assert.equal(render('{{ toJson .Values }}', 'n: 1\ny: 2'), '{"false":1,"true":2}');
  });

  it('prints numbers the way they went through JSON (1000000, not 1e+06; 1.5)', () => {
    assert.equal(render('{{ toYaml .Values }}', 'a: 1000000\nb: 1.5\nc: 0755\nd: 1e21\ne: 0.00001'), 'a: 1000000\nb: 1.5\nc: 493\nd: 1e+21\ne: 1e-05');
    assert.equal(render('{{ .Values.a }} {{ .Values.b }} {{ .Values.c }}', 'a: 1000000\nb: 123456\nc: 1234567.5'), '1e+06 123456 1.2345675e+06');
  });

  it('folds a long plain string at 80 columns and keeps literal blocks (with |+ and |2 hints)', () => {
    const long = 'aaa bbb ccc ddd eee fff ggg hhh iii jjj kkk lll mmm nnn ooo ppp qqq rrr sss ttt uuu vvv www xxx yyy zzz';
    assert.equal(render('{{ toYaml .Values }}', `long: "${long}"`), 'long: aaa bbb ccc ddd eee fff ggg hhh iii jjj kkk lll mmm nnn ooo ppp qqq rrr sss\n  ttt uuu vvv www xxx yyy zzz');
    assert.equal(render('{{ toYaml .Values }}', 'a: "x\\n\\n"\nb: " y\\nz"\nc: "p\\n"'), 'a: |+\n  x\n\nb: |2-\n   y\n  z\nc: |\n  p');
  });

  it('folds a long single-quoted string at 80 columns too, doubling its quotes (as helm 3.17 printed it)', () => {
    const long = "x: aaa bbb ccc ddd eee fff ggg hhh iii jjj kkk lll mmm nnn ooo ppp qqq rrr sss ttt uuu vvv www xxx yyy zzz it's";
    assert.equal(render('{{ toYaml .Values }}', `a: "${long}"`), "a: 'x: aaa bbb ccc ddd eee fff ggg hhh iii jjj kkk lll mmm nnn ooo ppp qqq rrr sss\n  ttt uuu vvv www xxx yyy zzz it''s'");
  });

  it('toJson escapes HTML like encoding/json and sorts keys byte-wise', () => {
    assert.equal(render('{{ toJson .Values }}', 'b: "<a&b>"\na10: 1\na9: 2.5'), '{"a10":1,"a9":2.5,"b":"\\u003ca\\u0026b\\u003e"}');
  });
});

describe('values as Helm reads them', () => {
  it('yes/on are booleans, 0755 is octal, numbers are float64, keys are strings', () => {
    const v = parseYamlValues('yes: on\nmode: 0755\nnum: 3\nt: 2024-01-02\ns: 1:20\n1: one').value as GoMap;
    assert.deepEqual([...v.keys()], ['true', 'mode', 'num', 't', 's', '1']);
    assert.equal(v.get('true'), true);
    assert.equal(v.get('mode'), 493);
    assert.equal(render('{{ typeOf .Values.num }} {{ kindOf .Values.t }} {{ .Values.s }}', 'num: 3\nt: 2024-01-02\ns: 1:20'), 'float64 string 1:20');
  });

  it('resolves scalars with go-yaml v2 rules: an out-of-range float stays text, explicit tags decide, 08 is a float', () => {
    // ParseFloat fails on 1e400 (out of range), so go-yaml keeps the text; `!!int "3"` is the int 3; `08` is no octal but the float 8
    assert.equal(render('{{ typeOf .Values.big }}={{ .Values.big }} {{ typeOf .Values.tagged }}={{ .Values.tagged }} {{ .Values.eight }} {{ typeOf .Values.e }}', 'big: 1e400\ntagged: !!int "3"\neight: 08\ne: e1'), 'string=1e400 float64=3 8 string');
    assert.throws(() => parseYamlValues('n: !!int abc'), /line 1: cannot decode !!str `abc` as a !!int/);
  });

  it('applies a << merge where it stands, as go-yaml v2 does: over the keys above it, under the keys below, the first listed map first', () => {
    const v = (text: string) => (parseYamlValues(`b: &b {a: 2}\nc: &c {a: 3}\n${text}`).value as GoMap).get('v') as GoMap;
    assert.equal(v('v:\n  a: 1\n  <<: *b\n').get('a'), 2);
    assert.equal(v('v:\n  <<: *b\n  a: 1\n').get('a'), 1);
    assert.equal(v('v:\n  <<: [*b, *c]\n').get('a'), 2);
  });

  it('--set as strvals: typed values, lists, indexes, escapes', () => {
    const m: GoMap = new Map();
    applySet(m, 'a.b=1,c=true,d=null,e=0,f=007,g={x,y},h[1].k=v,i=a\\,b,j=');
    assert.equal(formatValue(m), 'map[a:map[b:1] c:true d:<nil> e:0 f:007 g:[x y] h:[<nil> map[k:v]] i:a,b j:]');
    assert.throws(() => applySet(new Map(), 'novalue'), /key "novalue" has no value/);
  });
});

describe('Sprig and Helm functions', () => {
  const cases: Array<[string, string, string?]> = [
    ['{{ default "d" .Values.missing }}|{{ default "d" "" }}|{{ default "d" 0 }}|{{ default "d" "x" }}', 'd|d|d|x'],
    ['{{ empty "" }} {{ empty 0 }} {{ empty (list) }} {{ empty (dict) }} {{ empty "a" }}', 'true true true true false'],
    ['{{ coalesce "" .Values.missing "x" "y" }}', 'x'],
    ['{{ ternary "a" "b" true }}{{ ternary "a" "b" false }}', 'ab'],
    ['{{ quote "a" 1 .Values.missing }}|{{ squote "x" }}', '"a" "1"|\'x\''],
    ['{{ printf "%s-%d-%v-%q-%t-%5.2f" "s" 7 1.5 "q" true 3.14159 }}', 's-7-1.5-"q"-true- 3.14'],
    ['{{ "abcdef" | trunc 3 }}|{{ "abcdef" | trunc -2 }}|{{ trimSuffix "-" "a-" }}|{{ trimPrefix "x" "xa" }}|{{ trim "  a  " }}', 'abc|ef|a|a|a'],
    ['{{ replace "." "-" "a.b.c" }}|{{ lower "AB" }}|{{ upper "ab" }}|{{ title "hello world-x" }}', 'a-b-c|ab|AB|Hello World-X'],
    ['{{ contains "b" "abc" }} {{ hasPrefix "a" "abc" }} {{ hasSuffix "c" "abc" }}', 'true true true'],
    ['{{ "a" | indent 2 }}|{{ "a\\nb" | nindent 2 }}', '  a|\n  a\n  b'],
    ['{{ $d := dict "a" 1 }}{{ hasKey $d "a" }} {{ get $d "a" }} {{ get $d "zz" | quote }} {{ $_ := set $d "b" 2 }}{{ keys $d | join "," }} {{ $_ := unset $d "a" }}{{ keys $d | join "," }}', 'true 1 "" a,b b'],
    ['{{ pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" 3) }}', '[1 3]'],
    ['{{ $m := merge (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "b" 3 "n" (dict "y" 2)) }}{{ toJson $m }}', '{"a":1,"b":3,"n":{"x":1,"y":2}}'],
    ['{{ $m := mergeOverwrite (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "n" (dict "x" 5)) }}{{ toJson $m }}', '{"a":2,"n":{"x":5}}'],
    ['{{ list 1 2 | append 3 | toJson }}', ''],
    ['{{ append (list 1 2) 3 | toJson }} {{ first (list 1 2) }} {{ last (list 1 2) }} {{ uniq (list 1 1 2) }} {{ has 2 (list 1 2) }} {{ without (list 1 2 3) 2 }}', '[1,2,3] 1 2 [1 2] true [1 3]'],
    ['{{ toString 5 }} {{ int "12" }} {{ int64 3.9 }} {{ float64 "1.5" }} {{ typeOf (int 1) }} {{ typeOf (add 1 2) }}', '5 12 3 1.5 int int64'],
    ['{{ add 1 2 3 }} {{ sub 5 2 }} {{ mul 2 3 4 }} {{ div 7 2 }} {{ max 1 5 3 }} {{ min 4 2 9 }} {{ add1 1 }}', '6 3 24 3 5 2 2'],
    ['{{ "hi" | b64enc }} {{ "aGk=" | b64dec }} {{ "x" | sha256sum | trunc 8 }}', 'aGk= hi 2d711642'],
    ['{{ regexMatch "^v[0-9]+" "v12" }} {{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }} {{ regexReplaceAllLiteral "a" "aa" "$1" }}', 'true -W-xxW- $1$1'],
    ['{{ splitList "," "a,b,c" | join "+" }} {{ (split "," "a,b")._1 }}', 'a+b+c b'],
    ['{{ kindIs "map" (dict) }} {{ kindIs "slice" (list) }} {{ typeOf "" }} {{ typeOf (list) }} {{ typeOf (dict) }}', 'true true string []interface {} map[string]interface {}'],
    ['{{ $a := dict "x" (list 1) }}{{ $b := deepCopy $a }}{{ $_ := set $b "x" 2 }}{{ toJson $a }}', '{"x":[1]}'],
    ['{{ lookup "v1" "Secret" "ns" "name" | toJson }}', '{}'],
    ['{{ (fromYaml "a: 1\\nb: [x]").b }} {{ (fromYaml ": bad: [").Error | empty | not }}', '[x] true'],
    ['{{ (fromJson "{\\"a\\": 2}").a }} {{ fromJsonArray "[1,2]" }}', '2 [1 2]'],
    ['{{ define "h" }}[{{ . }}]{{ end }}{{ include "h" "x" | upper }}', '[X]'],
    ['{{ tpl "{{ .Values.a }}!" . }}', '5!', 'a: 5'],
  ];
  for (const [src, want, values] of cases.filter((c) => c[1] !== '')) {
    it(src, () => assert.equal(render(src, values), want));
  }

  it('required and fail stop rendering with Helm\'s wording', () => {
    assert.throws(() => render('x\n  {{ required "image.tag is required" .Values.image }}'), /execution error at \(t:2:\d+\): image.tag is required/);
    assert.throws(() => render('{{ fail "no" }}'), /execution error at \(t:1:\d+\): no/);
    assert.equal(render('{{ required "x" "ok" }}'), 'ok');
  });

  it('include of an unknown template or a nested loop fails', () => {
    assert.throws(() => render('{{ include "nope" . }}'), /no template "nope"/);
    assert.throws(() => render('{{ define "loop" }}{{ include "loop" . }}{{ end }}{{ include "loop" . }}'), /nested reference name: loop|exceeded maximum template depth/);
  });

  it('semverCompare as Masterminds v3 (a pre-release only matches a constraint with one)', () => {
    assert.equal(semverCompare('>=1.21-0', 'v1.30.0-eks-1234'), true);
    assert.equal(semverCompare('>=1.21', 'v1.30.0-eks-1234'), false);
    assert.equal(semverCompare('>=1.21.0-0', 'v1.32.0'), true);
    assert.equal(semverCompare('^1.2.3', '1.9.0'), true);
    assert.equal(semverCompare('^1.2.3', '2.0.0'), false);
    assert.equal(semverCompare('~1.2', '1.2.9'), true);
    assert.equal(semverCompare('~1.2', '1.3.0'), false);
    assert.equal(semverCompare('1.x', '1.7.0'), true);
    assert.equal(semverCompare('<1.25 || >=1.30', '1.31.0'), true);
    assert.equal(semverCompare('>= 1.19, < 1.25', '1.27.0'), false);
    assert.equal(semverCompare('1.2 - 1.4', '1.3.5'), true);
  });
});
