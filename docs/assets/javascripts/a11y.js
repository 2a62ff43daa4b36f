// Accessibility fixes for markup that Material for MkDocs 9 ships without.
// - The search overlay has role="dialog" but no accessible name.
// - Code blocks, wide tables and wide formulas scroll sideways on narrow
//   screens, so keyboard users must be able to focus them to scroll.
function markScrollableRegions() {
  for (const region of document.querySelectorAll(".md-typeset pre > code, .md-typeset__scrollwrap")) {
    region.tabIndex = 0;
  }
}

// A display formula is a tab stop only when it is too wide for its box. A formula is measured
// once it is drawn (when the site is built, or by math.js under `mkdocs serve`) and its fonts
// have loaded, in a task of its own (asking for widths makes the browser lay it out); again when
// the window's size changes or a font arrives (KaTeX's rarer fonts load only when a formula that
// needs them is first drawn); and when the browser first draws a part of the page it had skipped
// (content-visibility in extra.css). A skipped formula has no width yet, so it waits for that.
// data-formulas-checked tells the tests when every formula on the page has been drawn and measured.
const skipped = (formula) =>
  formula.firstElementChild?.checkVisibility && !formula.firstElementChild.checkVisibility({ contentVisibilityAuto: true });

function measureFormulas(formulas) {
  for (const formula of formulas) {
    if (skipped(formula)) continue;
    if (formula.scrollWidth > formula.clientWidth) formula.tabIndex = 0;
    else formula.removeAttribute("tabindex");
  }
  const waiting = [...document.querySelectorAll(".md-typeset .arithmatex")].some((el) => !el.querySelector(".katex"));
  if (waiting) delete document.body.dataset.formulasChecked;
  else document.body.dataset.formulasChecked = "true";
}

const displayFormulas = (root) => [...root.querySelectorAll(".md-typeset div.arithmatex")];
const measureSoon = (formulas) => setTimeout(() => document.fonts.ready.then(() => measureFormulas(formulas)), 0);

document$.subscribe(() => {
  const search = document.querySelector(".md-search[role='dialog']");
  if (search && !search.hasAttribute("aria-label")) {
    search.setAttribute("aria-label", "Search the handbook");
  }
  markScrollableRegions();
  delete document.body.dataset.formulasChecked;
  measureSoon(displayFormulas(document.body)); // those drawn when the site was built
});

document.addEventListener("math-rendered", (event) =>
  measureSoon(event.detail.filter((formula) => formula.matches("div.arithmatex"))));
document.addEventListener("contentvisibilityautostatechange", (event) => {
  if (!event.skipped) measureSoon([event.target, ...displayFormulas(event.target)].filter((el) => el.matches("div.arithmatex")));
}, true); // the event does not bubble

let recheck;
const measureAllSoon = () => {
  clearTimeout(recheck);
  recheck = setTimeout(() => measureFormulas(displayFormulas(document)), 200);
};
window.addEventListener("resize", measureAllSoon);
document.fonts.addEventListener("loadingdone", measureAllSoon);
