// Study features: practice mode, "I know this" progress, problem reports, the question-index
// filter, and first-edition links forwarded to the topic page that now answers them. No server
// and no account: state lives in localStorage. Everything runs again after each instant
// navigation, through document$.
//
// The controls themselves are written into the page at build time (scripts/generate.py and
// overrides/partials/content.html); this script only wires them up, so the page never moves.

const PRACTICE_KEY = "handbook:practice";
const PRACTICE_FILTER_KEY = "handbook:practice-filter";
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
const progressIds = (line) => line.dataset.progressIds.split(" ").filter(Boolean);

// "N of M reviewed" on every progress line, and the state of every "I know this" button.
function renderProgress() {
  const done = known();
  for (const line of document.querySelectorAll(".study-progress[data-progress-ids]")) {
    const ids = progressIds(line);
    const reviewed = ids.filter((id) => done.has(id)).length;
    line.querySelector(".study-progress__count").textContent = `${reviewed} of ${ids.length} reviewed`;
  }
  for (const button of document.querySelectorAll(".qa-known[data-question]")) {
    button.setAttribute("aria-pressed", String(done.has(button.dataset.question)));
  }
}

function setUpProgress(line) {
  line.querySelector(".study-progress__reset").addEventListener("click", () => {
    const done = known();
    for (const id of progressIds(line)) done.delete(id);
    storage.set(KNOWN_KEY, [...done]);
    renderProgress();
  });
}

// Gather each answer (everything up to the next question) into a box that practice mode can
// hide. Done the first time practice mode is on, so that readers who never use it never pay.
function wrapAnswers() {
  for (const controls of document.querySelectorAll("article.md-content__inner > h2[id] + .qa-controls")) {
    const heading = controls.previousElementSibling;
    if (document.getElementById(`answer-${heading.id}`)) continue;
    const answer = document.createElement("div");
    answer.className = "qa-answer";
    answer.id = `answer-${heading.id}`;
    for (let next = controls.nextElementSibling; next && next.tagName !== "H2"; next = controls.nextElementSibling) {
      answer.append(next);
    }
    controls.after(answer);
  }
}

function setPractice(on) {
  if (on) wrapAnswers();
  document.body.classList.toggle("practice-mode", on);
  for (const toggle of document.querySelectorAll(".practice-toggle")) toggle.setAttribute("aria-pressed", String(on));
  for (const answer of document.querySelectorAll(".qa-answer")) reveal(answer, false);
  applyPracticeFilter();
}

// Practice mode asks every question, those of one level, or those not yet marked "I know this".
// A question left out is hidden with its controls and answer (extra.css), in practice mode only.
function applyPracticeFilter() {
  const choice = storage.get(PRACTICE_FILTER_KEY, "");
  const done = known();
  for (const select of document.querySelectorAll(".practice-filter select")) select.value = choice;
  for (const heading of document.querySelectorAll("article.md-content__inner > h2[data-level]")) {
    const asked = !choice || (choice === "unmarked" ? !done.has(heading.id) : heading.dataset.level === choice);
    heading.classList.toggle("qa-left-out", !asked);
  }
}

function reveal(answer, shown) {
  answer.classList.toggle("qa-answer--revealed", shown);
  const button = document.querySelector(`[aria-controls="${answer.id}"]`);
  if (button) {
    button.setAttribute("aria-expanded", String(shown));
    button.textContent = shown ? "Hide answer" : "Show answer";
  }
}

// A first-edition link (/<chapter>/#<id>) opens the chapter's overview, whose list of topics
// names the page that now answers each id: go there, replacing the old address in the history.
function forwardOldLink() {
  const id = decodeURIComponent(location.hash.slice(1));
  if (!id || document.getElementById(id)) return false;
  const link = document.querySelector(`.chapter-topics a[href$="#${CSS.escape(id)}"]`);
  if (link) location.replace(link.href);
  return Boolean(link);
}

