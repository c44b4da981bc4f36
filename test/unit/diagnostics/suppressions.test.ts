import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, check, daemonSet } from './helpers';

/** The container's `:latest` image-tag warning is the finding these tests silence (the lint rules are off in helpers unless turned on). */
const ON = { rules: { 'image-tag': 'warning' as const, 'no-liveness-probe': 'warning' as const, 'unused-suppression': 'hint' as const } };
const latest = (text: string) => text.replace('example.com/agent:1.0', 'example.com/agent:latest');
const codesOf = (text: string, options = ON) => check(text, options).findings.map((f) => `${f.line} ${f.code}`);

describe('suppressions', () => {
  it('disable-next-line silences the named rule on the next line only, and keeps the others', () => {
    const text = latest(daemonSet()).replace('          image: example.com/agent:latest', '          # daemonset-tools-disable-next-line image-tag -- pinned by digest in CD\n          image: example.com/agent:latest');
    const found = codesOf(text);
    assert.ok(!found.some((c) => c.endsWith('image-tag')), found.join(', '));
    assert.ok(found.some((c) => c.endsWith('no-liveness-probe')), 'other rules still report');
  });

  it('stacked directives each silence the line after the comments', () => {
    const text = latest(daemonSet()).replace('          image: example.com/agent:latest', '          # daemonset-tools-disable-next-line image-tag\n          # a comment of the team\n          image: example.com/agent:latest');
    assert.ok(!codesOf(text).some((c) => c.endsWith('image-tag')));
  });

  it('disable silences the rule for the rest of the YAML document, not the next document', () => {
    const one = latest(daemonSet()).replace('spec:\n  selector', '# daemonset-tools-disable image-tag, no-liveness-probe\nspec:\n  selector');
    const text = `${one}---\n${latest(daemonSet())}`;
    const found = codesOf(text);
    assert.equal(found.filter((c) => c.endsWith('image-tag')).length, 1, found.join(', '));
    assert.ok(Number(found.find((c) => c.endsWith('image-tag'))!.split(' ')[0]) > one.split('\n').length, 'the one left is in the second document');
  });

  it('the object annotation silences the rules it lists', () => {
    const text = latest(daemonSet()).replace('  namespace: kube-system', '  namespace: kube-system\n  annotations:\n    daemonset-tools.io/ignore: "image-tag,no-liveness-probe"');
    const found = codesOf(text);
    assert.ok(!found.some((c) => /image-tag|no-liveness-probe/.test(c)), found.join(', '));
  });

  it('honours kube-linter and Polaris annotations for the checks that are ours too', () => {
    const kubeLinter = latest(daemonSet()).replace('  namespace: kube-system', '  namespace: kube-system\n  annotations:\n    ignore-check.kube-linter.io/latest-tag: "tag moves with the chart"');
    assert.ok(!codesOf(kubeLinter).some((c) => c.endsWith('image-tag')));
    const polaris = latest(daemonSet()).replace('  namespace: kube-system', '  namespace: kube-system\n  annotations:\n    polaris.fairwinds.com/livenessProbeMissing-exempt: "true"');
    const found = codesOf(polaris);
    assert.ok(!found.some((c) => c.endsWith('no-liveness-probe')));
    assert.ok(found.some((c) => c.endsWith('image-tag')), 'Polaris exempted only its own check');
    assert.ok(!found.some((c) => c.endsWith('unused-suppression')), 'another tool\'s annotation is never reported unused');
  });

  it('a blanket directive never silences an error the API server would return; naming the rule does', () => {
    const broken = daemonSet('      nodeSelecter: {}\n');
    const blanket = broken.replace('      nodeSelecter', '      # daemonset-tools-disable-next-line\n      nodeSelecter');
    assert.ok(codesOf(blanket).some((c) => c.endsWith('unknown-field')));
    const named = broken.replace('      nodeSelecter', '      # daemonset-tools-disable-next-line unknown-field -- migrating\n      nodeSelecter');
    assert.ok(!codesOf(named).some((c) => c.endsWith('unknown-field')));
    const blanketWarning = latest(daemonSet()).replace('          image: example.com/agent:latest', '          # daemonset-tools-disable-next-line\n          image: example.com/agent:latest');
    assert.ok(!codesOf(blanketWarning).some((c) => c.endsWith('image-tag')), 'a blanket silences warnings');
  });

  it('reports a suppression that silences nothing, and an unknown rule id, as unused-suppression hints', () => {
    const text = daemonSet().replace('          image: example.com/agent:1.0', '          # daemonset-tools-disable-next-line image-tag\n          image: example.com/agent:1.0').replace('  namespace: kube-system', '  namespace: kube-system\n  annotations:\n    daemonset-tools.io/ignore: "no-such-rule"');
    const unused = check(text, ON).findings.filter((f) => f.code === 'unused-suppression');
    assert.equal(unused.length, 2);
    assert.ok(unused.every((f) => f.severity === 'hint'));
    assert.match(unused.map((f) => f.message).join('\n'), /silences nothing here \(no `image-tag` finding\)/);
    assert.match(unused.map((f) => f.message).join('\n'), /Unknown rule id `no-such-rule`/);
  });

  it('keeps silenced findings, marked, when asked (check --show-suppressed)', () => {
    const text = latest(daemonSet()).replace('          image: example.com/agent:latest', '          # daemonset-tools-disable-next-line image-tag -- pinned in CD\n          image: example.com/agent:latest');
    const silenced = check(text, { ...ON, keepSuppressed: true }).findings.find((f) => f.code === 'image-tag');
    assert.equal(silenced?.suppressedBy, 'daemonset-tools-disable-next-line comment (pinned in CD)');
  });

  it('offers quick fixes that disable the rule for the line and for the object, which then silence it', () => {
    const text = latest(daemonSet());
    const finding = check(text, ON).findings.find((f) => f.code === 'image-tag')!;
    const titles = finding.fixes!.map((f) => f.title);
    const line = titles.indexOf('Disable image-tag for this line');
    const object = titles.indexOf('Disable image-tag for this object');
    assert.ok(line >= 0 && object >= 0, titles.join(', '));
    const byLine = applyFix(text, finding, line);
    assert.match(byLine, /\n {10}# daemonset-tools-disable-next-line image-tag -- TODO say why\n {10}image: example.com\/agent:latest/);
    assert.ok(!codesOf(byLine).some((c) => c.endsWith('image-tag')));
    const byObject = applyFix(text, finding, object);
    assert.match(byObject, /metadata:\n {2}annotations:\n {4}daemonset-tools.io\/ignore: "image-tag"\n {2}name: agent/);
    assert.ok(!codesOf(byObject).some((c) => c.endsWith('image-tag') || c.endsWith('invalid-type')), codesOf(byObject).join(', '));
    // a second rule joins the existing annotation
    const probe = check(byObject, ON).findings.find((f) => f.code === 'no-liveness-probe')!;
    const both = applyFix(byObject, probe, probe.fixes!.findIndex((f) => f.title === 'Disable no-liveness-probe for this object'));
    assert.match(both, /daemonset-tools.io\/ignore: "image-tag,no-liveness-probe"/);
    assert.deepEqual(codesOf(both).filter((c) => /image-tag|no-liveness-probe|unused/.test(c)), []);
  });
});
