// After an in-place update, keyboard focus moves to the outcome it announces instead of being
// lost. A static file, not an hx-on attribute: the Content-Security-Policy allows no inline
// script and no eval.
document.addEventListener("htmx:afterSettle", function () {
  var target = document.querySelector("[data-autofocus]");
  if (target) {
    target.focus();
  }
});

// One way to show a moment (common/templatetags/moments.py): relative words, the exact time on
// hover, both in the browser's time zone; the words stay current while the page is open.
(function () {
  var units = [
    ["year", 365 * 86400],
    ["month", 30 * 86400],
    ["week", 7 * 86400],
    ["day", 86400],
    ["hour", 3600],
    ["minute", 60],
  ];
  // (dateStyle and timeStyle cannot be combined with timeZoneName.)
  var exact = new Intl.DateTimeFormat(undefined, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  });

  function words(seconds) {
    var size = Math.abs(seconds);
    if (size < 60) {
      return "just now";
    }
    for (var i = 0; i < units.length; i++) {
      var count = Math.floor(size / units[i][1]);
      if (count) {
        var phrase = count + " " + units[i][0] + (count === 1 ? "" : "s");
        return seconds > 0 ? phrase + " ago" : "in " + phrase;
      }
    }
    return "just now";
  }

  function refresh() {
    var now = Date.now();
    document.querySelectorAll("time[data-moment]").forEach(function (element) {
      var at = new Date(element.getAttribute("datetime"));
      if (isNaN(at)) {
        return;
      }
      element.textContent = words((now - at.getTime()) / 1000);
      element.title = exact.format(at);
    });
  }

  document.addEventListener("DOMContentLoaded", refresh);
  document.addEventListener("htmx:afterSettle", refresh);
  setInterval(refresh, 30000);
})();
