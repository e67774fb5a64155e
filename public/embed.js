/* London Crime Analysis embed resizer: sets the height of each
   <iframe data-lca-embed> from the message its page posts. No dependencies. */
(function () {
  if (window.__lcaEmbed) return;
  window.__lcaEmbed = true;
  window.addEventListener('message', function (e) {
    var d = e.data;
    if (!d || d.type !== 'lca-embed-height' || typeof d.height !== 'number') return;
    var frames = document.querySelectorAll('iframe[data-lca-embed]');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === e.source) frames[i].style.height = Math.ceil(d.height) + 'px';
    }
  });
})();
