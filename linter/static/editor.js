/* glowlint live editor: lint as the user types (debounced), show the same
   highlights as the report, download the report. Talks only to this server. */
(function () {
  "use strict";
  var form = document.getElementById("gl-form");
  var text = document.getElementById("gl-text");
  var profile = document.getElementById("gl-profile");
  var format = document.getElementById("gl-format");
  var status = document.getElementById("gl-status");
  var result = document.getElementById("gl-result");
  var filters = document.getElementById("gl-filters");
  var download = document.getElementById("gl-download");
  var limit = parseInt(form.getAttribute("data-max-bytes"), 10);
  var encoder = new TextEncoder();
  var timer = 0;
  var seq = 0;
  var controller = null;

  function payload() {
    return JSON.stringify({ text: text.value, profile: profile.value, format: format.value });
  }
  function setStatus(msg, isError) {
    status.textContent = msg;
    status.classList.toggle("gl-error", !!isError);
  }
  function clearResults() {
    // Findings of an earlier text must never stand beside an error about this one.
    ++seq;
    if (controller) controller.abort();
    filters.innerHTML = "";
    result.innerHTML = "";
    result.removeAttribute("data-seq");
    result.setAttribute("aria-busy", "false");
  }
  function tooBig() {
    var size = encoder.encode(text.value).length;
    if (size > limit) {
      clearResults();
      setStatus("The text is " + Math.ceil(size / 1000) + " KB; the editor takes up to " + Math.floor(limit / 1000) + " KB.", true);
      return true;
    }
    return false;
  }
  function addFixButtons(fixes) {
    fixes.forEach(function (fix) {
      var card = document.getElementById("gl-f-" + fix.n);
      if (!card) return;
      var head = card.querySelector(".gl-head") || card;
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "gl-fixbtn";
      btn.textContent = "Apply fix";
      btn.setAttribute("aria-label", "Apply fix: replace \u201c" + fix.was + "\u201d with \u201c" + fix.replacement + "\u201d");
      btn.addEventListener("click", function (e) {
        e.stopPropagation();
        var value = text.value;
        if (value.slice(fix.start, fix.end) !== fix.was) return; // the text changed meanwhile
        text.value = value.slice(0, fix.start) + fix.replacement + value.slice(fix.end);
        text.focus();
        text.setSelectionRange(fix.start, fix.start + fix.replacement.length);
        lint();
      });
      head.appendChild(btn);
    });
  }

  function lint() {
    clearTimeout(timer);
    if (tooBig()) return;
    var mine = ++seq;
    if (controller) controller.abort();
    controller = new AbortController();
    result.setAttribute("aria-busy", "true");
    setStatus("Checking…");
    fetch("api/lint", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: payload(),
      signal: controller.signal,
    })
      .then(function (r) {
        return r.json().then(function (data) {
          if (!r.ok) throw new Error(data.error || "HTTP " + r.status);
          return data;
        });
      })
      .then(function (data) {
        if (mine !== seq) return;
        filters.innerHTML = data.filters;
        result.innerHTML = data.html;
        result.setAttribute("data-seq", String(mine));
        result.setAttribute("aria-busy", "false");
        addFixButtons(data.fixes || []);
        var n = data.findings.length;
        setStatus(n === 0 ? "No findings." : n + " finding" + (n === 1 ? "" : "s") + ".");
        if (window.GL) window.GL.refresh();
      })
      .catch(function (err) {
        if (err.name === "AbortError" || mine !== seq) return;
        clearResults();
        setStatus("Could not check the text: " + err.message, true);
      });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(lint, 300);
  }

  text.addEventListener("input", schedule);
  profile.addEventListener("change", lint);
  format.addEventListener("change", lint);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    lint();
  });

  download.addEventListener("click", function () {
    if (tooBig()) return;
    fetch("api/report", { method: "POST", headers: { "Content-Type": "application/json" }, body: payload() })
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.blob();
      })
      .then(function (blob) {
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = "glowlint-report.html";
        document.body.appendChild(a);
        a.click();
        document.body.removeChild(a);
        setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
      })
      .catch(function (err) {
        setStatus("Could not make the report: " + err.message, true);
      });
  });

  lint();
})();
