/* Service worker: the collaborator's pages and forms open without a network once visited.
 * Served at /sw.js (scope "/") by opinion/offline.py, which prefixes
 *   const SHELL = {version, static: [...versioned URLs], pages: [...]};
 * - HTML pages of the collaborator: network first (fresh data and CSRF token), the cached copy
 *   when the network fails or is too slow; a short Vietnamese page when nothing is cached.
 * - Versioned static files (?v=<hash>): cache first, they never change under one address.
 * - Everything else (POSTs, the API, photos, the send token) goes to the network untouched.
 * Reports waiting for the network live in IndexedDB (js/outbox.js), never in this cache. */
"use strict";

const CACHE = "opinion-" + SHELL.version;
const NETWORK_TIMEOUT_MS = 6000;
// Only these pages are kept: the collaborator's home, forms, own reports and report pages.
const CACHEABLE_PAGE = /^\/(bao-cao\/(thuc-te|mang-xa-hoi|cua-toi|\d+))?$/;
const OFFLINE_PAGE =
  '<!doctype html><html lang="vi"><head><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Không có mạng</title>' +
  "</head><body><h1>Không có mạng</h1><p>Trang này chưa được lưu trên máy. " +
  "Hãy mở lại khi có mạng. Các báo cáo đã lưu trên máy vẫn còn và sẽ tự gửi.</p>" +
  '<p><a href="/">Về trang chủ</a></p></body></html>';

async function storeIfGood(cache, request, response) {
  if (response && response.ok && !response.redirected && response.type === "basic") {
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // One by one and forgiving: a page that redirects (logged out) is simply not kept.
    for (const url of SHELL.static.concat(SHELL.pages)) {
      try {
        await storeIfGood(cache, new Request(url, {credentials: "same-origin"}),
                          await fetch(url, {credentials: "same-origin", cache: "no-store"}));
      } catch (err) { /* offline during install: kept later, when visited */ }
    }
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("opinion-") && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then((value) => { clearTimeout(timer); resolve(value); },
                 (error) => { clearTimeout(timer); reject(error); });
  });
}

async function pageNetworkFirst(event) {
  const cache = await caches.open(CACHE);
  const fromNetwork = fetch(event.request).then((response) => storeIfGood(cache, event.request, response));
  event.waitUntil(fromNetwork.catch(() => null));  // let a slow answer still refresh the cache
  const cached = await cache.match(event.request, {ignoreSearch: false});
  try {
    return cached ? await withTimeout(fromNetwork, NETWORK_TIMEOUT_MS) : await fromNetwork;
  } catch (err) {
    if (cached) return cached;
    const home = await cache.match("/");
    if (home && new URL(event.request.url).pathname === "/") return home;
    return new Response(OFFLINE_PAGE, {status: 503, headers: {"Content-Type": "text/html; charset=utf-8"}});
  }
}

async function staticCacheFirst(event) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(event.request);
  if (cached) return cached;
  return storeIfGood(cache, event.request, await fetch(event.request));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === "/dang-xuat") {
    // Logging out on a shared phone: forget the cached pages (they hold the reports' text).
    // Reports still waiting in the outbox are kept: they are sent after the next login.
    event.waitUntil(caches.delete(CACHE));
    return;
  }
  if (request.method !== "GET") return;
  if (url.pathname.startsWith("/static/") && url.searchParams.has("v")) {
    event.respondWith(staticCacheFirst(event));
  } else if (request.mode === "navigate" && CACHEABLE_PAGE.test(url.pathname)) {
    event.respondWith(pageNetworkFirst(event));
  }
});
