import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  computeVadsSignature,
  signatureAlgorithmOf,
  vadsSigningString,
  verifyVadsSignature,
} from './signature.js';

const docs = join(import.meta.dirname, '../../../../../docs');

/** The worked example of a signed-form page: the blocks after each `<!-- example:NAME -->` marker. */
function workedExample(page: string) {
  const text = readFileSync(join(docs, page), 'utf8');
  const block = (name: string) => {
    const m = new RegExp(`<!-- example:${name} -->\\s*\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\``).exec(text);
    if (!m) throw new Error(`${page} has no example:${name} block`);
    return m[1]!;
  };
  const fields = Object.fromEntries(
    block('fields')
      .split('\n')
      .map((line) => {
        const at = line.indexOf('=');
        return [line.slice(0, at), line.slice(at + 1)] as [string, string];
      }),
  );
  return {
    fields,
    key: block('key'),
    string: block('string'),
    signature: block('signature'),
    sha1: block('sha1'),
  };
}

describe('signed-form signature', () => {
  it.each(['en/signed-form.md', 'fr/signed-form.md'])('matches the worked example of docs/%s', (page) => {
    const example = workedExample(page);
    expect(vadsSigningString(example.fields, example.key)).toBe(example.string);
    expect(computeVadsSignature(example.fields, example.key)).toBe(example.signature);
    expect(computeVadsSignature(example.fields, example.key, 'SHA-1')).toBe(example.sha1);
    expect(verifyVadsSignature(example.fields, example.signature, example.key, 'HMAC-SHA-256')).toBe(true);
  });

  it('signs only the vads_ fields, sorted by name, and ignores the signature field itself', () => {
    const fields = { vads_b: '2', vads_a: '1', signature: 'x', other: 'y', vads_c: '' };
    expect(vadsSigningString(fields, 'KEY')).toBe('1+2++KEY');
  });

  it('refuses a signature made with another key, another field value or another algorithm', () => {
    const fields = { vads_amount: '100', vads_site_id: '12345678' };
    const good = computeVadsSignature(fields, 'k1');
    expect(verifyVadsSignature(fields, good, 'k2', 'HMAC-SHA-256')).toBe(false);
    expect(verifyVadsSignature({ ...fields, vads_amount: '1' }, good, 'k1', 'HMAC-SHA-256')).toBe(false);
    expect(
      verifyVadsSignature(fields, computeVadsSignature(fields, 'k1', 'SHA-1'), 'k1', 'HMAC-SHA-256'),
    ).toBe(false);
    expect(verifyVadsSignature(fields, '', 'k1', 'HMAC-SHA-256')).toBe(false);
  });

  it('tells SHA-1 signatures (40 hex digits) from HMAC-SHA-256 ones', () => {
    expect(signatureAlgorithmOf('b7c758522bce4c0257995e2945d9783e00f89319')).toBe('SHA-1');
    expect(signatureAlgorithmOf('NoqVAXU8Y60n33xVBqkRAQklYWQODi0zxXdtzzQGmT4=')).toBe('HMAC-SHA-256');
  });
});
