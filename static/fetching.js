/* skincheck: while a product page is being fetched (up to ten seconds), say so.
   On submit of the URL form (form.fetch-form) it disables the form's button, so a second
   press does not start a second fetch, and writes "Fetching the page…" into the form's
   live status line (p.fetching, role="status"). It does nothing else: without it the
   form posts just the same. Loaded as a file because the CSP allows no inline script. */
(function () {
  "use strict";

  function reset(form) {
    var button = form.querySelector("button[type=submit]");
    var status = form.querySelector(".fetching");
    if (button) { button.disabled = false; button.removeAttribute("aria-disabled"); }
    if (status) { status.textContent = ""; }
  }

  function start(event) {
    var form = event.target;
    var button = form.querySelector("button[type=submit]");
    var status = form.querySelector(".fetching");
    if (button && button.disabled) {
      event.preventDefault();  // already fetching
      return;
    }
    if (button) { button.disabled = true; button.setAttribute("aria-disabled", "true"); }
    if (status) { status.textContent = status.getAttribute("data-fetching-text") || "Fetching the page…"; }
  }

  function wire() {
    var forms = document.querySelectorAll("form.fetch-form");
    for (var i = 0; i < forms.length; i += 1) {
      forms[i].addEventListener("submit", start);
    }
  }

  // Coming back with the Back button restores the page as it was left, button disabled.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    var forms = document.querySelectorAll("form.fetch-form");
    for (var i = 0; i < forms.length; i += 1) { reset(forms[i]); }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
}());
