// microdrama studio: live run progress (server-sent events) and the Fountain editor. No build step.
"use strict";

const csrf = () => document.querySelector('meta[name="csrf-token"]').content;

async function postJSON(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: {"Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf()},
    body: JSON.stringify(body),
  });
  let data = {};
  try { data = await response.json(); } catch (e) { data = {error: `the server answered ${response.status}`}; }
  return {ok: response.ok, status: response.status, data};
}

function el(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}

// -- run progress -------------------------------------------------------------------------------
function watchRun(card) {
  const project = card.dataset.project;
  const wasRunning = card.dataset.state === "running";
  const list = document.getElementById("progress");
  const warnings = document.getElementById("warnings");
  const stateLine = document.getElementById("job-state");
  const rows = {};
  const row = (stage) => {
    if (!rows[stage]) {
      const li = el("li", {"data-stage": stage});
      li.append(el("span", {class: "stage"}, stage), el("progress", {max: 1, value: 0}), el("span", {class: "outcome"}, "running"));
      list.append(li);
      rows[stage] = li;
    }
    return rows[stage];
  };
  const source = new EventSource(`/p/${project}/events`);
  source.addEventListener("progress", (message) => {
    const event = JSON.parse(message.data);
    if (event.kind === "stage_started") {
      const li = row(event.stage);
      li.querySelector("progress").max = Math.max(event.total, 1);
      li.title = event.reason;
      li.querySelector(".outcome").textContent = `running — ${event.reason}`;
    } else if (event.kind === "advance") {
      const bar = row(event.stage).querySelector("progress");
      bar.max = Math.max(event.total, 1); bar.value = event.done;
      row(event.stage).querySelector(".outcome").textContent = `${event.done} of ${event.total}`;
    } else if (event.kind === "stage_finished") {
      if (event.outcome === "skipped") return;
      const li = row(event.stage);
      const bar = li.querySelector("progress"); bar.value = bar.max;
      li.querySelector(".outcome").textContent = `${event.outcome} in ${event.seconds.toFixed(1)} s`;
      li.classList.add("finished");
      const pill = document.querySelector(`#stages tr[data-stage="${event.stage}"] .pill`);
      if (pill) { pill.className = "pill ok"; pill.textContent = `${event.outcome} just now`; }
    } else if (event.kind === "warning") {
      warnings.append(el("li", {}, event.message));
    } else if (event.kind === "started") {
      stateLine.innerHTML = "";
      stateLine.append("Running…");
      stateLine.className = "job-state running";
    }
  });
  source.addEventListener("end", (message) => {
    source.close();
    const state = JSON.parse(message.data);
    stateLine.className = `job-state ${state.state}`;
    stateLine.textContent = state.state === "none" ? "No run yet." : `Last run: ${state.state}${state.message ? " — " + state.message : ""}`;
    const run = document.getElementById("run-button"); if (run) run.disabled = false;
    const stop = document.getElementById("stop-button"); if (stop) stop.disabled = true;
    if (wasRunning) window.location.reload();
  });
}

// -- the editor ---------------------------------------------------------------------------------
function editor(root) {
  const project = root.dataset.project, episode = root.dataset.episode;
  const source = document.getElementById("source");
  const gutter = document.getElementById("gutter");
  const saveButton = document.getElementById("save");
  const saveState = document.getElementById("save-state");
  const saveError = document.getElementById("save-error");
  let version = root.dataset.version;
  let saved = source.value;
  let findings = [...document.querySelectorAll("#findings li[data-line]")]
    .filter((li) => li.dataset.line).map((li) => ({line: Number(li.dataset.line), severity: li.className}));
  let timer = null;

  const drawGutter = () => {
    const marks = {};
    for (const f of findings) if (f.line) marks[f.line] = marks[f.line] === "error" ? "error" : f.severity;
    const count = source.value.split("\n").length;
    const lines = [];
    for (let i = 1; i <= count; i++) lines.push(`<div class="${marks[i] || ""}">${i}</div>`);
    gutter.innerHTML = lines.join("");
    gutter.scrollTop = source.scrollTop;
  };
  const showFindings = (items) => {
    findings = items;
    const list = document.getElementById("findings");
    list.innerHTML = "";
    if (!items.length) list.append(el("li", {class: "none"}, "No findings."));
    for (const f of items) {
      const li = el("li", {class: f.severity, "data-line": f.line || ""});
      li.append(el("b", {}, f.severity), " ", el("code", {}, f.rule), `${f.line ? " line " + f.line : ""}: ${f.message}`);
      list.append(li);
    }
    document.getElementById("finding-count").textContent = items.length;
    drawGutter();
  };
  const refresh = async () => {
    const {ok, data} = await postJSON(`/p/${project}/ep/${episode}/preview`, {text: source.value});
    if (!ok) return;
    document.getElementById("preview").innerHTML = data.html;
    showFindings(data.findings);
  };
  const dirty = () => {
    if (!saveState) return;
    const changed = source.value !== saved;
    saveState.textContent = changed ? "Unsaved changes" : "Saved";
    saveState.className = changed ? "dirty" : "muted";
  };
  const save = async () => {
    saveError.hidden = true;
    const {ok, data} = await postJSON(`/p/${project}/ep/${episode}/save`, {text: source.value, version});
    if (!ok) {
      saveError.textContent = data.error || "The script could not be saved.";
      saveError.hidden = false;
      return;
    }
    version = data.version; saved = source.value; dirty();
    const banner = document.getElementById("stale");
    document.getElementById("stale-list").textContent = data.stale.join(", ");
    banner.hidden = data.stale.length === 0;
  };
  document.getElementById("findings").addEventListener("click", (event) => {
    const item = event.target.closest("li[data-line]");
    const line = item && Number(item.dataset.line);
    if (!line) return;
    const lines = source.value.split("\n");
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    source.focus();
    source.setSelectionRange(start, start + lines[line - 1].length);
    source.scrollTop = Math.max(0, (line - 4) * parseFloat(getComputedStyle(source).lineHeight));
    gutter.scrollTop = source.scrollTop;
  });
  source.addEventListener("input", () => { dirty(); drawGutter(); clearTimeout(timer); timer = setTimeout(refresh, 400); });
  source.addEventListener("scroll", () => { gutter.scrollTop = source.scrollTop; });
  if (saveButton) saveButton.addEventListener("click", save);
  source.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "s") { event.preventDefault(); if (saveButton) save(); }
  });
  window.addEventListener("beforeunload", (event) => { if (source.value !== saved) event.preventDefault(); });
  drawGutter();
}

document.addEventListener("DOMContentLoaded", () => {
  const run = document.getElementById("run");
  if (run) watchRun(run);
  const root = document.getElementById("editor");
  if (root) editor(root);
});
