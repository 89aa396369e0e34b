// The rich-text editor of training packages (docs/adr/0022-own-rich-text-editor.md).
//
// Progressive enhancement: every <textarea data-editor="rich"> works without this file (it accepts
// the allowed HTML, cleaned on the server). With it, the textarea is hidden behind a toolbar and an
// editing area; the area's HTML is copied back into the textarea as the author types, so the form
// posts exactly what a plain textarea would. The server's sanitiser (serikat/training/richtext.py)
// decides what is stored; the small cleaner here only keeps pasted Word or web pages tidy.
//
// No inline script or style anywhere (the content security policy forbids both): labels come from
// the data attributes of #rich-editor-labels, looks from editor.css.
(function () {
  "use strict";

  const ALLOWED = {
    P: [], BR: [], H2: [], H3: [], H4: [], UL: [], OL: [], LI: [], STRONG: [], B: [], EM: [], I: [], U: [],
    A: ["href", "title"], TABLE: [], THEAD: [], TBODY: [], TR: [], TH: ["colspan", "rowspan", "scope"],
    TD: ["colspan", "rowspan"], BLOCKQUOTE: [], IMG: ["src", "alt"],
  };
  const DROP_WITH_CONTENT = new Set(["SCRIPT", "STYLE", "IFRAME", "OBJECT", "EMBED", "SVG", "MATH", "TEMPLATE", "NOSCRIPT", "HEAD", "TITLE", "META"]);
  const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

  function labels() {
    const node = document.getElementById("rich-editor-labels");
    return node ? node.dataset : {};
  }

  // Keep the allowed subset of a pasted fragment (the server cleans again; this keeps it readable).
  function tidy(html, imagePrefix) {
    const doc = new DOMParser().parseFromString(html, "text/html");
    const out = document.createDocumentFragment();
    function walk(source, target) {
      for (const node of Array.from(source.childNodes)) {
        if (node.nodeType === Node.TEXT_NODE) {
          target.appendChild(document.createTextNode(node.textContent));
        } else if (node.nodeType === Node.ELEMENT_NODE) {
          const name = node.tagName.toUpperCase();
          if (DROP_WITH_CONTENT.has(name)) continue;
          const keep = ALLOWED[name === "H1" ? "H2" : name];
          if (!keep) { walk(node, target); continue; }
          const copy = document.createElement(name === "H1" ? "H2" : name);
          for (const attribute of keep) {
            const value = node.getAttribute(attribute);
            if (value === null) continue;
            if (attribute === "href" && !SAFE_LINK.test(value.trim())) continue;
            if (attribute === "src" && !(imagePrefix && value.startsWith(imagePrefix))) continue;
            copy.setAttribute(attribute, value);
          }
          if (name === "IMG" && !copy.hasAttribute("src")) continue;
          walk(node, copy);
          target.appendChild(copy);
        }
      }
    }
    walk(doc.body, out);
    const holder = document.createElement("div");
    holder.appendChild(out);
    return holder.innerHTML;
  }

  function escapeAttribute(text) {
    return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }

  function csrfToken(form) {
    const input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function currentCell(area) {
    const selection = window.getSelection();
    if (!selection.rangeCount) return null;
    let node = selection.getRangeAt(0).startContainer;
    if (node.nodeType === Node.TEXT_NODE) node = node.parentNode;
    const cell = node && node.closest ? node.closest("td, th") : null;
    return cell && area.contains(cell) ? cell : null;
  }

  function enhance(textarea) {
    const text = labels();
    const form = textarea.form;
    const uploadUrl = textarea.dataset.uploadUrl || "";
    const imagePrefix = uploadUrl; // images live under the package's own image address
    const wrapper = document.createElement("div");
    wrapper.className = "rich-editor";
    const toolbar = document.createElement("div");
    toolbar.className = "rich-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", text.toolbar || "Formatting");
    const area = document.createElement("div");
    area.className = "rich-area rich-content";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    const label = document.querySelector(`label[for="${textarea.id}"]`);
    if (label) {
      if (!label.id) label.id = `${textarea.id}_label`;
      area.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", () => area.focus());
    }
    // An empty area starts with a paragraph, so the first words typed are a <p>, not bare text.
    area.innerHTML = textarea.value.trim() || "<p><br></p>";
    let saved = null;

    function sync() {
      const html = area.innerHTML;
      textarea.value = html === "<br>" || html === "<p><br></p>" ? "" : html;
    }
    function remember() {
      const selection = window.getSelection();
      if (selection.rangeCount && area.contains(selection.getRangeAt(0).commonAncestorContainer)) {
        saved = selection.getRangeAt(0).cloneRange();
      }
    }
    function restore() {
      area.focus();
      if (saved) {
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(saved);
      }
    }
    function run(command, value) {
      restore();
      document.execCommand(command, false, value === undefined ? null : value);
      sync();
      remember();
    }
    function insert(html) { run("insertHTML", html); }

    function insertTable() {
      restore();
      const table = document.createElement("table");
      const head = table.createTHead().insertRow();
      const body = table.createTBody().insertRow();
      for (let i = 0; i < 2; i++) {
        head.appendChild(document.createElement("th")).appendChild(document.createElement("br"));
        body.appendChild(document.createElement("td")).appendChild(document.createElement("br"));
      }
      const after = document.createElement("p");
      after.appendChild(document.createElement("br"));
      const selection = window.getSelection();
      let block = selection.rangeCount ? selection.getRangeAt(0).startContainer : null;
      while (block && block.parentNode !== area) block = block.parentNode;
      if (block) block.after(table, after); else area.append(table, after);
      // The cursor goes into the first cell, ready for typing and for the row and column buttons.
      const range = document.createRange();
      range.setStart(head.cells[0], 0);
      range.collapse(true);
      selection.removeAllRanges();
      selection.addRange(range);
      sync();
      remember();
      showTableButtons();
    }

    function tableAction(action) {
      restore();
      const cell = currentCell(area);
      if (!cell) { window.alert(text.inTable || "Put the cursor in a table cell first."); return; }
      const row = cell.parentElement;
      const table = cell.closest("table");
      const index = Array.from(row.children).indexOf(cell);
      if (action === "row") {
        const copy = document.createElement("tr");
        for (let i = 0; i < row.children.length; i++) copy.appendChild(document.createElement("td")).appendChild(document.createElement("br"));
        if (row.parentElement.tagName === "THEAD") {
          // Below the heading row means the first row of the body.
          const body = table.tBodies[0] || table.createTBody();
          body.prepend(copy);
        } else row.after(copy);
      } else if (action === "column") {
        for (const each of table.querySelectorAll("tr")) {
          const next = document.createElement(each.parentElement.tagName === "THEAD" ? "th" : "td");
          next.appendChild(document.createElement("br"));
          const at = each.children[index];
          if (at) at.after(next); else each.appendChild(next);
        }
      } else if (action === "delete-row") {
        if (table.querySelectorAll("tr").length > 1) row.remove(); else table.remove();
      } else if (action === "delete-column") {
        if (row.children.length > 1) {
          for (const each of table.querySelectorAll("tr")) if (each.children[index]) each.children[index].remove();
        } else table.remove();
      }
      sync();
      showTableButtons();
    }

    function upload(file) {
      const description = window.prompt(text.imageAlt || "Describe the image for readers who cannot see it:", "") || "";
      const data = new FormData();
      data.append("file", file);
      data.append("alt_text", description);
      wrapper.classList.add("rich-busy");
      fetch(uploadUrl, { method: "POST", body: data, headers: { "X-CSRFToken": csrfToken(form) }, credentials: "same-origin" })
        .then((response) => response.json().then((body) => ({ ok: response.ok, body })))
        .then(({ ok, body }) => {
          if (!ok) { window.alert(body.error || text.uploadFailed || "The image was not uploaded."); return; }
          insert(`<img src="${escapeAttribute(body.url)}" alt="${escapeAttribute(body.alt || description)}">`);
        })
        .catch(() => window.alert(text.uploadFailed || "The image was not uploaded."))
        .finally(() => wrapper.classList.remove("rich-busy"));
    }

    const buttons = [
      ["B", text.bold || "Bold", () => run("bold"), "rich-bold"],
      ["I", text.italic || "Italic", () => run("italic"), "rich-italic"],
      ["U", text.underline || "Underline", () => run("underline"), "rich-underline"],
      ["H2", text.heading || "Heading", () => run("formatBlock", "<h2>")],
      ["H3", text.subheading || "Subheading", () => run("formatBlock", "<h3>")],
      ["¶", text.paragraph || "Paragraph", () => run("formatBlock", "<p>")],
      ["•", text.bullets || "Bulleted list", () => run("insertUnorderedList")],
      ["1.", text.numbers || "Numbered list", () => run("insertOrderedList")],
      ["❝", text.quote || "Quote", () => run("formatBlock", "<blockquote>")],
      ["↗", text.link || "Link", () => {
        remember();
        let address = (window.prompt(text.linkPrompt || "Address (https://… or mailto:…):", "https://") || "").trim();
        if (!address || address === "https://") return;
        if (!SAFE_LINK.test(address)) address = `https://${address}`;
        run("createLink", address);
      }],
      ["⊘", text.unlink || "Remove link", () => run("unlink")],
      ["▦", text.table || "Insert a table", insertTable],
      ["+≡", text.addRow || "Add a row below", () => tableAction("row"), "rich-table-only"],
      ["+‖", text.addColumn || "Add a column to the right", () => tableAction("column"), "rich-table-only"],
      ["−≡", text.deleteRow || "Delete this row", () => tableAction("delete-row"), "rich-table-only"],
      ["−‖", text.deleteColumn || "Delete this column", () => tableAction("delete-column"), "rich-table-only"],
    ];
    if (uploadUrl) {
      const picker = document.createElement("input");
      picker.type = "file";
      picker.accept = "image/png,image/jpeg,image/webp";
      picker.hidden = true;
      picker.addEventListener("change", () => { if (picker.files[0]) upload(picker.files[0]); picker.value = ""; });
      wrapper.appendChild(picker);
      buttons.push(["▣", text.image || "Insert an image", () => { remember(); picker.click(); }]);
    }
    buttons.push(["</>", text.source || "Show the HTML", () => {
      const showing = !textarea.hidden;
      if (showing) { area.innerHTML = tidy(textarea.value, imagePrefix); sync(); }
      textarea.hidden = showing;
      area.hidden = !showing;
    }]);
    for (const [glyph, title, action, extra] of buttons) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = `rich-button ${extra || ""}`.trim();
      button.textContent = glyph;
      button.title = title;
      button.setAttribute("aria-label", title);
      // Keep the selection in the editing area when a button is pressed with a mouse.
      button.addEventListener("mousedown", (event) => event.preventDefault());
      button.addEventListener("click", action);
      if (button.classList.contains("rich-table-only")) button.hidden = true;
      toolbar.appendChild(button);
    }

    // The row and column buttons show only while the cursor is in a table (a shorter toolbar on phones).
    function showTableButtons() {
      const inTable = Boolean(currentCell(area));
      for (const button of toolbar.querySelectorAll(".rich-table-only")) button.hidden = !inTable;
    }
    document.addEventListener("selectionchange", () => {
      if (area.contains(document.activeElement) || document.activeElement === area) showTableButtons();
    });

    area.addEventListener("input", sync);
    area.addEventListener("keyup", remember);
    area.addEventListener("mouseup", remember);
    area.addEventListener("blur", remember);
    area.addEventListener("paste", (event) => {
      const data = event.clipboardData;
      if (!data) return;
      event.preventDefault();
      const html = data.getData("text/html");
      if (html) insert(tidy(html, imagePrefix));
      else run("insertText", data.getData("text/plain"));
    });
    textarea.addEventListener("input", () => { area.innerHTML = textarea.value; });
    if (form) form.addEventListener("submit", () => { if (textarea.hidden) sync(); });

    textarea.hidden = true;
    textarea.before(wrapper);
    wrapper.appendChild(toolbar);
    wrapper.appendChild(area);
    wrapper.appendChild(textarea);
  }

  function start() {
    try {
      document.execCommand("defaultParagraphSeparator", false, "p");
      document.execCommand("styleWithCSS", false, false);
    } catch (error) { /* older engines: the defaults are fine */ }
    document.querySelectorAll('textarea[data-editor="rich"]').forEach(enhance);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
