/*
 * Type-ahead for the search boxes (progressive enhancement: without
 * this script the boxes are plain GET forms).  Asks the box's
 * data-suggest address (/search/suggest, or /tickets/suggest for a new
 * ticket's subject) for XML and lists the titles under the box; text
 * goes in through textContent only.
 */
(function () {
  'use strict';
  function attach(input) {
    var list = document.createElement('ul');
    var timer = null, last = '';
    list.className = 'suggestions';
    list.id = input.id + '-suggestions';
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-autocomplete', 'list');
    input.parentNode.insertBefore(list, input.nextSibling);
    // The new-ticket form: articles are suggested as the subject is
    // typed, so the form needs no separate "check these articles" step.
    if (input.form && input.form.elements.checked)
      input.form.elements.checked.value = '1';

    function show(doc) {
      var hits = doc.getElementsByTagName('hit');
      list.textContent = '';
      for (var i = 0; i < hits.length; i++) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        var t = hits[i].getElementsByTagName('title')[0];
        li.setAttribute('role', 'option');
        a.href = hits[i].getAttribute('href');
        a.textContent = t ? t.textContent : a.href;
        a.lang = hits[i].getAttribute('lang') || '';
        li.appendChild(a);
        list.appendChild(li);
      }
      list.hidden = hits.length === 0;
    }
    function ask() {
      var q = input.value.trim();
      if (q === last) return;
      last = q;
      if (q.length < 2) { list.hidden = true; return; }
      fetch(input.getAttribute('data-suggest') + '?q=' + encodeURIComponent(q),
          { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.text() : ''; })
        .then(function (text) {
          if (!text || input.value.trim() !== q) return;
          show(new DOMParser().parseFromString(text, 'application/xml'));
        })
        .catch(function () { list.hidden = true; });
    }
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') list.hidden = true;
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    var boxes = document.querySelectorAll('input[data-suggest]');
    for (var i = 0; i < boxes.length; i++) attach(boxes[i]);
  });
})();
