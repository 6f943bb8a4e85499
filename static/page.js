/* skincheck: small helps for every page; each page works without them.
   - Focus: after a refused post the first [data-focus-on-load] element (the error
     message) takes the focus, so a screen reader reads it and the keyboard starts there.
   - Character count: a textarea with data-count="<id>" shows in that element how many
     of its maxlength characters are used.
   - Example: the button #try-example (hidden without script) fills the paste box with
     its data-example list.
   - Details: folded sections open for printing (beforeprint) and close again after,
     and a link to an id inside a folded section opens it.
   Loaded as a file because the CSP allows no inline script. */
(function () {
  "use strict";

  function each(selector, fn) {
    var found = document.querySelectorAll(selector);
    for (var i = 0; i < found.length; i += 1) { fn(found[i]); }
  }

  function focusError() {
    var target = document.querySelector("[data-focus-on-load]");
    if (target) { target.focus(); }
  }

  function counter(box) {
    var out = document.getElementById(box.getAttribute("data-count"));
    if (!out) { return; }
    var max = parseInt(box.getAttribute("maxlength") || out.getAttribute("data-max"), 10);
    function update() {
      var used = box.value.length;
      var text = used.toLocaleString("en") + " of " + max.toLocaleString("en") + " characters";
      if (used >= max) { text += ": the box is full, so the end of a longer paste was cut off. Paste only the ingredient list."; }
      out.textContent = text;
      out.classList.toggle("full", used >= max);
    }
    box.addEventListener("input", update);
    update();
  }

  function example(button) {
    var box = document.getElementById("text");
    if (!box) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      box.value = button.getAttribute("data-example");
      box.dispatchEvent(new Event("input"));
      box.focus();
    });
  }

  var openedForPrint = [];
  function openForPrint() {
    openedForPrint = [];
    each("details:not([open])", function (d) { d.open = true; openedForPrint.push(d); });
  }
  function closeAfterPrint() {
    for (var i = 0; i < openedForPrint.length; i += 1) { openedForPrint[i].open = false; }
    openedForPrint = [];
  }

  function openTarget() {
    if (!location.hash || location.hash.length < 2) { return; }
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var node = target;
    while (node) {
      if (node.tagName === "DETAILS") { node.open = true; }
      node = node.parentElement;
    }
    if (target) { target.scrollIntoView(); }
  }

  function wire() {
    focusError();
    each("textarea[data-count]", counter);
    each("#try-example", example);
    openTarget();
  }

  window.addEventListener("beforeprint", openForPrint);
  window.addEventListener("afterprint", closeAfterPrint);
  window.addEventListener("hashchange", openTarget);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
}());
