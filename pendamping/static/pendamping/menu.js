// Disclosures on phones: the header's menu (the main navigation and the session links)
// and a list's filter form (.filter-toggle), each a button with aria-expanded. Without
// this script they simply stay open; on wide screens the CSS shows them and hides the
// buttons.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  function toggle(button, open) {
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (menu) menu.classList.toggle("open", open);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".menu-toggle, .filter-toggle");
    if (button) toggle(button, button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var button = document.querySelector('.menu-toggle[aria-expanded="true"]');
    if (button) {
      toggle(button, false);
      button.focus();
    }
  });
})();
