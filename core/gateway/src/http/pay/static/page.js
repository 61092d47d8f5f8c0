// Progressive enhancement of the card form. The page works without this file: it only groups the
// digits as they are typed, shows the brand, and asks for the network of a co-badged card at once
// (without it, the server asks in a second step). No data leaves the page from here.
(() => {
  const form = document.querySelector('form.card-form[data-cobadge]');
  if (!form) return;
  const number = form.querySelector('#card-number');
  const brandBox = form.querySelector('#card-brand');
  const choice = form.querySelector('#network-choice');
  const brandRadio = form.querySelector('#network-brand');
  const brandLabel = form.querySelector('#network-brand-label');
  const names = JSON.parse(form.dataset.brands || '{}');
  const ranges = (form.dataset.cobadge || '')
    .split(',')
    .filter(Boolean)
    .map((r) => r.split('-'));
  const rules = [
    ['amex', /^3[47]/],
    ['diners', /^3(0[0-5]|095|6|[89])/],
    ['jcb', /^35(2[89]|[3-8])/],
    ['visa', /^4/],
    ['mastercard', /^(5[1-5]|2(2[2-9]|[3-6]|7[01]|720))/],
    ['discover', /^(6011|64[4-9]|65)/],
    ['maestro', /^(50|5[6-8]|6)/],
  ];
  const detect = (digits) => (rules.find(([, re]) => re.test(digits)) || [])[0];
  const coBadged = (digits) =>
    ranges.some(([low, high]) => {
      const prefix = digits.slice(0, low.length);
      return prefix.length === low.length && prefix >= low && prefix <= high;
    });
  let shown = '';
  const update = () => {
    const digits = number.value.replace(/\D/g, '');
    const brand = detect(digits);
    if (brand !== shown) {
      shown = brand || '';
      brandBox.textContent = '';
      if (brand) {
        const img = document.createElement('img');
        img.src = `${form.dataset.static || '/pay/static'}/brands/${brand}.svg`;
        img.alt = names[brand] || brand;
        brandBox.appendChild(img);
      }
    }
    const both = (brand === 'visa' || brand === 'mastercard') && coBadged(digits);
    choice.hidden = !both;
    choice.disabled = !both;
    if (both) {
      brandRadio.value = brand;
      brandLabel.textContent = names[brand] || brand;
    }
    // Groups of four (Amex 4-6-5), keeping the caret at the end while typing.
    const groups =
      brand === 'amex'
        ? digits.replace(/^(\d{0,4})(\d{0,6})(\d{0,5}).*/, '$1 $2 $3')
        : digits.replace(/(\d{4})(?=\d)/g, '$1 ');
    const formatted = groups.trim();
    if (
      formatted !== number.value &&
      document.activeElement === number &&
      number.selectionStart === number.value.length
    ) {
      number.value = formatted;
    }
  };
  number.addEventListener('input', update);
  update();
})();
