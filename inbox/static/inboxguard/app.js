// After an in-place update, keyboard focus moves to the outcome it announces instead of being
// lost. A static file, not an hx-on attribute: the Content-Security-Policy allows no inline
// script and no eval.
document.addEventListener("htmx:afterSettle", function () {
  var target = document.querySelector("[data-autofocus]");
  if (target) {
    target.focus();
  }
});
