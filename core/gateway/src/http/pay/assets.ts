import { join } from 'node:path';

/**
 * Where the page files (templates, locales, static files) are: always under the package's src/,
 * which the package ships. From src/http/pay and from dist/http/pay the package root is three
 * levels up, so the same code finds them whether it runs from sources or from the build.
 */
export const PAGE_FILES = join(import.meta.dirname, '..', '..', '..', 'src', 'http', 'pay');
