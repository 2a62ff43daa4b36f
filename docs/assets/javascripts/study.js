// Study features: practice mode, "I know this" progress, problem reports and the
// question-index filter. No server and no account: state lives in localStorage.
// Everything runs again after each instant navigation, through document$.

const PRACTICE_KEY = "handbook:practice";
const KNOWN_KEY = "handbook:known";

const storage = {
  get(key, fallback) {
    try {
      return JSON.parse(localStorage.getItem(key)) ?? fallback;
    } catch {
      return fallback;
    }
  },
  set(key, value) {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Storage can be off (private mode); the features then last for the page only.
    }
  },
};

const known = () => new Set(storage.get(KNOWN_KEY, []));

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

// "N of M reviewed" for every progress line on the page.
function renderProgress() {
  const done = known();
  for (const line of document.querySelectorAll("[data-progress-ids]")) {
    const ids = line.dataset.progressIds.split(" ").filter(Boolean);
    const reviewed = ids.filter((id) => done.has(id)).length;
    line.querySelector(".study-progress__count").textContent = `${reviewed} of ${ids.length} reviewed`;
  }
}

// A progress line with its reset button, for a set of question ids.
function progressLine(ids, label) {
  const line = element("p", { class: "study-progress", "data-progress-ids": ids.join(" ") });
  line.append(element("span", { class: "study-progress__count", "aria-live": "polite" }));
  const reset = element("button", { type: "button", class: "md-button study-progress__reset" }, "Reset progress");
  reset.setAttribute("aria-label", `Reset progress for ${label}`);
  reset.addEventListener("click", () => {
    const done = known();
    for (const id of ids) done.delete(id);
    storage.set(KNOWN_KEY, [...done]);
    for (const button of document.querySelectorAll(".qa-known")) {
      button.setAttribute("aria-pressed", String(done.has(button.dataset.question)));
    }
    renderProgress();
  });
  line.append(" ", reset);
  return line;
}

function setPractice(on) {
  document.body.classList.toggle("practice-mode", on);
  for (const toggle of document.querySelectorAll(".practice-toggle")) toggle.setAttribute("aria-pressed", String(on));
  for (const answer of document.querySelectorAll(".qa-answer")) reveal(answer, false);
}

function reveal(answer, shown) {
  answer.classList.toggle("qa-answer--revealed", shown);
  const button = document.querySelector(`[aria-controls="${answer.id}"]`);
  if (button) {
    button.setAttribute("aria-expanded", String(shown));
    button.textContent = shown ? "Hide answer" : "Show answer";
  }
}

// Opening a question's permalink (from search, say) in practice mode shows its answer.
function revealTarget() {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (!target) return;
  const answer = target.classList.contains("qa-heading")
    ? document.getElementById(`answer-${id}`)
    : target.closest(".qa-answer");
  if (answer) {
    reveal(answer, true);
    target.scrollIntoView();
  }
}

function reportLink(heading, badge) {
  const permalink = `${location.origin}${location.pathname}#${heading.id}`;
  const title = `Problem with #${heading.id}`;
  const body = [
    `Question: ${heading.textContent.replace("¶", "").trim()}`,
    `Id: ${heading.id}`,
    `Permalink: ${permalink}`,
    `Site version: ${badge.dataset.version}`,
    "",
    "What is wrong, and what should it say?",
    "",
  ].join("\n");
  const url = `${badge.dataset.repo}/issues/new?title=${encodeURIComponent(title)}&body=${encodeURIComponent(body)}`;
  return element("a", { class: "qa-report", href: url, target: "_blank", rel: "noopener" }, "Report a problem");
}

// Turn a chapter into questions with answers that practice mode can hide.
function setUpChapter(article, badge) {
  const headings = [...article.querySelectorAll(":scope > h2[id]")];
  const done = known();
  for (const heading of headings) {
    heading.classList.add("qa-heading");
    const answer = element("div", { class: "qa-answer", id: `answer-${heading.id}` });
    for (let next = heading.nextElementSibling; next && next.tagName !== "H2"; next = heading.nextElementSibling) {
      answer.append(next);
    }
    const controls = element("div", { class: "qa-controls" });
    const show = element("button", { type: "button", class: "md-button qa-show", "aria-expanded": "false",
                                      "aria-controls": answer.id }, "Show answer");
    show.addEventListener("click", () => reveal(answer, !answer.classList.contains("qa-answer--revealed")));
    const knownButton = element("button", { type: "button", class: "md-button qa-known", "data-question": heading.id,
                                            "aria-pressed": String(done.has(heading.id)) }, "I know this");
    knownButton.addEventListener("click", () => {
      const now = known();
      const on = !now.has(heading.id);
      if (on) now.add(heading.id);
      else now.delete(heading.id);
      storage.set(KNOWN_KEY, [...now]);
      knownButton.setAttribute("aria-pressed", String(on));
      renderProgress();
    });
    controls.append(show, knownButton, reportLink(heading, badge));
    heading.after(controls);
    controls.after(answer);
  }

  const bar = element("div", { class: "study-bar" });
  const toggle = element("button", { type: "button", class: "md-button practice-toggle", "aria-pressed": "false" },
                         "Practice mode");
  toggle.title = "Hide the answers and test yourself";
  toggle.addEventListener("click", () => {
    const on = !document.body.classList.contains("practice-mode");
    storage.set(PRACTICE_KEY, on);
    setPractice(on);
  });
  bar.append(toggle, progressLine(headings.map((h) => h.id), "this chapter"));
  badge.after(bar);
  setPractice(storage.get(PRACTICE_KEY, false));
}

// The all-questions page: filter rows by words and by chapter.
function setUpFilter(form) {
  const rows = [...document.querySelectorAll("table.question-index tbody tr")];
  const apply = () => {
    const words = form.elements.text.value.toLowerCase().split(/\s+/).filter(Boolean);
    const chapter = form.elements.chapter.value;
    let shown = 0;
    for (const row of rows) {
      const text = row.textContent.toLowerCase();
      const match = (!chapter || row.dataset.chapter === chapter) && words.every((w) => text.includes(w));
      row.hidden = !match;
      shown += match;
    }
    form.elements.count.value = `${shown} question${shown === 1 ? "" : "s"}`;
  };
  form.addEventListener("input", apply);
  apply();
}

document$.subscribe(() => {
  document.body.classList.remove("practice-mode");
  const article = document.querySelector("article.md-content__inner");
  const badge = article && article.querySelector(".verified-badge");
  if (badge) setUpChapter(article, badge);
  const site = document.querySelector(".site-progress[data-question-ids]");
  if (site) site.replaceWith(progressLine(site.dataset.questionIds.split(" "), "all chapters"));
  const form = document.querySelector("form.question-filter");
  if (form) setUpFilter(form);
  renderProgress();
  revealTarget();
});

window.addEventListener("hashchange", revealTarget);
