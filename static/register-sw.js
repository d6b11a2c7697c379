// Offline support: registers the service worker (sw.js, generated after the release build by
// tools/post-build.mjs) and offers a reload when a new version has been deployed.
//
// - Release builds only: the post-build step removes this script's tag from development builds
//   (`trunk serve`), whose sw.js only unregisters a service worker left by an earlier release build.
// - The service worker's scope is the folder the page is served from (any sub-path works). On a
//   first visit it registers a few seconds after the page has loaded (see REGISTER_AFTER_LOAD_MS).
// - A new version is installed in the background and waits; it takes over only when the user
//   presses "Reload" here (the draft is in local storage and the page saves what is pending when
//   it is hidden, so a reload loses nothing). A tab that did not ask is told, not reloaded.
(() => {
  'use strict';
  if (!('serviceWorker' in navigator)) return;
  const sw = navigator.serviceWorker;
  let hadController = !!sw.controller;
  let reloading = false;
  let notice = null;
  // The page saves the draft half a second after an edit (src/ui/drafts.rs) and again when it is
  // hidden; Reload also waits until that save has had time to finish, so an update loses no edit.
  const SAVE_DELAY_MS = 500;
  let lastEdit = 0;
  document.addEventListener('input', () => { lastEdit = Date.now(); }, true);
  const afterSave = (f) => setTimeout(f, Math.max(0, lastEdit + SAVE_DELAY_MS + 400 - Date.now()));

  function show(text, waiting) {
    if (notice) notice.remove();
    notice = document.createElement('div');
    notice.className = 'notice update-notice';
    notice.setAttribute('role', 'status');
    notice.dataset.testid = 'update-notice';
    const p = document.createElement('p');
    p.textContent = text;
    const reload = document.createElement('button');
    reload.type = 'button';
    reload.className = 'primary';
    reload.textContent = 'Reload';
    reload.addEventListener('click', () => {
      reloading = true;
      reload.disabled = true;
      afterSave(() => {
        if (waiting) {
          // The new service worker takes over; controllerchange then reloads this tab.
          waiting.postMessage({ type: 'SKIP_WAITING' });
        } else {
          location.reload();
        }
      });
    });
    const later = document.createElement('button');
    later.type = 'button';
    later.textContent = 'Not now';
    later.addEventListener('click', () => {
      notice.remove();
      notice = null;
    });
    notice.append(p, reload, later);
    document.body.append(notice);
  }

  const offer = (worker) =>
    show('A new version of Caseboard is ready. Reload to use it (your draft is kept).', worker);

  sw.addEventListener('controllerchange', () => {
    if (reloading) {
      location.reload();
    } else if (hadController) {
      show('Caseboard was updated in another tab. Reload to use the new version (your draft is kept).', null);
    }
    hadController = true;
  });

  // A few seconds after the page has loaded: downloading the offline copy (the whole build) must
  // not compete with the page's own start-up (the worker, the first charts) on a slow phone.
  const REGISTER_AFTER_LOAD_MS = 5000;
  const register = () => {
    sw.register('sw.js').then((reg) => {
      // "installed" with a controller present: a new version waits for this page's consent.
      const track = (w) =>
        w.addEventListener('statechange', () => {
          if (w.state === 'installed' && sw.controller) offer(w);
        });
      if (reg.waiting && sw.controller) offer(reg.waiting);
      if (reg.installing) track(reg.installing); // found by this visit before we listened
      reg.addEventListener('updatefound', () => reg.installing && track(reg.installing));
      // Look for a new version when the tab comes back after a while.
      let last = Date.now();
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible' && Date.now() - last > 3600e3) {
          last = Date.now();
          reg.update().catch(() => {});
        }
      });
    }).catch((e) => console.warn('Caseboard works online only: the service worker did not register.', e));
  };
  if (hadController) {
    register(); // the page came from the cache already: nothing to compete with
  } else {
    window.addEventListener('load', () => setTimeout(register, REGISTER_AFTER_LOAD_MS));
  }
})();
