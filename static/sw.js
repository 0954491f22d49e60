// Grannlabb's service worker: it keeps an offline page in the page's language and the style
// sheet, never a personal page, and steps in only while the phone is offline: online, every
// request goes to the network as if it were not there.
var CACHE = "grannlabb-2";
var params = new URL(self.location).searchParams;
var OFFLINE = "/offline?lang=" + encodeURIComponent(params.get("lang") || "sv");
self.addEventListener("install", function (e) {
  var keep = [new Request(OFFLINE, { credentials: "omit" })];
  if (params.get("css")) keep.push(params.get("css"));
  e.waitUntil(caches.open(CACHE).then(function (c) { return c.addAll(keep); }).then(function () {
    return self.skipWaiting();
  }));
});
self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }));
});
self.addEventListener("fetch", function (e) {
  var r = e.request;
  if (self.navigator.onLine || r.method !== "GET" || new URL(r.url).origin !== self.location.origin) return;
  e.respondWith(caches.match(r).then(function (hit) {
    return hit || (r.mode === "navigate" ? caches.match(OFFLINE) : Response.error());
  }));
});
