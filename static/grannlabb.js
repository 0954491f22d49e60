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

// "Listen": the phone reads a text aloud in the text's language with its own voices (nothing
// leaves the phone). A button shows only where the phone has a voice for that language.
(function () {
  var say = window.speechSynthesis;
  if (!say) return;
  function langOf(el) { var l = el.closest("[lang]"); return l ? l.lang.toLowerCase().split("-")[0] : ""; }
  function voiceFor(lang) {
    return say.getVoices().filter(function (v) { return v.lang.toLowerCase().split(/[-_]/)[0] === lang; })[0];
  }
  function show() {
    document.querySelectorAll("button[data-read]").forEach(function (b) {
      var el = document.getElementById(b.dataset.read);
      b.hidden = !(el && voiceFor(langOf(el)));
    });
  }
  document.addEventListener("click", function (e) {
    var b = e.target.closest("button[data-read]");
    if (!b) return;
    var was = b.getAttribute("aria-pressed") === "true";
    say.cancel();
    document.querySelectorAll("button[data-read]").forEach(function (o) { o.setAttribute("aria-pressed", "false"); });
    if (was) return;
    var el = document.getElementById(b.dataset.read), u = new SpeechSynthesisUtterance(el.textContent);
    u.lang = langOf(el);
    u.voice = voiceFor(u.lang);
    u.onend = function () { b.setAttribute("aria-pressed", "false"); };
    b.setAttribute("aria-pressed", "true");
    say.speak(u);
  });
  say.addEventListener("voiceschanged", show);
  document.addEventListener("htmx:afterSettle", show);
  show();
})();

// Offline: a service worker keeps an offline page and the style sheet (static/sw.js).
if ("serviceWorker" in navigator) {
  var sheet = document.querySelector('link[rel="stylesheet"]');
  navigator.serviceWorker.register("/sw.js?lang=" + encodeURIComponent(document.documentElement.lang) +
    (sheet ? "&css=" + encodeURIComponent(sheet.getAttribute("href")) : ""));
}
