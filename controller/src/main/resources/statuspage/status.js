// daybreak status page: shows times in the viewer's zone too, and follows the page's changes over
// Server-Sent Events (/events), replacing <main> with the server's new rendering: no reload, no
// framework, and no HTML built here (the server escapes everything).
'use strict';
(function () {
  var format = new Intl.DateTimeFormat(undefined, {
    weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hour12: false
  });
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  function viewerTimes(root) {
    root.querySelectorAll('.viewer[data-iso]').forEach(function (el) {
      el.textContent = 'your time: ' + format.format(new Date(el.dataset.iso)) + ' (' + zone + ')';
    });
  }

  function follow() {
    var main = document.querySelector('main');
    if (!main || main.dataset.live !== 'true' || !window.EventSource) {
      return;
    }
    var source = new EventSource('/events?path=' + encodeURIComponent(location.pathname + location.search));
    source.addEventListener('open', function () {
      document.body.dataset.live = 'connected';
    });
    source.addEventListener('error', function () {
      document.body.dataset.live = 'reconnecting';
    });
    source.addEventListener('page', function (event) {
      var parsed = new DOMParser().parseFromString(event.data, 'text/html');
      var fresh = parsed.querySelector('main');
      var current = document.querySelector('main');
      if (fresh && current) {
        current.replaceWith(document.adoptNode(fresh));
        viewerTimes(document);
      }
      document.body.dataset.updates = String(Number(document.body.dataset.updates || '0') + 1);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    viewerTimes(document);
    follow();
  });
})();
