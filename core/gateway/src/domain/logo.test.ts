import { logoTypeOf } from './logo.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const JPG = Buffer.from('ffd8ffe000104a464946', 'hex');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]);

describe('shop logo', () => {
  it('accepts PNG, JPEG and WebP sent with their own type', () => {
    expect(logoTypeOf(PNG, 'image/png')).toBe('png');
    expect(logoTypeOf(JPG, 'image/jpeg')).toBe('jpg');
    expect(logoTypeOf(WEBP, 'image/webp')).toBe('webp');
  });

  it('refuses SVG, whatever it is sent as', () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(logoTypeOf(svg, 'image/svg+xml')).toEqual({ refused: expect.stringContaining('SVG') });
    expect(logoTypeOf(svg, 'image/png')).toEqual({ refused: expect.stringContaining('SVG') });
  });

  it('refuses content that does not match its type, or is not an image', () => {
    expect(logoTypeOf(PNG, 'image/jpeg')).toEqual({ refused: expect.stringContaining('sent as image/jpeg') });
    expect(logoTypeOf(Buffer.from('GIF89a'), 'image/gif')).toEqual({ refused: expect.any(String) });
    expect(logoTypeOf(Buffer.from('MZ executable'), 'image/png')).toEqual({ refused: expect.any(String) });
  });
});
