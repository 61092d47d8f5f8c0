import { checkStylesheet, decodeCssEscapes } from './stylesheet.js';

const SHOP = 'shop_abc';
const problems = (css: string) => {
  const result = checkStylesheet(css, SHOP);
  return result.ok ? [] : result.problems;
};

describe('shop stylesheet', () => {
  it('accepts ordinary CSS and urls of the shop own assets', () => {
    const css = `:root{--accent:#7a1f5c}
@media (max-width: 480px){ .shop-logo{max-height:2rem} }
@font-face{font-family:Shop;src:url("/assets/shops/${SHOP}/logo-0123456789abcdef.png")}
.page{background:url(/assets/shops/${SHOP}/logo-0123456789abcdef.png) no-repeat}`;
    expect(checkStylesheet(css, SHOP)).toEqual({ ok: true, css });
  });

  it.each([
    ['@import of another host', '@import url("https://evil.example/x.css");'],
    ['@import of a relative file', '@import "x.css";'],
    ['@import written with an escape', '@\\69mport "https://evil.example/x.css";'],
    ['an unknown at-rule', '@document url-prefix(https://evil.example){a{color:red}}'],
    ['url() to another host', 'a{background:url(https://evil.example/p.png)}'],
    ['url() protocol-relative', 'a{background:url(//evil.example/p.png)}'],
    ['url() to another shop', 'a{background:url(/assets/shops/shop_other/logo-0123456789abcdef.png)}'],
    ['url() climbing out of the shop', `a{background:url(/assets/shops/${SHOP}/../shop_other/x.png)}`],
    ['url() escaped as \\75 rl', 'a{background:\\75 rl(https://evil.example/p.png)}'],
    ['url() in upper case', 'a{background:URL("https://evil.example/p.png")}'],
    ['url() with a data: URI', 'a{background:url(data:image/svg+xml;base64,PHN2Zz4=)}'],
    ['expression()', 'a{width:expression(alert(1))}'],
    ['expression() with a comment inside the name', 'a{width:expr\\65 ssion(alert(1))}'],
    ['behavior', 'a{behavior:url(/assets/shops/shop_abc/x.htc)}'],
    ['-moz-binding', 'a{-moz-binding:url("https://evil.example/x.xml#x")}'],
    ['javascript: in a value', 'a{background:url("javascript:alert(1)")}'],
    ['image-set() with strings', 'a{background:image-set("https://evil.example/a.png" 1x)}'],
    ['src() in @font-face', '@font-face{font-family:x;src:src("https://evil.example/f.woff")}'],
    ['broken CSS', 'a{color:red'],
    ['a NUL character', 'a{color:red}\u0000'],
  ])('refuses %s', (_what, css) => {
    expect(problems(css)).not.toEqual([]);
  });

  it('names the line of each problem', () => {
    expect(problems('a{color:red}\nb{background:url(https://evil.example/x.png)}')).toEqual([
      expect.stringMatching(/^line 2: url\(\) may only point/),
    ]);
  });

  it('decodes CSS escapes', () => {
    expect(decodeCssEscapes('\\75 rl(')).toBe('url(');
    expect(decodeCssEscapes('\\000075rl(')).toBe('url(');
    expect(decodeCssEscapes('\\u\\r\\l(')).toBe('url(');
  });
});
