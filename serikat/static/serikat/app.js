// Small behaviours without inline script (the content security policy forbids it).
document.addEventListener("click", (event) => {
  const target = event.target.closest("[data-confirm]");
  if (target && !window.confirm(target.dataset.confirm)) {
    event.preventDefault();
    event.stopPropagation();
  }
});

// Organisation screens: a search result used as a picker fills in the field it names
// (<button data-fill-target="id_new_parent" data-fill-value="CODE">), e.g. the new parent of a move.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-fill-target]");
  if (!button) return;
  const input = document.getElementById(button.dataset.fillTarget);
  if (input) {
    input.value = button.dataset.fillValue;
    input.focus();
  }
});

// === Member screens: a unit chosen in the picker fills the code field; tell htmx the field changed
// (the member list reloads for the new unit; the register form reloads the unit's workplaces).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-fill-target]");
  if (!button) return;
  const input = document.getElementById(button.dataset.fillTarget);
  if (input && input.closest("#member-filters, .register-form")) {
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }
});
// === end of member screens ===
