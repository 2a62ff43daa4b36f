// Render the math that pymdownx.arithmatex (generic mode) leaves in the page:
// inline \( ... \) in <span class="arithmatex">, display \[ ... \] in <div class="arithmatex">.
// KaTeX is served from the site itself; document$ re-runs this after instant navigation.
//
// A formula is rendered when the reader is about to see it. Those on the first screen (at the
// top, or at the question a link opened) render at once, as soon as the scripts run; the rest
// when they come within a screen of the window. A long page full of math then costs a phone
// only what it shows. "math-rendered" hands a11y.js the new formulas.
function renderFormula(element) {
  nearTheWindow.unobserve(element);
  const source = element.textContent.trim();
  katex.render(source.slice(2, -2), element, {
    displayMode: source.startsWith("\\["),
    throwOnError: false, // show the source in red rather than break the page
  });
}

function renderFormulas(elements) {
  for (const element of elements) renderFormula(element);
  if (elements.length) document.dispatchEvent(new CustomEvent("math-rendered", { detail: elements }));
}

// Formulas that come near the window render in slices of about 10 ms, each in a task of its own,
// so that a screenful of math never blocks the main thread long enough to delay a tap (a phone
// with a quarter of this CPU's speed still stays under the 50 ms that counts as blocking).
const queue = [];
function renderSoon(elements) {
  if (!elements.length) return;
  if (!queue.length) setTimeout(renderASlice, 0);
  queue.push(...elements);
}
function renderASlice() {
  const start = performance.now();
  const slice = [];
  while (queue.length && performance.now() - start < 10) {
    const element = queue.shift();
    if (element.isConnected && !element.querySelector(".katex")) {
      renderFormula(element);
      slice.push(element);
    }
  }
  if (slice.length) document.dispatchEvent(new CustomEvent("math-rendered", { detail: slice }));
  if (queue.length) setTimeout(renderASlice, 0);
}

const nearTheWindow = new IntersectionObserver(
  (entries) => renderSoon(entries.filter((entry) => entry.isIntersecting).map((entry) => entry.target)),
  { rootMargin: "100% 0px" },
);

// The heading the URL's #fragment names, if any: a link to a question opens the page there.
function linkedQuestion() {
  const id = decodeURIComponent(location.hash.slice(1));
  return id && document.getElementById(id);
}

// The formulas on the first screen (at the top, or at the question a link opened) render at once.
// They are found in document order, which is top to bottom, and the scan stops at the first one
// below the screen: measuring a formula in a part of the page the browser skips
// (content-visibility in extra.css) would make it lay that part out, and measuring them all
// would lay out the whole page. Unrendered TeX is longer than the formula it becomes, so
// rendering can pull later formulas up into view: scan again until none is left on the screen.
function renderTheFirstScreen(formulas) {
  const target = linkedQuestion();
  const first = target
    ? formulas.findIndex((element) => target.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING)
    : 0;
  if (first < 0) return formulas;
  const rendered = new Set();
  for (;;) {
    const bottom = (target ? target.getBoundingClientRect().top : 0) + innerHeight;
    const onScreen = [];
    for (const element of formulas.slice(first)) {
      if (rendered.has(element)) continue;
      if (element.getBoundingClientRect().top >= bottom) break;
      onScreen.push(element);
    }
    if (!onScreen.length) return formulas.filter((element) => !rendered.has(element));
    renderFormulas(onScreen);
    for (const element of onScreen) rendered.add(element);
  }
}

document$.subscribe(({ body }) => {
  nearTheWindow.disconnect();
  queue.length = 0; // formulas of the page instant navigation left
  const formulas = [...body.querySelectorAll(".arithmatex")];
  const drawnEarly = formulas.filter((element) => element.querySelector(".katex")); // math-first-screen.js
  if (drawnEarly.length) document.dispatchEvent(new CustomEvent("math-rendered", { detail: drawnEarly }));
  const later = renderTheFirstScreen(formulas.filter((element) => !drawnEarly.includes(element)));
  for (const element of later) nearTheWindow.observe(element);
});

// A link to a question deep in a long page must land on it. The browser scrolls to the heading
// once, while the sections above it still have their estimated sizes (content-visibility) and
// fonts and formulas are still arriving; as they settle, the heading drifts down the screen.
// Until the reader scrolls or presses a key, put it back where the link put it.
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
