import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closest, containing, editDistance } from '../../../server/src/languageService/diagnostics/didYouMean';

describe('did-you-mean', () => {
  it('measures edits case-insensitively', () => {
    assert.equal(editDistance('nodeSelecter', 'nodeSelector'), 1);
    assert.equal(editDistance('nodeselector', 'nodeSelector'), 0);
    assert.equal(editDistance('', 'abc'), 3);
  });
  it('picks the closest candidate within a typo-like distance', () => {
    assert.equal(closest('nodeSelecter', ['nodeName', 'nodeSelector', 'affinity']), 'nodeSelector');
    assert.equal(closest('imagePullPolcy', ['image', 'imagePullPolicy']), 'imagePullPolicy');
    assert.equal(closest('zzzzzz', ['nodeName', 'affinity']), undefined);
  });
});

describe('did-you-mean: containing', () => {
  it('offers the few fields that contain the name', () => {
    assert.deepEqual(containing('port', ['containerPort', 'hostPort', 'hostIP', 'name']), ['containerPort', 'hostPort']);
    assert.deepEqual(containing('id', ['uid', 'gid']), []);
    assert.deepEqual(containing('name', ['aname', 'bname', 'cname', 'dname']), []);
  });
});
