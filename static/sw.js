// Grannlabb's service worker: it keeps the static files and an offline page in the page's
// language, never a personal page. Pages always come from the network; without one, the
// offline page answers. Static files too come from the network first, the copy when offline.
var CACHE = "grannlabb-1";
var lang = new URL(self.location).searchParams.get("lang") || "sv";
var OFFLINE = "/offline?lang=" + encodeURIComponent(lang);
self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) {
    return c.add(new Request(OFFLINE, { credentials: "omit" }));
  }).then(function () { return self.skipWaiting(); }));
});
self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});
self.addEventListener("fetch", function (e) {
  var r = e.request, url = new URL(r.url);
  if (r.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.indexOf("/static/") === 0) {
    e.respondWith(fetch(r).then(function (res) {
      if (res.ok) { var copy = res.clone(); caches.open(CACHE).then(function (c) { c.put(r, copy); }); }
      return res;
    }).catch(function () { return caches.match(r); }));
  } else if (r.mode === "navigate") {
    e.respondWith(fetch(r).catch(function () { return caches.match(OFFLINE); }));
  }
});
