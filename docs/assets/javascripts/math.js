// Formulas are drawn into the pages when the site is built (scripts/build.py runs the site's KaTeX
// over every page), so a reader's browser runs no KaTeX. `mkdocs serve` skips that step: there
// this script finds the formulas pymdownx.arithmatex left as TeX (inline \( ... \) in
// <span class="arithmatex">, display \[ ... \] in <div class="arithmatex">), loads the same KaTeX
// and draws them with the same options. "math-rendered" hands a11y.js the new formulas.
const KATEX_SOURCE = new URL("../vendor/katex/katex.min.js", document.currentScript.src).href;
let katexLoaded;
const loadKatex = () => katexLoaded ??= new Promise((resolve, reject) => {
  const script = Object.assign(document.createElement("script"), { src: KATEX_SOURCE, onload: resolve, onerror: reject });
  document.head.append(script);
});

async function renderFormulas(elements) {
  await loadKatex();
  for (const element of elements) {
    const source = element.textContent.trim();
    katex.render(source.slice(2, -2), element, {
      displayMode: source.startsWith("\\["),
      throwOnError: false, // show the source in red rather than break the page
    });
  }
  document.dispatchEvent(new CustomEvent("math-rendered", { detail: elements }));
}

document$.subscribe(({ body }) => {
  const undrawn = [...body.querySelectorAll(".arithmatex")].filter((element) => !element.querySelector(".katex"));
  if (undrawn.length) renderFormulas(undrawn);
});

// A link to a question deep in a long page must land on it. The browser scrolls to the heading
// once, while the sections above it still have their estimated sizes (content-visibility) and
// fonts are still arriving; as they settle, the heading drifts down the screen. Until the reader
// scrolls or presses a key, put it back where the link put it.
function linkedQuestion() {
  const id = decodeURIComponent(location.hash.slice(1));
  return id && document.getElementById(id);
}

function keepTheLinkedQuestionInView() {
  const target = linkedQuestion();
  if (!target) return;
  let readerMoved = false;
  const stop = () => { readerMoved = true; };
  for (const type of ["wheel", "touchstart", "keydown", "pointerdown"]) {
    addEventListener(type, stop, { once: true, passive: true });
  }
  const realign = () => {
    if (readerMoved) return;
    const margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
    if (Math.abs(target.getBoundingClientRect().top - margin) > 2) target.scrollIntoView();
  };
  requestAnimationFrame(realign);
  document.fonts.ready.then(realign);
  for (const delay of [250, 1000, 2500]) setTimeout(realign, delay);
}

document$.subscribe(keepTheLinkedQuestionInView); // each page, instant navigation included
