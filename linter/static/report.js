/* glowlint report: popovers, filters, keyboard navigation, copy buttons.
   Shared by the HTML report and the live editor (which calls GL.refresh()
   after each update). No network, no storage. */
(function () {
  "use strict";
  var GL = (window.GL = {});
  var off = new Set(); // filters switched off: "cat:NAME" or "sev:NAME"
  var pop = null;
  var pinned = null;
  var hideTimer = 0;

  function $all(sel, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(sel));
  }
  function card(n) {
    return document.getElementById("gl-f-" + n);
  }
  function ids(mark) {
    return (mark.getAttribute("data-f") || "").split(" ").filter(Boolean);
  }
  function visibleIds(mark) {
    return ids(mark).filter(function (n) {
      var c = card(n);
      return c && !c.hidden;
    });
  }
  function sevRank(s) {
    return s === "error" ? 3 : s === "warning" ? 2 : 1;
  }

  function ensurePop() {
    if (!pop) {
      pop = document.createElement("div");
      pop.id = "gl-pop";
      pop.setAttribute("role", "dialog");
      pop.setAttribute("aria-label", "Finding details");
      pop.hidden = true;
      pop.addEventListener("mouseenter", function () {
        clearTimeout(hideTimer);
      });
      pop.addEventListener("mouseleave", function () {
        if (!pinned) scheduleHide();
      });
      document.body.appendChild(pop);
    }
    return pop;
  }

  function show(mark, pin) {
    var list = visibleIds(mark);
    if (!list.length) return;
    clearTimeout(hideTimer);
    var p = ensurePop();
    p.textContent = "";
    list.forEach(function (n) {
      var c = card(n).cloneNode(true);
      c.removeAttribute("id");
      c.hidden = false;
      var wrap = document.createElement("div");
      wrap.className = c.className;
      wrap.setAttribute("data-n", n);
      while (c.firstChild) wrap.appendChild(c.firstChild);
      p.appendChild(wrap);
    });
    p.hidden = false;
    var r = mark.getBoundingClientRect();
    var view = document.documentElement;
    p.style.left = "0px";
    p.style.top = "0px";
    var width = p.offsetWidth;
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + view.clientWidth - width - 8));
    p.style.left = left + "px";
    var height = p.offsetHeight; // measured at its final width
    var below = r.bottom + height + 8 <= view.clientHeight || r.top < height + 8;
    p.style.top = (below ? r.bottom + 8 : r.top - height - 8) + window.scrollY + "px";
    $all("mark.gl-current").forEach(function (m) {
      m.classList.remove("gl-current");
    });
    mark.classList.add("gl-current");
    mark.setAttribute("aria-expanded", "true");
    if (pin) pinned = mark;
  }

  function hide() {
    clearTimeout(hideTimer);
    if (pop) pop.hidden = true;
    pinned = null;
    $all("mark.gl-current").forEach(function (m) {
      m.classList.remove("gl-current");
      m.setAttribute("aria-expanded", "false");
    });
  }
  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () {
      if (!pinned) hide();
    }, 250);
  }

  function navigable() {
    return $all("mark.gl-hl[data-first]").filter(function (m) {
      return !m.classList.contains("gl-off");
    });
  }
  function go(dir) {
    var marks = navigable();
    if (!marks.length) return;
    var cur = marks.indexOf(pinned || document.activeElement);
    var next = cur < 0 ? (dir > 0 ? 0 : marks.length - 1) : (cur + dir + marks.length) % marks.length;
    var m = marks[next];
    m.focus();
    m.scrollIntoView({ block: "center" });
    show(m, true);
  }
  GL.next = function () { go(1); };
  GL.prev = function () { go(-1); };

  function applyFilters() {
    $all("input[data-filter]").forEach(function (box) {
      box.checked = !off.has(box.getAttribute("data-filter"));
    });
    var shown = 0;
    var cards = $all(".gl-cards > .gl-card");
    cards.forEach(function (c) {
      var hidden = off.has("cat:" + c.getAttribute("data-cat")) || off.has("sev:" + c.getAttribute("data-sev"));
      c.hidden = hidden;
      if (!hidden) shown++;
    });
    $all("mark.gl-hl").forEach(function (m) {
      var list = visibleIds(m);
      var classes = m.className.split(/\s+/).filter(function (k) {
        return k && !/^(c-|s-|k-)/.test(k) && k !== "gl-off";
      });
      var labels = (m.getAttribute("data-labels") || "").split(" ").filter(Boolean);
      if (!list.length) {
        classes.push("gl-off");
        m.removeAttribute("data-label");
        m.setAttribute("tabindex", "-1");
      } else {
        var best = null;
        list.forEach(function (n) {
          var c = card(n);
          if (!best || sevRank(c.getAttribute("data-sev")) > sevRank(best.getAttribute("data-sev"))) best = c;
        });
        classes.push("c-" + best.getAttribute("data-cat"), "s-" + best.getAttribute("data-sev"));
        if (best.getAttribute("data-kind") === "missing") classes.push("k-missing");
        var text = labels.filter(function (l) {
          var c = card(l.replace(/^[A-Z]/, ""));
          return c && !c.hidden;
        });
        if (text.length) m.setAttribute("data-label", text.join(" "));
        else m.removeAttribute("data-label");
        m.setAttribute("tabindex", m.hasAttribute("data-first") ? "0" : "-1");
      }
      m.className = classes.join(" ");
    });
    $all("[data-showing]").forEach(function (el) {
      el.textContent = "Showing " + shown + " of " + cards.length + " finding" + (cards.length === 1 ? "" : "s");
    });
    if (pinned && !visibleIds(pinned).length) hide();
  }
  GL.refresh = applyFilters;

  function copyText(text, button) {
    function done(ok) {
      var old = button.getAttribute("data-label-text") || button.textContent;
      button.setAttribute("data-label-text", old);
      button.textContent = ok ? "Copied" : "Copy failed";
      setTimeout(function () { button.textContent = old; }, 1500);
    }
    function fallback() {
      var ta = document.createElement("textarea");
      ta.value = text;
      ta.setAttribute("readonly", "");
      ta.className = "gl-sr";
      document.body.appendChild(ta);
      ta.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(ta);
      done(ok);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }

  function markOf(el) {
    return el && el.closest ? el.closest("mark.gl-hl") : null;
  }

  document.addEventListener("change", function (e) {
    var box = e.target;
    if (box && box.matches && box.matches("input[data-filter]")) {
      var key = box.getAttribute("data-filter");
      if (box.checked) off.delete(key); else off.add(key);
      applyFilters();
    }
  });

  document.addEventListener("click", function (e) {
    var t = e.target;
    var btn = t.closest && t.closest("button.gl-copybtn");
    if (btn) {
      var holder = btn.closest(".gl-sugg");
      var txt = holder && holder.querySelector(".gl-sugg-text");
      if (txt) copyText(txt.textContent, btn);
      return;
    }
    var goto = t.closest && t.closest("a[data-goto]");
    if (goto) {
      e.preventDefault();
      var m = document.querySelector('mark.gl-hl[data-first~="' + goto.getAttribute("data-goto") + '"]');
      if (m && !m.classList.contains("gl-off")) {
        m.focus();
        m.scrollIntoView({ block: "center" });
        show(m, true);
      }
      return;
    }
    var all = t.closest && t.closest("[data-filter-all]");
    if (all) {
      var on = all.getAttribute("data-filter-all") === "on";
      $all("input[data-filter]").forEach(function (b) {
        var key = b.getAttribute("data-filter");
        if (on) off.delete(key); else off.add(key);
      });
      applyFilters();
      return;
    }
    var mark = markOf(t);
    if (mark && !mark.classList.contains("gl-off")) {
      if (pinned === mark) hide(); else show(mark, true);
      return;
    }
    if (pop && !pop.contains(t)) hide();
  });

  document.addEventListener("mouseover", function (e) {
    var mark = markOf(e.target);
    if (mark && !pinned && !mark.classList.contains("gl-off")) show(mark, false);
  });
  document.addEventListener("mouseout", function (e) {
    var mark = markOf(e.target);
    if (mark && !pinned) scheduleHide();
  });
  document.addEventListener("focusin", function (e) {
    var mark = markOf(e.target);
    if (mark && !mark.classList.contains("gl-off") && pinned !== mark) show(mark, false);
  });

  document.addEventListener("keydown", function (e) {
    var t = e.target;
    var tag = t && t.tagName;
    if (e.key === "Escape") {
      if (pop && !pop.hidden) {
        var back = pinned || document.querySelector("mark.gl-current");
        hide();
        if (back) back.focus();
      }
      return;
    }
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var mark = markOf(t);
    if (mark && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      if (pinned === mark) hide(); else show(mark, true);
    } else if (e.key === "n" || e.key === "j") {
      e.preventDefault();
      go(1);
    } else if (e.key === "p" || e.key === "k") {
      e.preventDefault();
      go(-1);
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", applyFilters);
  } else {
    applyFilters();
  }
})();
