import cookieParser from 'cookie-parser';
import { doubleCsrf } from 'csrf-csrf';
import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { EngineDeps } from '../../engine/context.js';

/** The headers of every page response but the CSP, which each response sets for itself. */
export const pageHeaders: RequestHandler = helmet({
  contentSecurityPolicy: false,
  // The page URL holds the payment's token: it must never leak to another site in a Referer.
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginEmbedderPolicy: false,
});

/**
 * A strict Content-Security-Policy for one response: nothing from another origin, no inline script
 * or style, no frames, and forms (and the redirects that follow them) only to this gateway and the
 * exact origins this page's forms lead to (the acquirer's 3-D Secure or means pages, the shop's
 * return URL).
 */
export function setPageCsp(req: Request, res: Response, formTargets: readonly string[]): Promise<void> {
  const origins = [...new Set(formTargets.flatMap((url) => originOf(url)))];
  const csp = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'"],
      fontSrc: ["'self'"],
      connectSrc: ["'none'"],
      formAction: ["'self'", ...origins],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
  });
  return new Promise((resolve, reject) =>
    csp(req, res, (error?: unknown) => (error ? reject(error) : resolve())),
  );
}

function originOf(url: string): string[] {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? [parsed.origin] : [];
  } catch {
    return [];
  }
}

export const pageCookies: RequestHandler = cookieParser();

/**
 * CSRF tokens of the page forms (double submit, csrf-csrf): bound to the page's token, with the
 * cookie scoped to that page's path, so two payment pages in two tabs never invalidate each other.
 */
export function pageCsrf(deps: EngineDeps) {
  const secure = () => (deps.publicUrl?.() ?? '').startsWith('https:');
  const { generateCsrfToken, validateRequest } = doubleCsrf({
    getSecret: () => deps.pageKey!.toString('hex'),
    getSessionIdentifier: (req) => String(req.params['token'] ?? ''),
    cookieName: 'caisse_page',
    cookieOptions: { sameSite: 'lax', secure: false, httpOnly: true, path: '/' },
    getCsrfTokenFromRequest: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      return typeof body?.['_csrf'] === 'string' ? body['_csrf'] : undefined;
    },
  });
  return {
    token: (req: Request, res: Response): string =>
      generateCsrfToken(req, res, {
        overwrite: true,
        cookieOptions: {
          sameSite: 'lax',
          secure: secure(),
          httpOnly: true,
          path: `/pay/${String(req.params['token'])}`,
        },
      }),
    valid: (req: Request): boolean => validateRequest(req),
  };
}
