/**
 * An edited document's text in chunks (server/src/languageService/yamlModel/sourceText.ts):
 * after any edits it reads as the same edits on a plain string would, and
 * reading it (lengths, characters, slices) never joins the whole text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SourceText } from '../../../server/src/languageService/yamlModel';
import { prng } from '../../fuzz/editFuzz';

describe('text kept in chunks (issue 15 item 8)', () => {
  it('reads as a string after 2,000 random edits on a 60,000-character text, pastes and cuts across chunks included', () => {
    const random = prng(11);
    const line = (i: number) => `key${i}: value ${i}\n`;
    let reference = Array.from({ length: 3000 }, (_, i) => line(i)).join('');
    let ours = SourceText.of(reference);
    const joinsBefore = SourceText.joins;
    for (let step = 0; step < 2000; step++) {
      const start = Math.floor(random() * (reference.length + 1));
      const kind = random();
      // mostly keystrokes; now and then a cut of up to 20,000 characters or a paste of up to 30,000
      const end = Math.min(reference.length, start + (kind < 0.05 ? Math.floor(random() * 20000) : Math.floor(random() * 3)));
      const inserted = kind > 0.97 ? reference.slice(0, Math.floor(random() * 30000)) : kind < 0.5 ? '' : 'x\n'.slice(0, 1 + Math.floor(random() * 2));
      reference = reference.slice(0, start) + inserted + reference.slice(end);
      ours = ours.edited(start, end, inserted);
      assert.equal(ours.length, reference.length, `step ${step}`);
      for (let probe = 0; probe < 8; probe++) {
        const a = Math.floor(random() * (reference.length + 2)) - 1;
        const b = a + Math.floor(random() * 9000);
        assert.equal(ours.charCodeAt(a), reference.charCodeAt(a), `step ${step}, character ${a}`);
        assert.equal(ours.slice(a, b), reference.slice(a, b), `step ${step}, slice ${a}-${b}`);
      }
      if (step % 100 === 0) {
        // every character, backwards then forwards: reads that cross each chunk boundary both ways
        for (let i = reference.length - 1; i >= 0; i--) if (ours.charCodeAt(i) !== reference.charCodeAt(i)) assert.fail(`step ${step}, character ${i} read backwards`);
        for (let i = 0; i < reference.length; i++) if (ours.charCodeAt(i) !== reference.charCodeAt(i)) assert.fail(`step ${step}, character ${i} read forwards`);
      }
      if (reference.length < 1000) {
        reference = Array.from({ length: 3000 }, (_, i) => line(i)).join('');
        ours = SourceText.of(reference);
      }
    }
    assert.equal(SourceText.joins, joinsBefore, 'no read joined the whole text');
    assert.equal(ours.slice(), reference);
    assert.equal(ours.toString(), reference);
    assert.equal(SourceText.joins, joinsBefore + 1, 'toString joins once per version');
    assert.equal(ours.toString(), reference);
    assert.equal(SourceText.joins, joinsBefore + 1);
  });

  it('reads an empty text and a text edited down to nothing', () => {
    const empty = SourceText.of('');
    assert.equal(empty.length, 0);
    assert.equal(empty.slice(0, 5), '');
    assert.ok(Number.isNaN(empty.charCodeAt(0)));
    const typed = empty.edited(0, 0, 'a: 1\n');
    assert.equal(typed.toString(), 'a: 1\n');
    const erased = typed.edited(0, 5, '');
    assert.equal(erased.length, 0);
    assert.equal(erased.toString(), '');
  });
});
