/** The largest logo a shop may upload. */
export const MAX_LOGO_BYTES = 256 * 1024;

export type LogoType = 'png' | 'jpg' | 'webp';

const CONTENT_TYPES: Record<LogoType, string> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };

/**
 * The type of a logo from its bytes, which must agree with the Content-Type it was sent with.
 * PNG, JPEG and WebP only: SVG is refused, since it is a document that can carry scripts and
 * external references, and a raster logo is all a payment page needs.
 */
export function logoTypeOf(bytes: Buffer, contentType: string): LogoType | { refused: string } {
  const declared = contentType.split(';')[0]!.trim().toLowerCase();
  if (declared === 'image/svg+xml' || /^\s*</.test(bytes.subarray(0, 64).toString('latin1'))) {
    return { refused: 'SVG is not accepted (it can carry scripts); send a PNG, JPEG or WebP' };
  }
  let found: LogoType | undefined;
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    found = 'png';
  else if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) found = 'jpg';
  else if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    found = 'webp';
  if (!found) return { refused: 'the content is not a PNG, JPEG or WebP image' };
  if (CONTENT_TYPES[found] !== declared) {
    return { refused: `the content is ${CONTENT_TYPES[found]} but was sent as ${declared || 'nothing'}` };
  }
  return found;
}

export function logoContentType(type: LogoType): string {
  return CONTENT_TYPES[type];
}
