// Render the math that pymdownx.arithmatex (generic mode) leaves in the page:
// inline \( ... \) in <span class="arithmatex">, display \[ ... \] in <div class="arithmatex">.
// KaTeX is served from the site itself; document$ re-runs this after instant navigation.
//
// The formulas on the first screen (at the top, or at the question a link opened) render at
// once, before the first paint, so that nothing on screen moves. The rest follow in slices of
// about 20 ms, so that a page full of math never blocks a slow phone for long. "math-rendered"
// tells a11y.js when every width is final.
function renderFormula(element) {
  const source = element.textContent.trim();
  katex.render(source.slice(2, -2), element, {
    displayMode: source.startsWith("\\["),
    throwOnError: false, // show the source in red rather than break the page
  });
}

function seenFirst(formulas) {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && document.getElementById(id);
  const start = target ? target.getBoundingClientRect().top : 0; // relative to the current scroll
  const top = (element) => element.getBoundingClientRect().top;
  return (element) => top(element) > start - innerHeight / 2 && top(element) < start + innerHeight;
}

document$.subscribe(({ body }) => {
  const formulas = [...body.querySelectorAll(".arithmatex")];
  const near = seenFirst(formulas);
  const first = formulas.filter(near); // measured before any formula changes the layout
  const later = formulas.filter((element) => !first.includes(element));
  first.forEach(renderFormula);
  const renderSlice = () => {
    const start = performance.now();
    while (later.length && performance.now() - start < 20) renderFormula(later.shift());
    if (later.length) setTimeout(renderSlice, 0);
    else document.dispatchEvent(new Event("math-rendered"));
  };
  renderSlice();
});
