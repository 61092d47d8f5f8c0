import Handlebars from 'handlebars';
import type { EmailTemplateOverride } from '../../store/email-settings-repo.js';
import { readEmailAsset } from './assets.js';
import type { EmailView } from './view-model.js';

/** A rendered email, ready for the mailer. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

// An isolated Handlebars: shop templates cannot register helpers or partials for everyone.
const handlebars = Handlebars.create();

type Compiled = (context: object) => string;
let defaults: { html: Compiled; text: Compiled } | undefined;

function defaultTemplates(): { html: Compiled; text: Compiled } {
  defaults ??= {
    html: handlebars.compile(readEmailAsset('templates', 'email.html.hbs'), { strict: false }),
    text: handlebars.compile(readEmailAsset('templates', 'email.text.hbs'), { noEscape: true }),
  };
  return defaults;
}

/** What a template sees: the named fields at the top level, plus the texts and the details table. */
export function templateContext(view: EmailView): Record<string, unknown> {
  return {
    ...view.fields,
    language: view.language,
    test_mode: view.test_mode,
    title: view.title,
    intro: view.intro,
    note: view.note,
    outro: view.outro,
    notice: view.notice,
    action: view.action,
    rows: view.rows,
  };
}

/**
 * Compiles a shop's template part, or throws with the parser's message. HTML parts escape values
 * ({{amount}}); subject and text parts are plain text and do not.
 */
export function compileOverride(source: string, kind: 'subject' | 'html' | 'text'): Compiled {
  const compiled = handlebars.compile(source, { noEscape: kind !== 'html', strict: false });
  return (context) => compiled(context, { allowProtoPropertiesByDefault: false });
}

/**
 * Renders an email from its view and the shop's override for its template and language, if any.
 * Test-mode emails get "[TEST] " before the subject, whoever wrote it.
 */
export function renderEmail(view: EmailView, override?: EmailTemplateOverride): RenderedEmail {
  const context = templateContext(view);
  const base = defaultTemplates();
  const subject = override?.subject ? compileOverride(override.subject, 'subject')(context) : view.subject;
  const html = override?.html ? compileOverride(override.html, 'html')(context) : base.html(context);
  const text = override?.text ? compileOverride(override.text, 'text')(context) : base.text(context);
  const oneLine = subject.replace(/[\r\n]+/g, ' ').trim();
  return { subject: view.test_mode ? `[TEST] ${oneLine}` : oneLine, html, text };
}
