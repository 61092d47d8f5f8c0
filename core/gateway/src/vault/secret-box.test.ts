import { SecretBox } from './secret-box.js';

const master = Buffer.alloc(32, 7);

describe('SecretBox', () => {
  it('opens what it sealed, for the same purpose', () => {
    const box = new SecretBox(master);
    const sealed = box.seal('whsec_abc', 'webhook-secret');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('whsec_abc');
    expect(box.openText(sealed, 'webhook-secret')).toBe('whsec_abc');
  });

  it('refuses to open a value sealed for another purpose', () => {
    const box = new SecretBox(master);
    const sealed = box.seal('4242424242424242', 'pending-card');
    expect(() => box.open(sealed, 'webhook-secret')).toThrow();
  });

  it('refuses a tampered value and a value sealed under another master key', () => {
    const box = new SecretBox(master);
    const sealed = box.seal('secret', 'p');
    const [v, iv, ct, tag] = sealed.split('.');
    const flipped = Buffer.from(ct!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([v, iv, flipped.toString('base64url'), tag].join('.'), 'p')).toThrow();
    expect(() => new SecretBox(Buffer.alloc(32, 8)).open(sealed, 'p')).toThrow();
  });

  it('seals the same plaintext differently each time', () => {
    const box = new SecretBox(master);
    expect(box.seal('x', 'p')).not.toBe(box.seal('x', 'p'));
  });
});
