// Accessibility fixes for markup that Material for MkDocs 9 ships without.
// - The search overlay has role="dialog" but no accessible name.
// - Code blocks, wide tables and wide formulas scroll sideways on narrow
//   screens, so keyboard users must be able to focus them to scroll.
function markScrollableRegions() {
  for (const region of document.querySelectorAll(".md-typeset pre > code, .md-typeset__scrollwrap")) {
    region.tabIndex = 0;
  }
}

// A display formula is a tab stop only when it is too wide for its box. Measuring makes the
// browser lay the formula out, so this waits until every formula is rendered and its fonts have
// loaded, then measures in slices of about 10 ms. data-formulas-checked says it is done.
function markWideFormulas() {
  const pending = [...document.querySelectorAll(".md-typeset div.arithmatex")];
  delete document.body.dataset.formulasChecked;
  const measureSlice = () => {
    const start = performance.now();
    while (pending.length && performance.now() - start < 10) {
      const formula = pending.shift();
      if (formula.scrollWidth > formula.clientWidth) formula.tabIndex = 0;
      else formula.removeAttribute("tabindex");
    }
    if (pending.length) setTimeout(measureSlice, 0);
    else document.body.dataset.formulasChecked = "true";
  };
  measureSlice();
}

document$.subscribe(() => {
  const search = document.querySelector(".md-search[role='dialog']");
  if (search && !search.hasAttribute("aria-label")) {
    search.setAttribute("aria-label", "Search the handbook");
  }
  markScrollableRegions();
});

// In a task of its own: asking for document.fonts.ready makes the browser compute every style.
document.addEventListener("math-rendered", () => setTimeout(() => document.fonts.ready.then(markWideFormulas), 0));

// Widths change again when the window does, and when a font arrives: KaTeX's rarer fonts load
// only once a formula that needs them is first drawn, which a long page does as the reader
// scrolls (content-visibility in extra.css).
let recheck;
const markWideFormulasSoon = () => {
  clearTimeout(recheck);
  recheck = setTimeout(markWideFormulas, 200);
};
window.addEventListener("resize", markWideFormulasSoon);
document.fonts.addEventListener("loadingdone", markWideFormulasSoon);
