import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { PAGE_FILES } from './assets.js';

/** What every page's frame (layout.hbs) shows. View models build it; templates only print it. */
export interface LayoutModel {
  lang: string;
  title: string;
  shopName: string;
  pageKind: string;
  staticBase: string;
  logo?: string | undefined;
  logoAlt?: string | undefined;
  shopStylesheet?: string | undefined;
  scripts: string[];
  skipLink?: string | undefined;
  testMode?: string | undefined;
  refreshSeconds?: number | undefined;
  switcher?:
    | { label: string; items: { code: string; name: string; href: string; current: boolean }[] }
    | undefined;
  support?: { label: string; email?: string; phone?: string; phoneHref?: string; url?: string } | undefined;
  secureNotice: string;
}

export type PageTemplate = 'pay' | 'choice' | 'result' | 'error';

const hbs = Handlebars.create();
const read = (name: string) => readFileSync(join(PAGE_FILES, 'templates', `${name}.hbs`), 'utf8');
const compile = (name: string) => hbs.compile(read(name), { strict: false, preventIndent: true });
hbs.registerPartial('summary', read('summary'));
hbs.registerPartial('errors', read('errors'));
const layout = compile('layout');
const templates: Record<PageTemplate, HandlebarsTemplateDelegate> = {
  pay: compile('pay'),
  choice: compile('choice'),
  result: compile('result'),
  error: compile('error'),
};

/** Renders a page: its template with its model, inside the layout. Every value is HTML-escaped. */
export function renderPage(template: PageTemplate, layoutModel: LayoutModel, model: object): string {
  const body = templates[template]({ ...model, lang: layoutModel.lang });
  return layout({ ...layoutModel, body });
}
