// vnarchive: small progressive enhancements; every page works without this file.
"use strict";

// "/" moves focus to the search box, as on many archive and library sites.
document.addEventListener("keydown", function (event) {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
  var target = event.target;
  if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) return;
  var box = document.getElementById("q") || document.getElementById("inside");
  if (box) {
    event.preventDefault();
    box.focus();
    box.select();
  }
});
