/**
 * The only script on resident pages, and optional: it makes the filter form work and hides
 * list items that do not match. The form is `hidden` in the HTML, and shown by the stylesheet
 * where the browser runs scripts (`@media (scripting:enabled)`), so it is there from the first
 * paint and nothing moves when this script runs; older browsers get it shown from here. Every word on screen comes from the page, so the
 * script needs no translations. No framework; a test keeps it under 5 KB.
 * Items carry data-level (0 = no Dutch … 6 = C2), data-asylum (1/0), data-hours, data-km.
 */
export const FILTER_JS = `(function () {
  var form = document.querySelector('form.filters');
  if (!form) return;
  var items = document.querySelectorAll('.list > li[data-level]');
  var none = document.querySelector('.nomatch');
  function num(v) { return v === '' || v === undefined ? NaN : Number(v); }
  function apply() {
    var level = num(form.elements.level ? form.elements.level.value : '');
    var hours = num(form.elements.hours ? form.elements.hours.value : '');
    var km = num(form.elements.km ? form.elements.km.value : '');
    var asylum = form.elements.asylum && form.elements.asylum.checked;
    var shown = 0;
    items.forEach(function (li) {
      var d = li.dataset;
      var ok = (isNaN(level) || num(d.level) <= level)
        && (!asylum || d.asylum === '1')
        && (isNaN(hours) || isNaN(num(d.hours)) || num(d.hours) <= hours)
        && (isNaN(km) || isNaN(num(d.km)) || num(d.km) <= km);
      li.hidden = !ok;
      if (ok) shown++;
    });
    document.querySelectorAll('.section').forEach(function (s) {
      s.hidden = s.querySelector('.list > li[data-level]') !== null && s.querySelector('.list > li[data-level]:not([hidden])') === null;
    });
    if (none) none.hidden = shown > 0;
  }
  form.hidden = false;
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
  apply();
})();
`;
