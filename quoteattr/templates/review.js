// The review page's behaviour (quoteattr/render.py inlines it): details of a quote on click
// or from the URL's #fragment. Text goes in with textContent only, never as HTML.
(function () {
  var data = JSON.parse(document.getElementById('quote-data').textContent);
  var panel = document.getElementById('details');
  var labels = [['type', 'Type'], ['speaker', 'Locuteur'], ['role', 'Rôle'],
    ['mention', 'Mention'], ['cue', 'Indice'], ['date', 'Date'], ['basis', 'Datée par'],
    ['confidence', 'Confiance'], ['text', 'Citation']];
  function show(id) {
    var d = data[id];
    if (!d) return;
    document.querySelectorAll('.active').forEach(function (e) { e.classList.remove('active'); });
    document.querySelectorAll('[data-q~="' + CSS.escape(id) + '"]').forEach(function (e) {
      e.classList.add('active');
    });
    var close = document.createElement('button');
    close.textContent = '×';
    close.onclick = function () { panel.hidden = true; };
    var dl = document.createElement('dl');
    labels.forEach(function (pair) {
      var v = d[pair[0]];
      if (v === null || v === undefined || v === '') return;
      var dt = document.createElement('dt'), dd = document.createElement('dd');
      dt.textContent = pair[1];
      dd.textContent = String(v);
      dl.append(dt, dd);
    });
    panel.replaceChildren(close, dl);
    panel.hidden = false;
  }
  // A link to page.html#a0q3 opens that quote's details, as the side list's links do.
  function fromHash() { if (location.hash) show(decodeURIComponent(location.hash.slice(1))); }
  window.addEventListener('hashchange', fromHash);
  fromHash();
  document.addEventListener('click', function (ev) {
    var el = ev.target.closest('[data-show],[data-q]');
    if (!el) return;
    var ids = (el.dataset.show || el.dataset.q).split(' ');
    show(ids[ids.length - 1]);
  });
})();
