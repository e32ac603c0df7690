/*! Paylink embed: <script src="https://<host>/embed.js" data-link="<slug>"></script>
 * Renders a pay button that opens the hosted pay page in a modal iframe (or the page inline
 * with data-mode="inline"). The page runs in its own origin; this loader only relays its
 * messages, after checking where they come from, as window events on the merchant's page:
 * paylink:paid, paylink:closed, paylink:resize (event.detail carries the message).
 * Options: data-label, data-color, data-size (small|medium|large), data-show-price,
 * data-locale (the price's number format; the page itself is in English), data-close-on-paid,
 * data-client-reference-id, data-prefilled-email (passed in the URL's fragment, so no server
 * log or referrer sees them; the page sends them with the session it opens). */
(function () {
  var script = document.currentScript;
  var d = script && script.dataset;
  if (!d || !d.link) return;
  var origin = new URL(script.src).origin;
  var slug = encodeURIComponent(d.link);
  var inline = d.mode === 'inline';
  var hash = [['client_reference_id', d.clientReferenceId], ['prefilled_email', d.prefilledEmail]]
    .filter(function (p) { return p[1]; })
    .map(function (p) { return p[0] + '=' + encodeURIComponent(p[1]); }).join('&');
  var src = origin + '/l/' + slug + '?embed=1&parent=' + encodeURIComponent(location.origin) + (hash ? '#' + hash : '');
  var frame = null;
  var overlay = null;
  var done = null;
  var muted = [];
  var button;

  function emit(type, detail) {
    window.dispatchEvent(new CustomEvent(type, { detail: detail || {} }));
  }

  function el(tag, css, text) {
    var e = document.createElement(tag);
    e.style.cssText = css;
    if (text) e.textContent = text;
    return e;
  }

  function makeFrame() {
    var f = el('iframe', 'border:0;width:100%;height:640px;display:block;background:#fff;border-radius:12px' + (inline ? ';max-width:480px' : ''));
    f.src = src;
    f.title = d.title || 'Pay with crypto';
    f.allow = 'clipboard-write';
    return f;
  }

  function close() {
    if (!overlay) return;
    overlay.remove();
    muted.forEach(function (e) { e.inert = false; });
    muted = [];
    document.removeEventListener('keydown', onKey);
    overlay = frame = done = null;
    emit('paylink:closed', { link: d.link });
    button.focus();
  }

  function onKey(e) {
    if (e.key === 'Escape') close();
  }

  function open() {
    overlay = el('div', 'position:fixed;inset:0;z-index:2147483647;background:rgba(0,0,0,.6);display:flex;align-items:center;justify-content:center;padding:8px;overflow:auto');
    overlay.setAttribute('role', 'dialog');
    overlay.setAttribute('aria-modal', 'true');
    overlay.setAttribute('aria-label', 'Payment');
    var box = el('div', 'width:100%;max-width:480px;background:#fff;border-radius:12px;margin:auto;text-align:right');
    var shut = el('button', 'width:44px;height:44px;margin:4px;font:28px/1 system-ui,sans-serif;color:#111;background:#fff;border:2px solid #111;border-radius:50%;cursor:pointer', '×');
    shut.type = 'button';
    shut.setAttribute('aria-label', 'Close payment');
    shut.onclick = close;
    done = el('button', 'display:none;width:calc(100% - 16px);min-height:44px;margin:8px;font:600 16px system-ui,sans-serif;color:#fff;background:#14532d;border:0;border-radius:8px;cursor:pointer', 'Done');
    done.type = 'button';
    done.onclick = close;
    // Tab past the last control comes back to the first: the page behind is inert meanwhile.
    var wrap = el('span', '');
    wrap.tabIndex = 0;
    wrap.onfocus = function () { shut.focus(); };
    overlay.onclick = function (e) { if (e.target === overlay) close(); };
    frame = makeFrame();
    box.append(shut, frame, done);
    overlay.append(box, wrap);
    muted = [].filter.call(document.body.children, function (e) { return !e.inert; });
    muted.forEach(function (e) { e.inert = true; });
    document.body.appendChild(overlay);
    document.addEventListener('keydown', onKey);
    shut.focus();
  }

  window.addEventListener('message', function (e) {
    // Only the pay page we opened, from its own origin, is listened to.
    if (!frame || e.origin !== origin || e.source !== frame.contentWindow) return;
    var data = e.data || {};
    if (typeof data.type !== 'string' || data.type.indexOf('paylink:') !== 0) return;
    if (data.type === 'paylink:close') { if (!inline) close(); return; }
    if (data.type === 'paylink:resize' && data.height > 0) {
      // A modal fits the window (the page scrolls inside it); inline, the page takes its height.
      var room = inline ? 4000 : window.innerHeight - 120;
      frame.style.height = Math.min(data.height, room) + 'px';
    }
    if (data.type === 'paylink:paid' && done) {
      done.style.display = 'block';
      if ('closeOnPaid' in d) setTimeout(close, 1500);
    }
    emit(data.type, data);
  });

  if (inline) {
    frame = makeFrame();
    script.after(frame);
    return;
  }
  var size = { small: '600 14px/1 system-ui,sans-serif;padding:9px 14px', large: '600 19px/1 system-ui,sans-serif;padding:16px 28px' }[d.size] ||
    '600 16px/1 system-ui,sans-serif;padding:14px 20px';
  var label = d.label || 'Pay with crypto';
  button = el('button', 'font:' + size + ';border-radius:8px;border:0;background:#1d4ed8;color:#fff;cursor:pointer', label);
  button.type = 'button';
  button.className = 'paylink-button';
  if (d.color) {
    button.style.background = d.color;
    // Dark text on a light colour (#rgb or #rrggbb), white otherwise.
    var hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(d.color) && d.color.slice(1).replace(/^(.)(.)(.)$/, '$1$1$2$2$3$3');
    var rgb = hex ? [0, 2, 4].map(function (i) { return parseInt(hex.substr(i, 2), 16); }) : [0, 0, 0];
    if (rgb[0] * 0.299 + rgb[1] * 0.587 + rgb[2] * 0.114 > 160) button.style.color = '#111';
  }
  button.onclick = open;
  script.after(button);
  if ('showPrice' in d) {
    fetch(origin + '/v1/public/links/' + slug).then(function (r) { return r.json(); }).then(function (link) {
      if (!link.amount) return;
      var price = new Intl.NumberFormat(d.locale || undefined, { style: 'currency', currency: link.currency }).format(link.amount);
      button.textContent = label + ' · ' + price;
    }).catch(function () {});
  }
})();
