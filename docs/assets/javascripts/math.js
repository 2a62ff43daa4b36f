// Render the math that pymdownx.arithmatex (generic mode) leaves in the page:
// inline \( ... \) in <span class="arithmatex">, display \[ ... \] in <div class="arithmatex">.
// KaTeX is served from the site itself; document$ re-runs this after instant navigation.
document$.subscribe(({ body }) => {
  for (const element of body.querySelectorAll(".arithmatex")) {
    const source = element.textContent.trim();
    const display = source.startsWith("\\[");
    katex.render(source.slice(2, -2), element, {
      displayMode: display,
      throwOnError: false, // show the source in red rather than break the page
    });
  }
});
