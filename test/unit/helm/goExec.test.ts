/**
 * The template language, with cases ported from Go's text/template
 * exec_test.go and parse_test.go (data adapted to Helm's value shapes:
 * map[string]interface{} trees, Go ints for constants).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goBuiltins } from '../../../server/src/helm/functions/goBuiltins';
import { Executor, type GoFunc } from '../../../server/src/helm/template/exec';
import { parseTemplate } from '../../../server/src/helm/template/parser';
import { type GoValue, GoInt } from '../../../server/src/helm/template/values';

const int = (n: number): GoInt => new GoInt(BigInt(n));
const map = (o: Record<string, GoValue>): Map<string, GoValue> => new Map(Object.entries(o));

const funcs = goBuiltins();
funcs.set('add', { params: ['int', 'int'], fn: ([a, b]) => new GoInt((a as GoInt).v + (b as GoInt).v) } satisfies GoFunc);
funcs.set('oneArg', { params: ['string'], fn: ([a]) => `oneArg=${a as string}` });
funcs.set('twoArgs', { params: ['string', 'string'], fn: ([a, b]) => `twoArgs=${a as string}${b as string}` });
funcs.set('echo', { params: ['any'], fn: ([a]) => a });
funcs.set('makemap', { params: [], variadic: 'string', fn: (a) => { const m = new Map<string, GoValue>(); for (let i = 0; i < a.length; i += 2) m.set(a[i] as string, a[i + 1]); return m; } });
funcs.set('mapOfThree', { params: [], fn: () => map({ three: int(3) }) });

const tVal = map({
  True: true,
  I: int(17),
  X: 'x',
  FloatZero: 0,
  U: map({ V: 'v' }),
  SI: [int(3), int(4), int(5)],
  SIEmpty: [],
  SB: [true, false],
  MSI: map({ one: int(1), two: int(2), three: int(3) }),
  MSIone: map({ one: int(1) }),
  MSIEmpty: map({}),
  MXI: map({}),
  SMSI: [map({ one: int(1), two: int(2) }), map({ eleven: int(11), twelve: int(12) })],
  Empty0: null,
  Empty3: [int(7), int(8)],
  PSI: [int(21), int(22), int(23)],
});

function run(src: string, data: GoValue = tVal): string {
  const exec = new Executor({ funcs });
  exec.add(parseTemplate('test', src, (n) => funcs.has(n)));
  return exec.execute('test', data).text;
}

const cases: Array<[string, string, string | Error, GoValue?]> = [
  ['empty', '', ''],
  ['text', 'some text', 'some text'],
  ['nil action', '{{nil}}', new Error()],
  ['dot int', '<{{.}}>', '<17>', int(17)],
  ['dot float', '<{{.}}>', '<3.5>', 3.5],
  ['dot bool', '<{{.}}>', '<true>', true],
  ['dot string', '<{{.}}>', '<hello>', 'hello'],
  ['dot slice', '<{{.}}>', '<[-1 -2 -3]>', [int(-1), int(-2), int(-3)]],
  ['dot map', '<{{.}}>', '<map[one:1 two:2]>', map({ two: int(2), one: int(1) })],
  ['$ int', '{{$}}', '123', int(123)],
  ['$.I', '{{$.I}}', '17'],
  ['$.U.V', '{{$.U.V}}', 'v'],
  ['declare in action', '{{$x := $.U.V}}{{$x}}', 'v'],
  ['simple assignment', '{{$x := 2}}{{$x = 3}}{{$x}}', '3'],
  ['nested assignment', '{{$x := 2}}{{if true}}{{$x = 3}}{{end}}{{$x}}', '3'],
  ['nested assignment changes the last declaration', '{{$x := 1}}{{if true}}{{$x := 2}}{{if true}}{{$x = 3}}{{end}}{{end}}{{$x}}', '1'],
  ['.X', '-{{.X}}-', '-x-'],
  ['.U.V', '-{{.U.V}}-', '-v-'],
  ['map .one', '{{.MSI.one}}', '1'],
  ['map .two', '{{.MSI.two}}', '2'],
  ['map .NO', '{{.MSI.NO}}', '<no value>'],
  ['map .one interface', '{{.MXI.one}}', '<no value>'],
  ['map .WRONG args', '{{.MSI.one 1}}', new Error()],
  ['nil field on nil', '{{.Empty0.X}}', new Error()],
  ['field on string', '{{.X.Y}}', new Error()],
  ['parens in pipeline', '{{printf `%d %d %d` (1) (2 | add 3) (add 4 (add 5 6))}}', '1 5 15'],
  ['parens: $ in paren', '{{($).X}}', 'x'],
  ['parens: $.U in paren', '{{($.U).V}}', 'v'],
  ['parens: $ in paren in pipe', '{{($ | echo).X}}', 'x'],
  ['parens: spaces and args', '{{(makemap "up" "down" "left" "right").left}}', 'right'],
  ['if true', '{{if true}}TRUE{{end}}', 'TRUE'],
  ['if false', '{{if false}}TRUE{{else}}FALSE{{end}}', 'FALSE'],
  ['if nil', '{{if nil}}TRUE{{end}}', new Error()],
  ['if 1', '{{if 1}}NON-ZERO{{else}}ZERO{{end}}', 'NON-ZERO'],
  ['if 0', '{{if 0}}NON-ZERO{{else}}ZERO{{end}}', 'ZERO'],
  ['if 1.5', '{{if 1.5}}NON-ZERO{{else}}ZERO{{end}}', 'NON-ZERO'],
  ['if 0.0', '{{if .FloatZero}}NON-ZERO{{else}}ZERO{{end}}', 'ZERO'],
  ['if emptystring', '{{if ``}}NON-EMPTY{{else}}EMPTY{{end}}', 'EMPTY'],
  ['if string', '{{if `notempty`}}NON-EMPTY{{else}}EMPTY{{end}}', 'NON-EMPTY'],
  ['if emptyslice', '{{if .SIEmpty}}NON-EMPTY{{else}}EMPTY{{end}}', 'EMPTY'],
  ['if slice', '{{if .SI}}NON-EMPTY{{else}}EMPTY{{end}}', 'NON-EMPTY'],
  ['if emptymap', '{{if .MSIEmpty}}NON-EMPTY{{else}}EMPTY{{end}}', 'EMPTY'],
  ['if map', '{{if .MSI}}NON-EMPTY{{else}}EMPTY{{end}}', 'NON-EMPTY'],
  ['if map unset', '{{if .MXI.none}}NON-ZERO{{else}}ZERO{{end}}', 'ZERO'],
  ['if map not unset', '{{if not .MXI.none}}ZERO{{else}}NON-ZERO{{end}}', 'ZERO'],
  ['if $x with $y int', '{{if $x := true}}{{with $y := .I}}{{$x}},{{$y}}{{end}}{{end}}', 'true,17'],
  ['if $x with $x int', '{{if $x := true}}{{with $x := .I}}{{$x}},{{end}}{{$x}}{{end}}', '17,true'],
  ['if else if', '{{if false}}FALSE{{else if true}}TRUE{{end}}', 'TRUE'],
  ['if else chain', '{{if eq 1 3}}1{{else if eq 2 3}}2{{else if eq 3 3}}3{{end}}', '3'],
  ['with else with', '{{with .MXI.none}}A{{else with .X}}{{.}}{{end}}', 'x'],
  ['print', '{{print "hello, print"}}', 'hello, print'],
  ['print 123', '{{print 1 2 3}}', '1 2 3'],
  ['print nil', '{{print nil}}', '<nil>'],
  ['println', '{{println 1 2 3}}', '1 2 3\n'],
  ['printf int', '{{printf "%04x" 127}}', '007f'],
  ['printf float', '{{printf "%g" 3.5}}', '3.5'],
  ['printf string', '{{printf "%s" "hello"}}', 'hello'],
  ['printf field', '{{printf "%s" .U.V}}', 'v'],
  ['printf dot', '{{with .I}}{{printf "%d" .}}{{end}}', '17'],
  ['printf var', '{{with $x := .I}}{{printf "%d" $x}}{{end}}', '17'],
  ['printf bad verb', '{{printf "%d" "x"}}', '%!d(string=x)'],
  ['printf missing', '{{printf "%s %s" "x"}}', 'x %!s(MISSING)'],
  ['printf extra', '{{printf "%s" "x" 3}}', 'x%!(EXTRA int=3)'],
  ['printf %q %t %v %5s %-5s|', '{{printf "%q %t %v %5s %-5s|" "a\\"b" true 1.5 "ab" "ab"}}', '"a\\"b" true 1.5    ab ab   |'],
  ['printf %T', '{{printf "%T %T %T" 0xef 1.5 "s"}}', 'int float64 string'],
  ['html', '{{html "<script>alert(\\"XSS\\");</script>"}}', '&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;'],
  ['urlquery', '{{"http://www.example.org/"|urlquery}}', 'http%3A%2F%2Fwww.example.org%2F'],
  ['not', '{{not true}} {{not false}}', 'false true'],
  ['and', '{{and false 0}} {{and 1 0}} {{and 0 true}} {{and 1 1}}', 'false 0 0 1'],
  ['or', '{{or 0 0}} {{or 1 0}} {{or 0 true}} {{or 1 1}}', '0 1 true 1'],
  ['or short-circuits', '{{or 1 .Empty0.X}}', '1'],
  ['and short-circuits', '{{and 0 .Empty0.X}}', '0'],
  ['boolean if', '{{if and true 1 `hi`}}TRUE{{else}}FALSE{{end}}', 'TRUE'],
  ['boolean if not', '{{if and true 1 `hi` | not}}TRUE{{else}}FALSE{{end}}', 'FALSE'],
  ['slice[0]', '{{index .SI 0}}', '3'],
  ['slice[1]', '{{index .SI 1}}', '4'],
  ['slice[HUGE]', '{{index .SI 10}}', new Error()],
  ['slice[WRONG]', '{{index .SI `hello`}}', new Error()],
  ['map[one]', '{{index .MSI `one`}}', '1'],
  ['map[NO]', '{{index .MSI `XXX`}}', '<no value>'],
  ['map[WRONG]', '{{index .MSI 10}}', new Error()],
  ['double index', '{{index .SMSI 1 `eleven`}}', '11'],
  ['nil[1]', '{{index nil 1}}', new Error()],
  ['len slice', '{{len .SI}}', '3'],
  ['len map', '{{len .MSI }}', '3'],
  ['len of int', '{{len 3}}', new Error()],
  ['len of nothing', '{{len .Empty0}}', new Error()],
  ['len of string counts bytes', '{{len "héllo"}}', '6'],
  ['slice string', '{{slice "hello" 1 3}}', 'el'],
  ['slice list', '{{slice .SI 1}}', '[4 5]'],
  ['with true', '{{with true}}{{.}}{{end}}', 'true'],
  ['with false', '{{with false}}{{.}}{{else}}FALSE{{end}}', 'FALSE'],
  ['with 1', '{{with 1}}{{.}}{{else}}ZERO{{end}}', '1'],
  ['with 0', '{{with 0}}{{.}}{{else}}ZERO{{end}}', 'ZERO'],
  ['with 1.5', '{{with 1.5}}{{.}}{{else}}ZERO{{end}}', '1.5'],
  ['with emptystring', '{{with ``}}{{.}}{{else}}EMPTY{{end}}', 'EMPTY'],
  ['with string', '{{with `notempty`}}{{.}}{{else}}EMPTY{{end}}', 'notempty'],
  ['with slice', '{{with .SI}}{{.}}{{else}}EMPTY{{end}}', '[3 4 5]'],
  ['with map', '{{with .MSIone}}{{.}}{{else}}EMPTY{{end}}', 'map[one:1]'],
  ['with $x int', '{{with $x := .I}}{{$x}}{{end}}', '17'],
  ['with $x struct.U.V', '{{with $x := $}}{{$x.U.V}}{{end}}', 'v'],
  ['with variable and action', '{{with $x := $}}{{$y := $.U.V}}{{$y}}{{end}}', 'v'],
  ['range []int', '{{range .SI}}-{{.}}-{{end}}', '-3--4--5-'],
  ['range empty no else', '{{range .SIEmpty}}-{{.}}-{{end}}', ''],
  ['range []int else', '{{range .SI}}-{{.}}-{{else}}EMPTY{{end}}', '-3--4--5-'],
  ['range empty else', '{{range .SIEmpty}}-{{.}}-{{else}}EMPTY{{end}}', 'EMPTY'],
  ['range []bool', '{{range .SB}}-{{.}}-{{end}}', '-true--false-'],
  ['range map', '{{range .MSI}}-{{.}}-{{end}}', '-1--3--2-'],
  ['range empty map else', '{{range .MSIEmpty}}-{{.}}-{{else}}EMPTY{{end}}', 'EMPTY'],
  ['range empty nil', '{{range .Empty0}}-{{.}}-{{end}}', ''],
  ['range $x SI', '{{range $x := .SI}}<{{$x}}>{{end}}', '<3><4><5>'],
  ['range $x $y SI', '{{range $x, $y := .SI}}<{{$x}}={{$y}}>{{end}}', '<0=3><1=4><2=5>'],
  ['range $x MSIone', '{{range $x := .MSIone}}<{{$x}}>{{end}}', '<1>'],
  ['range $x $y MSIone', '{{range $x, $y := .MSIone}}<{{$x}}={{$y}}>{{end}}', '<one=1>'],
  ['declare in range', '{{range $x := .PSI}}<{{$foo:=$x}}{{$x}}>{{end}}', '<21><22><23>'],
  ['range int', '{{range 3}}{{.}}{{end}}', '012'],
  ['range break', '{{range .SI}}{{if eq . 4}}{{break}}{{end}}-{{.}}-{{end}}', '-3-'],
  ['range continue', '{{range .SI}}{{if eq . 4}}{{continue}}{{end}}-{{.}}-{{end}}', '-3--5-'],
  ['range string fails', '{{range "ab"}}{{.}}{{end}}', new Error()],
  ['or as if true', '{{or .SI "slice is empty"}}', '[3 4 5]'],
  ['or as if false', '{{or .SIEmpty "slice is empty"}}', 'slice is empty'],
  ['bug0', '{{range .MSIone}}{{if $.MSIone}}X{{end}}{{end}}', 'X'],
  ['bug7a', '{{3 2}}', new Error()],
  ['bug7b', '{{$x := 1}}{{$x 2}}', new Error()],
  ['bug7c', '{{$x := 1}}{{3 | $x}}', new Error()],
  ['bug8a', '{{3|oneArg}}', new Error()],
  ['bug9', '{{.cause}}', 'neglect', map({ cause: 'neglect' })],
  ['bug10', '{{mapOfThree.three}}-{{(mapOfThree).three}}', '3-3'],
  ['bug12xe', '{{printf `%T` 0xef}}', 'int'],
  ['bug14a', '{{(nil).True}}', new Error()],
  ['bug14b', '{{$x := nil}}{{$x.anything}}', new Error()],
  ['bug16a', '{{true|printf}}', new Error()],
  ['bug16b', '{{1|printf}}', new Error()],
  ['bug16f', '{{true|twoArgs "xxx"}}', new Error()],
  ['bug16g', '{{"aaa" |twoArgs "bbb"}}', 'twoArgs=bbbaaa'],
  ['bug16i', '{{"aaa"|oneArg}}', 'oneArg=aaa'],
  ['bug16k', '{{"aaa"|printf }}', 'aaa'],
  ['eq', '{{eq 1 1}} {{eq 1 2}} {{eq "a" "a"}} {{eq 1 2 3 1}} {{eq .MXI.x "a"}}', 'true false true true false'],
  ['eq int with float fails', '{{eq 1 1.0}}', new Error()],
  ['lt', '{{lt 1 2}} {{lt "a" "b"}} {{le 2 2}} {{gt 3 2}} {{ge 1 2}} {{ne 1 2}}', 'true true true true false true'],
  ['lt on nil fails', '{{lt .MXI.x 1}}', new Error()],
  ['float %v', '{{1000000.0}} {{123456.0}} {{0.0001}} {{0.00001}} {{1.5e300}}', '1e+06 123456 0.0001 1e-05 1.5e+300'],
  ['char constant', "{{'a'}}", '97'],
  ['raw string', '{{`a\\nb`}}', 'a\\nb'],
  ['string escapes', '{{"a\\tb\\u00e9"}}', 'a\tbé'],
];

describe('text/template execution (Go exec_test cases)', () => {
  for (const [name, src, want, data] of cases) {
    it(name, () => {
      if (want instanceof Error) assert.throws(() => run(src, data ?? tVal));
      else assert.equal(run(src, data ?? tVal), want);
    });
  }
});

describe('text/template parsing and white space', () => {
  it('trims white space around {{- and -}} (including newlines)', () => {
    assert.equal(run('a  \n {{- 3 -}}  \n b'), 'a3b');
    assert.equal(run('a {{- /* comment */ -}} b'), 'ab');
    assert.equal(run('x{{/* comment */}}y'), 'xy');
  });

  it('keeps a minus that is a number, not a trim marker', () => {
    assert.equal(run('{{-3}}'), '-3');
    assert.equal(run('{{ 3 -}} x'), '3x');
  });

  it('define, template and block', () => {
    assert.equal(run('{{define "a"}}A{{.}}{{end}}{{template "a" "x"}}-{{template "a"}}'), 'Ax-A<no value>');
    assert.equal(run('{{block "b" .X}}[{{.}}]{{end}}'), '[x]');
    assert.throws(() => run('{{template "nope"}}'), /no such template "nope"/);
  });

  it('actions may span lines', () => {
    assert.equal(run('{{ printf "%s-%s"\n  "a"\n  "b" }}'), 'a-b');
  });

  it('reports Go parse errors with the line', () => {
    const parse = (src: string): unknown => parseTemplate('t.yaml', src, (n) => funcs.has(n));
    assert.throws(() => parse('x\n{{ nofunc 1 }}'), /template: t.yaml:2: function "nofunc" not defined/);
    assert.throws(() => parse('{{ $x }}'), /undefined variable "\$x"/);
    assert.throws(() => parse('{{ if true }}x'), /unexpected EOF/);
    assert.throws(() => parse('{{ end }}'), /unexpected \{\{end\}\}/);
    assert.throws(() => parse('{{ break }}'), /\{\{break\}\} outside \{\{range\}\}/);
    assert.throws(() => parse('{{ "a" }'), /unterminated|unclosed|unrecognized/);
    assert.throws(() => parse('{{ 3k }}'), /bad number syntax/);
    // Go's parse_test "space" case; a field followed by a quote is the lexer's "bad character" (lexFieldOrVariable's atTerminator)
    assert.throws(() => parse('{{`x`3}}'), /missing space/);
    assert.throws(() => parse('{{ .X.Y"a" }}'), /bad character/);
  });

  it('a variable declared in a branch is gone after it', () => {
    assert.throws(() => parseTemplate('t', '{{ if true }}{{ $x := 1 }}{{ end }}{{ $x }}', (n) => funcs.has(n)), /undefined variable/);
  });

  it('reports execution errors with template, line and column', () => {
    assert.throws(() => run('\n  {{ .Empty0.X }}'), /template: test:2:6: executing "test": nil pointer evaluating interface \{\}\.X/);
  });
});
