/* London Crime Analysis embeds, for the host page. No dependencies.
   - Sets the height of each <iframe data-lca-embed> from the message its page posts.
   - Theme: the article decides. Put data-theme="light", "dark" or "auto" on the iframe
     (or change it later: it is watched), or call LCAEmbed.setTheme('dark') for every
     embed on the page (LCAEmbed.setTheme('dark', iframe) for one). ?theme= in the
     iframe's address works too, without this script. */
(function () {
  if (window.LCAEmbed) return;
  var THEMES = { light: 1, dark: 1, auto: 1 };
  function frames() {
    return Array.prototype.slice.call(document.querySelectorAll('iframe[data-lca-embed]'));
  }
  function sendTheme(f) {
    var t = f.getAttribute('data-theme');
    if (!THEMES[t] || !f.contentWindow) return;
    var origin;
    try { origin = new URL(f.src, location.href).origin; } catch (e) { return; }
    f.contentWindow.postMessage({ type: 'lca-embed-theme', theme: t }, origin);
  }
  var MIN_HEIGHT = 120;
  var MAX_HEIGHT = 8000;
  window.addEventListener('message', function (e) {
    var d = e.data;
    if (!d || (d.type !== 'lca-embed-height' && d.type !== 'lca-embed-ready')) return;
    frames().forEach(function (f) {
      if (f.contentWindow !== e.source) return;
      // Each time an embed page has loaded (and listens), it says so: give it the article's theme.
      if (d.type === 'lca-embed-ready') sendTheme(f);
      // A height from the embed page, within sane bounds: a forged or broken message cannot
      // collapse the frame or stretch the article by millions of pixels.
      else if (typeof d.height === 'number' && isFinite(d.height)) f.style.height = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(d.height))) + 'px';
    });
  });
  if (window.MutationObserver) {
    new MutationObserver(function (records) {
      records.forEach(function (r) {
        if (r.target.matches && r.target.matches('iframe[data-lca-embed]')) sendTheme(r.target);
      });
    }).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['data-theme'] });
  }
  window.LCAEmbed = {
    setTheme: function (theme, frame) {
      if (!THEMES[theme]) throw new Error('LCAEmbed.setTheme: theme must be "light", "dark" or "auto"');
      (frame ? [frame] : frames()).forEach(function (f) { f.setAttribute('data-theme', theme); sendTheme(f); });
    },
  };
})();
