// The header's menu on phones: a disclosure button (aria-expanded) for the main
// navigation and the session links. Without this script the menu simply stays open;
// on wide screens the CSS shows it as a row and hides the button.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  function toggle(button, open) {
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (menu) menu.classList.toggle("open", open);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".menu-toggle");
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