// Opening a question's permalink (from search, say) in practice mode shows its answer.
function revealTarget() {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (!target) return;
  const answer = document.getElementById(`answer-${id}`) || target.closest(".qa-answer");
  if (answer) {
    reveal(answer, true);
    target.scrollIntoView();
  }
}

function reportUrl(heading, badge) {
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
  return `${badge.dataset.repo}/issues/new?title=${encodeURIComponent(title)}&body=${encodeURIComponent(body)}`;
}

// A topic page: wire up each question's controls and the page's practice switch.
function setUpTopicPage(article, badge) {
  const headings = [];
  for (const heading of article.querySelectorAll(":scope > h2[id]")) {
    const controls = heading.nextElementSibling;
    if (!controls || !controls.classList.contains("qa-controls")) continue;
    headings.push(heading);
    const show = controls.querySelector(".qa-show");
    show.setAttribute("aria-controls", `answer-${heading.id}`);
    show.addEventListener("click", () => {
      const answer = document.getElementById(`answer-${heading.id}`);
      reveal(answer, !answer.classList.contains("qa-answer--revealed"));
    });
    const knownButton = controls.querySelector(".qa-known");
    knownButton.dataset.question = heading.id;
    knownButton.addEventListener("click", () => {
      const now = known();
      if (now.has(heading.id)) now.delete(heading.id);
      else now.add(heading.id);
      storage.set(KNOWN_KEY, [...now]);
      renderProgress();
    });
    controls.querySelector(".qa-report").href = reportUrl(heading, badge);
  }
  const pageProgress = article.querySelector(".study-bar .study-progress");
  if (pageProgress) pageProgress.dataset.progressIds = headings.map((h) => h.id).join(" ");
  const filter = article.querySelector(".practice-filter select");
  if (filter) {
    filter.addEventListener("change", () => {
      storage.set(PRACTICE_FILTER_KEY, filter.value);
      applyPracticeFilter();
    });
  }
  const toggle = article.querySelector(".practice-toggle");
  if (toggle) {
    toggle.addEventListener("click", () => {
      const on = !document.body.classList.contains("practice-mode");
      storage.set(PRACTICE_KEY, on);
      setPractice(on);
    });
  }
  setPractice(storage.get(PRACTICE_KEY, false));
}

// The all-questions page: filter rows by words, chapter and level; a chapter with no row left hides.
function setUpFilter(form) {
  const sections = [...document.querySelectorAll("section.index-chapter")];
  const apply = () => {
    const words = form.elements.text.value.toLowerCase().split(/\s+/).filter(Boolean);
    const chapter = form.elements.chapter.value;
    const level = form.elements.level.value;
    let shown = 0;
    for (const section of sections) {
      let inSection = 0;
      for (const row of section.querySelectorAll("tbody tr")) {
        const text = row.textContent.toLowerCase();
        const match = (!chapter || section.dataset.chapter === chapter) && (!level || row.dataset.level === level)
          && words.every((w) => text.includes(w));
        row.hidden = !match;
        inSection += match;
      }
      section.hidden = !inSection;
      shown += inSection;
    }
    form.elements.count.value = `${shown} question${shown === 1 ? "" : "s"}`;
  };
  form.addEventListener("input", apply);
  if (form.elements.text.value || form.elements.chapter.value || form.elements.level.value) apply(); // restored
}

document$.subscribe(() => {
  if (forwardOldLink()) return;
  document.body.classList.remove("practice-mode");
  const article = document.querySelector("article.md-content__inner");
  const badge = article && article.querySelector(".verified-badge");
  if (badge) setUpTopicPage(article, badge);
  for (const line of document.querySelectorAll(".study-progress[data-progress-ids]")) setUpProgress(line);
  const form = document.querySelector("form.question-filter");
  if (form) setUpFilter(form);
  renderProgress();
  revealTarget();
});

window.addEventListener("hashchange", () => forwardOldLink() || revealTarget());
