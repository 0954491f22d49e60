// Grannlabb's only script of its own. htmx requests carry the CSRF token in a header.
document.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) event.detail.headers["X-CSRFToken"] = meta.content;
});

// "Show more": the button goes away with the swap, so the first new item takes its focus
// (keyboards and screen readers carry on where they were, not at the top of the page).
var moreSwap = null;
document.addEventListener("htmx:beforeSwap", function (event) {
  var target = event.detail.target;
  moreSwap = target.classList.contains("more") && target.contains(document.activeElement)
    ? { parent: target.parentNode, before: target.previousElementSibling } : null;
});
document.addEventListener("htmx:afterSettle", function () {
  if (!moreSwap) return;
  var first = moreSwap.before ? moreSwap.before.nextElementSibling : moreSwap.parent.firstElementChild;
  moreSwap = null;
  if (first && !first.classList.contains("more")) {
    first.setAttribute("tabindex", "-1");
    first.focus();
  }
});
