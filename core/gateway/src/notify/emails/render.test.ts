import type { EmailTemplateOverride } from '../../store/email-settings-repo.js';
import { compileOverride, renderEmail } from './render.js';
import { samplePayment } from './sample.js';
import { buildEmailView } from './view-model.js';

const view = buildEmailView({
  template: 'buyer_confirmation',
  language: 'en',
  shopName: 'Tom & Jerry <Shop>',
  payment: samplePayment(),
});

function override(parts: Partial<EmailTemplateOverride>): EmailTemplateOverride {
  return {
    template: 'buyer_confirmation',
    language: 'en',
    subject: null,
    html: null,
    text: null,
    updatedAt: new Date(),
    ...parts,
  };
}

describe('email rendering', () => {
  it('renders HTML with escaped values and a plain text part', () => {
    const email = renderEmail(view);
    expect(email.subject).toBe('[TEST] Payment confirmation – Tom & Jerry <Shop>, order ORDER-1042');
    expect(email.html).toContain('Tom &amp; Jerry &lt;Shop&gt;');
    expect(email.html).not.toContain('<Shop>');
    expect(email.html).toContain('<html lang="en">');
    expect(email.text).toContain('Amount: €49.90');
    expect(email.text).toContain('Card: Visa •••• 4242');
    expect(email.text).toContain('Tom & Jerry <Shop>');
  });

  it("uses a shop's own subject and bodies, still escaping values in HTML", () => {
    const email = renderEmail(
      view,
      override({
        subject: 'Order {{reference}} paid: {{amount}}',
        html: '<p>{{shop_name}} thanks you for {{amount}} ({{card}})</p>',
      }),
    );
    expect(email.subject).toBe('[TEST] Order ORDER-1042 paid: €49.90');
    expect(email.html).toBe('<p>Tom &amp; Jerry &lt;Shop&gt; thanks you for €49.90 (Visa •••• 4242)</p>');
    expect(email.text).toContain('Thank you for your payment'); // default kept
  });

  it('keeps a subject on one line whatever the template says', () => {
    const email = renderEmail(view, override({ subject: 'A\n{{reference}}\r\nB' }));
    expect(email.subject).toBe('[TEST] A ORDER-1042 B');
  });

  it('refuses a template that does not parse', () => {
    expect(() => compileOverride('{{#if}}', 'html')({})).toThrow();
  });

  it('does not let a template reach object prototypes', () => {
    const render = compileOverride('{{constructor.name}}|{{__proto__}}', 'text');
    expect(render({ reference: 'x' })).toBe('|');
  });
});
