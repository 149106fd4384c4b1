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
  function tooBig() {
    var size = encoder.encode(text.value).length;
    if (size > limit) {
      setStatus("The text is " + Math.ceil(size / 1000) + " KB; the editor takes up to " + Math.floor(limit / 1000) + " KB.", true);
      return true;
    }
    return false;
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
        var n = data.findings.length;
        setStatus(n === 0 ? "No findings." : n + " finding" + (n === 1 ? "" : "s") + ".");
        if (window.GL) window.GL.refresh();
      })
      .catch(function (err) {
        if (err.name === "AbortError" || mine !== seq) return;
        result.setAttribute("aria-busy", "false");
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
