// Idéspor's only script, and an enhancement: every page works without it.
// A form that comes back with errors: the summary of them (a list of links to the fields) gets
// the focus, so a keyboard or screen reader user starts there (it is also announced, role=alert).
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
})();
// While an idea is being written, similar existing ideas are suggested, so that duplicates are
// found before they are made.
(function () {
  "use strict";
  var box = document.getElementById("similar");
  var title = document.getElementById("title");
  var need = document.getElementById("need");
  if (!box || !title || !need) { return; }
  var timer = null;
  var last = "";
  function look() {
    var text = (title.value + " " + need.value).trim();
    if (text.length < 4 || text === last) { return; }
    last = text;
    var url = "/ideas/similar?q=" + encodeURIComponent(text.slice(0, 500));
    var exclude = box.getAttribute("data-exclude");
    if (exclude) { url += "&exclude=" + encodeURIComponent(exclude); }
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) { box.innerHTML = html; })
      .catch(function () { /* suggestions are a help, not a requirement */ });
  }
  function soon() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(look, 400);
  }
  title.addEventListener("input", soon);
  need.addEventListener("input", soon);
})();
