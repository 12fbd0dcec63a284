/* The article's marks from the keyboard (WCAG 1.4.13 and 2.1.1). A static file, inlined
   as it is: it reads only the page's own elements and carries no data.
   - A mark's details show on hover and on focus (the stylesheet) and stay while hovered.
   - Escape hides them (class "dismissed") until the pointer or the focus leaves the mark.
   - The links in a mark's details are out of the tab order until the mark is opened with
     Enter or Space; Tab then reaches them, and leaving the mark closes it again.
   - Details that open on focus, Enter or Space are scrolled into view.
   Without this script the details still open on hover and focus, their links in the tab
   order. */
(function () {
  "use strict";
  var marks = document.querySelectorAll(".seed .mark");

  function links(mark) {
    return mark.querySelectorAll(".details a[href]");
  }

  function setReachable(mark, reachable) {
    links(mark).forEach(function (link) {
      if (reachable) {
        link.removeAttribute("tabindex");
      } else {
        link.setAttribute("tabindex", "-1");
      }
    });
  }

  function reveal(mark) {
    var details = mark.querySelector(".details");
    if (details && details.getClientRects().length) {
      details.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  }

  function close(mark) {
    mark.classList.remove("open");
    setReachable(mark, false);
  }

  function dismiss(mark) {
    var hadFocus = mark.contains(document.activeElement) && document.activeElement !== mark;
    close(mark);
    mark.classList.add("dismissed");
    if (hadFocus) {
      mark.focus({ preventScroll: true });
    }
  }

  marks.forEach(function (mark) {
    setReachable(mark, false);
    mark.addEventListener("focus", function (event) {
      if (!mark.contains(event.relatedTarget)) {
        mark.classList.remove("dismissed");
        reveal(mark);
      }
    });
    mark.addEventListener("keydown", function (event) {
      if (event.target !== mark) {
        return;
      }
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        mark.classList.remove("dismissed");
        mark.classList.add("open");
        setReachable(mark, true);
        reveal(mark);
      }
    });
    mark.addEventListener("focusout", function (event) {
      if (!mark.contains(event.relatedTarget)) {
        close(mark);
        if (!mark.matches(":hover")) {
          mark.classList.remove("dismissed");
        }
      }
    });
    mark.addEventListener("mouseleave", function () {
      if (!mark.contains(document.activeElement)) {
        mark.classList.remove("dismissed");
      }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") {
      return;
    }
    var shown = document.querySelectorAll(".seed .mark:hover, .seed .mark:focus-within");
    shown.forEach(dismiss);
  });
})();
