/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** "2490", "EUR" → "24.90 EUR", exactly (no float), with the currency's usual decimals. */
export function displayAmount(amount: number, currency: string): string {
  let digits = 2;
  try {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
  } catch {
    // an unknown code: keep two decimals
  }
  const text = String(amount).padStart(digits + 1, '0');
  return digits === 0
    ? `${text} ${currency}`
    : `${text.slice(0, -digits)}.${text.slice(-digits)} ${currency}`;
}

/** A small, self-contained page: the simulator's pages load nothing from elsewhere. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
.banner{background:#fff4ce;border:1px solid #8a6d00;padding:.5rem .75rem;font-size:.9rem}
label{display:block;margin:1rem 0 .25rem;font-weight:600}
input{font-size:1.1rem;padding:.4rem;width:10rem}
button{font-size:1rem;padding:.5rem 1rem;margin:1rem .5rem 0 0}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}
</style>
</head>
<body>
<p class="banner">Caisse mock acquirer — a simulator, not a bank. No real card or account is used.</p>
${body}
</body>
</html>`;
}
