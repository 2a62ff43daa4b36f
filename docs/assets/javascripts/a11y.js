// Accessibility fixes for markup that Material for MkDocs 9 ships without.
// - The search overlay has role="dialog" but no accessible name.
// - Code blocks and wide tables scroll sideways on narrow screens, so keyboard
//   users must be able to focus them to scroll.
document$.subscribe(() => {
  const search = document.querySelector(".md-search[role='dialog']");
  if (search && !search.hasAttribute("aria-label")) {
    search.setAttribute("aria-label", "Search the handbook");
  }
  for (const region of document.querySelectorAll(".md-typeset pre > code, .md-typeset__scrollwrap")) {
    region.tabIndex = 0;
  }
});
