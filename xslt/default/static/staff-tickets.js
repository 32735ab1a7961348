/*
 * Canned replies on a staff ticket page (progressive enhancement:
 * without this script the picker is a GET form whose answer has the
 * reply box filled in).  Choosing a reply copies its text, already
 * filled in for this ticket by the server (the option's data-body),
 * into the reply box; text goes in through .value only.
 */
(function () {
  'use strict';
  function attach(select) {
    var box = document.getElementById(select.getAttribute('data-fill'));
    var button = select.form.querySelector('button');
    if (!box)
      return;
    if (button)
      button.hidden = true;
    select.addEventListener('change', function () {
      var o = select.options[select.selectedIndex];
      if (!o)
        return;
      if (box.value !== '' && box.value !== box.getAttribute('data-canned') &&
          !window.confirm(select.getAttribute('data-confirm') || ''))
        return;
      box.value = o.getAttribute('data-body') || '';
      box.setAttribute('data-canned', box.value);
      box.focus();
    });
  }
  var pickers = document.querySelectorAll('select[data-fill]');
  for (var i = 0; i < pickers.length; i++)
    attach(pickers[i]);
})();
