/* Paylink payer fields: the customer's details, custom fields and quantity on the pay page.
 * The worker renders the fields (edge/src/pages/payer_form.rs) into a <template> and links this
 * script only when a link or checkout collects something, so a page without fields pays for
 * neither. Every rule and every message comes from the attributes the worker wrote: the
 * browser's constraint validation says which rule failed (validity), data-<rule> gives the API's
 * code and data-<rule>-message its sentence. An input's name is its API path
 * (customer.billing_address.city), so values() builds the request and show() places the API's
 * field errors without a table of its own.
 * The pay page's wasm only renders <div id="payer-slot"> in its form and calls, when present:
 *   paylinkPayer.values() -> null when a field is invalid (messages shown, first one focused),
 *                            else {customer, custom_fields, quantity} to merge into its body;
 *   paylinkPayer.show(errors) -> null when none of the API's field errors is one of these
 *                            fields, else the messages of those that are not, joined. */
(function () {
  var template = document.getElementById('paylink-payer');
  if (!template) return;
  var root = template.content.firstElementChild;
  var inputs = [].slice.call(root.querySelectorAll('input,select'));
  var live = root.querySelector('#payer-live');
  var total = root.querySelector('#payer-total');
  var attempted = false;
  // Which failure of the constraint-validation API is which of the worker's rules.
  var RULES = [
    ['valueMissing', 'missing'], ['typeMismatch', 'mismatch'], ['patternMismatch', 'mismatch'],
    ['badInput', 'mismatch'], ['stepMismatch', 'mismatch'], ['tooShort', 'short'],
    ['tooLong', 'long'], ['rangeUnderflow', 'under'], ['rangeOverflow', 'over'],
  ];

  function rule(input, name) {
    var code = input.getAttribute('data-' + name);
    return code ? { code: code, message: input.getAttribute('data-' + name + '-message') } : null;
  }

  /** The first rule `input` breaks, as {code, message}; null when it keeps them all. */
  function broken(input) {
    var v = input.validity;
    for (var i = 0; i < RULES.length; i += 1) {
      if (v[RULES[i][0]]) return rule(input, RULES[i][1]) || { code: 'invalid', message: input.validationMessage };
    }
    // The browser checks lengths only on what was typed; a pre-filled value is checked here.
    var length = input.value.trim().length;
    if (length && input.minLength > 0 && length < input.minLength) return rule(input, 'short');
    if (input.maxLength > 0 && length > input.maxLength) return rule(input, 'long');
    return input.refusal || null;
  }

  /** Shows or clears `input`'s message; true when it has one. */
  function mark(input) {
    var problem = broken(input);
    var error = root.querySelector('#' + input.id + '-error');
    input.setAttribute('aria-invalid', problem ? 'true' : 'false');
    if (error) {
      error.textContent = problem ? problem.message : '';
      error.hidden = !problem;
      if (problem) error.setAttribute('data-code', problem.code); else error.removeAttribute('data-code');
    }
    return !!problem;
  }

  function focusFirst(bad) {
    live.textContent = bad.length === 1
      ? 'One field needs your attention.'
      : bad.length + ' fields need your attention.';
    bad[0].focus();
  }

  /** "3 × EUR 9.99 = EUR 29.97", in integer minor units (BigInt: no rounding, any quantity). */
  function money(minor, exponent, currency) {
    var text = minor.toString();
    if (exponent > 0) {
      text = text.padStart(exponent + 1, '0');
      text = text.slice(0, -exponent) + '.' + text.slice(-exponent);
    }
    return currency + ' ' + text;
  }
  function retotal(input) {
    if (!total || input.name !== 'quantity') return;
    var unit = BigInt(total.getAttribute('data-unit'));
    var exponent = Number(total.getAttribute('data-exponent'));
    var currency = total.getAttribute('data-currency');
    total.textContent = /^\d+$/.test(input.value) && input.validity.valid
      ? input.value + ' × ' + money(unit, exponent, currency) + ' = ' + money(unit * BigInt(input.value), exponent, currency)
      : money(unit, exponent, currency) + ' each';
  }

  // An optional address needs its parts once any line of it is filled; a postal code only in
  // the countries that use one (data-not-needed-in).
  var addresses = [].slice.call(root.querySelectorAll('fieldset[data-address]'));
  function given(fieldset) {
    return [].some.call(fieldset.querySelectorAll('input'), function (i) { return i.value.trim(); });
  }
  function renew(fieldset) {
    var wanted = fieldset.getAttribute('data-address') === 'required' || given(fieldset);
    var country = fieldset.querySelector('select').value;
    [].forEach.call(fieldset.querySelectorAll('[data-needed]'), function (part) {
      var exempt = (part.getAttribute('data-not-needed-in') || '').split(' ').indexOf(country) >= 0;
      part.required = wanted && !(country && exempt);
    });
  }
  addresses.forEach(renew);

  // Countries come as codes: named in the page's language, sorted by name.
  try {
    var names = new Intl.DisplayNames([document.documentElement.lang || 'en'], { type: 'region' });
    addresses.forEach(function (fieldset) {
      var select = fieldset.querySelector('select');
      var options = [].slice.call(select.options, 1);
      options.forEach(function (o) { o.textContent = names.of(o.value) || o.value; });
      options.sort(function (a, b) { return a.textContent.localeCompare(b.textContent); })
        .forEach(function (o) { select.appendChild(o); });
    });
  } catch (_) { /* an older browser keeps the codes */ }

  inputs.forEach(function (input) {
    // A field speaks up once the customer left it (or tried to continue), then as they type.
    input.addEventListener('blur', function () { input.touched = true; mark(input); });
    var fieldset = input.closest('fieldset[data-address]');
    var edited = function () {
      input.refusal = null;
      if (fieldset) {
        renew(fieldset);
        // A part that stopped (or started) being needed says so at once.
        [].forEach.call(fieldset.querySelectorAll('[data-needed]'), function (p) { if (p.touched || attempted) mark(p); });
      }
      retotal(input);
      if (input.touched || attempted) mark(input);
    };
    input.addEventListener('input', edited);
    input.addEventListener('change', edited);
  });

  // The embed carries the shop's prefills in the fragment, which the worker never sees.
  var hash = new URLSearchParams(location.hash.slice(1));
  [['prefilled_email', 'customer.email'], ['prefilled_name', 'customer.name']].forEach(function (p) {
    var input = root.querySelector('[name="' + p[1] + '"]');
    if (input && !input.value && hash.get(p[0])) input.value = hash.get(p[0]);
  });

  // The fields go into the form's slot whenever the pay page renders it, and keep what was
  // typed when the form is rendered again (after "Change how you pay").
  function place() {
    var slot = document.getElementById('payer-slot');
    if (!slot || slot.contains(root)) return;
    slot.appendChild(root);
    // The page's own messages replace the browser's bubbles, so Enter reaches its handler.
    var form = slot.closest('form');
    if (form) form.noValidate = true;
  }
  new MutationObserver(place).observe(document.body, { childList: true, subtree: true });
  place();

  window.paylinkPayer = {
    values: function () {
      attempted = true;
      var bad = inputs.filter(mark);
      if (bad.length) {
        focusFirst(bad);
        return null;
      }
      live.textContent = '';
      var out = {};
      inputs.forEach(function (input) {
        var value = input.value.trim();
        var fieldset = input.closest('fieldset[data-address]');
        // An address with no line filled is not given, whatever country is chosen.
        if (!value || (fieldset && !given(fieldset))) return;
        var path = input.name.split('.');
        var at = out;
        path.slice(0, -1).forEach(function (key) { at = at[key] = at[key] || {}; });
        at[path[path.length - 1]] = input.type === 'number' ? Number(value) : value;
      });
      return out;
    },
    show: function (errors) {
      if (!Array.isArray(errors)) return null;
      var rest = [];
      var bad = [];
      errors.forEach(function (e) {
        // An error about a whole address goes to its first part.
        var input = inputs.filter(function (i) { return i.name === e.param; })[0] ||
          inputs.filter(function (i) { return i.name.indexOf(e.param + '.') === 0; })[0];
        if (!input) return rest.push(e.message);
        input.refusal = { code: e.code, message: e.message };
        if (mark(input) && bad.indexOf(input) < 0) bad.push(input);
      });
      if (!bad.length) return null;
      focusFirst(bad);
      return rest.join(' ');
    },
  };
})();
