import { acquirerTransactionId, authCode } from './ids.js';

describe('identifiers', () => {
  it('derives the same ids from the same seed and reference, whatever was asked before', () => {
    const first = [acquirerTransactionId(7, 'ref_a'), authCode(7, 'ref_a')];
    acquirerTransactionId(7, 'ref_b');
    expect([acquirerTransactionId(7, 'ref_a'), authCode(7, 'ref_a')]).toEqual(first);
  });

  it('derives other ids from another seed or another reference', () => {
    expect(acquirerTransactionId(8, 'ref_a')).not.toBe(acquirerTransactionId(7, 'ref_a'));
    expect(acquirerTransactionId(7, 'ref_b')).not.toBe(acquirerTransactionId(7, 'ref_a'));
  });

  it('makes six-character authorisation codes of digits and capitals', () => {
    for (let i = 0; i < 200; i++) expect(authCode(i, `ref_${i}`)).toMatch(/^[0-9A-Z]{6}$/);
  });
});
