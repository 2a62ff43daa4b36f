// Loaded from the head of a page with math, right after KaTeX, both before the page is parsed:
// the formulas of the first screen are rendered as the parser reaches them, before the browser
// first paints them, so nothing on that screen changes size or moves once it is shown. The
// observer stops at the first formula below the screen, and at DOMContentLoaded; math.js renders
// the rest as the reader scrolls, and leaves alone what this script drew.
(() => {
  const observer = new MutationObserver((records) => {
    const added = records.flatMap((record) => [...record.addedNodes]).filter((node) => node.nodeType === Node.ELEMENT_NODE);
    const formulas = added.flatMap((node) => node.matches(".arithmatex") ? [node] : [...node.querySelectorAll(".arithmatex")]);
    // Measured all at once, before any is drawn: one layout a batch, not one a formula. A formula
    // that drawing those above it pushes below the screen was drawn early for nothing, no worse.
    const tops = formulas.map((formula) => formula.getBoundingClientRect().top);
    for (const [i, formula] of formulas.entries()) {
      if (tops[i] >= innerHeight) return observer.disconnect();
      const source = formula.textContent.trim();
      if (!/\\[)\]]$/.test(source)) continue; // its text not parsed yet: math.js will draw it
      katex.render(source.slice(2, -2), formula, { displayMode: source.startsWith("\\["), throwOnError: false });
    }
  });
  if (!location.hash) { // a link to a question opens lower down: math.js renders that screen
    observer.observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener("DOMContentLoaded", () => observer.disconnect(), { once: true });
  }
})();
