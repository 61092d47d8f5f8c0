// Sends the buyer back to the shop at once with the signed result (vads_return_mode POST: the form;
// GET: the link). Without JavaScript the buyer presses the button or follows the link instead.
(() => {
  const form = document.querySelector('form[data-autosubmit="true"]');
  if (form) {
    form.submit();
    return;
  }
  const link = document.querySelector('a[data-autoredirect="true"]');
  if (link) window.location.assign(link.href);
})();
