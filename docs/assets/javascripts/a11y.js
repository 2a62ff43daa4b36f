// Accessibility fixes for markup that Material for MkDocs 9 ships without.
// - The search overlay has role="dialog" but no accessible name.
// - Code blocks, wide tables and wide formulas scroll sideways on narrow
//   screens, so keyboard users must be able to focus them to scroll.
function markScrollableRegions() {
  for (const region of document.querySelectorAll(".md-typeset pre > code, .md-typeset__scrollwrap")) {
    region.tabIndex = 0;
  }
  // A formula is a tab stop only when it is too wide for its box.
  for (const formula of document.querySelectorAll(".md-typeset div.arithmatex")) {
    if (formula.scrollWidth > formula.clientWidth) formula.tabIndex = 0;
    else formula.removeAttribute("tabindex");
  }
}

document$.subscribe(() => {
  const search = document.querySelector(".md-search[role='dialog']");
  if (search && !search.hasAttribute("aria-label")) {
    search.setAttribute("aria-label", "Search the handbook");
  }
  markScrollableRegions();
  document.fonts.ready.then(markScrollableRegions); // widths change once KaTeX's fonts load
});

let resizeTimer;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(markScrollableRegions, 200);
});
