/*! Paylink embed: <script src="https://<host>/embed.js" data-link="<slug>"></script>
 * Renders a pay button that opens the hosted pay page in a modal iframe (or the page inline
 * with data-mode="inline"). The page runs in its own origin; this loader only relays its
 * messages, after checking where they come from, as window events on the merchant's page:
 * paylink:paid, paylink:closed, paylink:resize (event.detail carries the message). */
(function () {
  var script = document.currentScript;
  if (!script || !script.dataset.link) return;
  var origin = new URL(script.src).origin;
  var slug = encodeURIComponent(script.dataset.link);
  var inline = script.dataset.mode === 'inline';
  var src = origin + '/l/' + slug + '?embed=1&parent=' + encodeURIComponent(location.origin);
  var frame = null;
  var overlay = null;

  function emit(type, detail) {
    window.dispatchEvent(new CustomEvent(type, { detail: detail || {} }));
  }

  function makeFrame() {
    var f = document.createElement('iframe');
    f.src = src;
    f.title = script.dataset.title || 'Pay with crypto';
    f.allow = 'clipboard-write';
    f.style.cssText = 'border:0;width:100%;max-width:480px;height:640px;display:block;background:#fff;border-radius:12px';
    return f;
  }

  function close() {
    if (!overlay) return;
    overlay.remove();
    overlay = null;
    frame = null;
    emit('paylink:closed', { link: script.dataset.link });
    button.focus();
  }

  function onKey(e) {
    if (e.key === 'Escape') close();
  }

  function open() {
    overlay = document.createElement('div');
    overlay.setAttribute('role', 'dialog');
    overlay.setAttribute('aria-modal', 'true');
    overlay.setAttribute('aria-label', 'Payment');
    overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:rgba(0,0,0,.55);display:flex;align-items:center;justify-content:center;padding:16px;overflow:auto';
    var shut = document.createElement('button');
    shut.type = 'button';
    shut.textContent = '×';
    shut.setAttribute('aria-label', 'Close payment');
    shut.style.cssText = 'position:absolute;top:12px;right:16px;font:28px/1 sans-serif;color:#fff;background:none;border:0;cursor:pointer';
    shut.onclick = close;
    overlay.onclick = function (e) { if (e.target === overlay) close(); };
    frame = makeFrame();
    overlay.appendChild(shut);
    overlay.appendChild(frame);
    document.body.appendChild(overlay);
    document.addEventListener('keydown', onKey);
    shut.focus();
  }

  window.addEventListener('message', function (e) {
    // Only the pay page we opened, from its own origin, is listened to.
    if (!frame || e.origin !== origin || e.source !== frame.contentWindow) return;
    var data = e.data || {};
    if (typeof data.type !== 'string' || data.type.indexOf('paylink:') !== 0) return;
    if (data.type === 'paylink:resize' && data.height > 0) {
      // A modal fits the window (the page scrolls inside it); inline, the page takes its height.
      var room = inline ? 4000 : window.innerHeight - 48;
      frame.style.height = Math.min(data.height, room) + 'px';
    }
    emit(data.type, data);
  });

  if (inline) {
    frame = makeFrame();
    script.parentNode.insertBefore(frame, script.nextSibling);
    return;
  }
  var button = document.createElement('button');
  button.type = 'button';
  button.textContent = script.dataset.label || 'Pay with crypto';
  button.className = 'paylink-button';
  button.style.cssText = 'font:600 16px/1 system-ui,sans-serif;padding:12px 20px;border-radius:8px;border:0;background:#1d4ed8;color:#fff;cursor:pointer';
  button.onclick = open;
  script.parentNode.insertBefore(button, script.nextSibling);
})();
