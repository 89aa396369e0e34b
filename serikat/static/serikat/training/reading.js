// The reading version of an edition is frozen HTML. For readers who may send feedback, put a link
// to the feedback form, with the section chosen, at the end of every module and session.
(function () {
  "use strict";
  const holder = document.getElementById("reading-feedback");
  if (!holder) return;
  const base = holder.dataset.url;
  const label = holder.dataset.label;
  document.querySelectorAll("section.reading-module, section.reading-session").forEach(function (section) {
    const match = /^section-(\d+)(?:-(\d+))?$/.exec(section.id || "");
    if (!match) return;
    const query = new URLSearchParams({ module: match[1] });
    if (match[2]) query.set("session", match[2]);
    const link = document.createElement("a");
    link.href = base + "?" + query.toString();
    link.textContent = label;
    link.className = "reading-feedback-link";
    const paragraph = document.createElement("p");
    paragraph.appendChild(link);
    // A module's link goes before its first session, so it stays with the module's own text.
    const firstSession = section.classList.contains("reading-module")
      ? section.querySelector(":scope > section.reading-session")
      : null;
    section.insertBefore(paragraph, firstSession);
  });
})();
