// The render baseline of the benchmark (issue 17): the same 100 cards the panel shows
// for a page of `sessions/list`, built with plain DOM calls from JavaScript, on a static
// page with the same CSS. `await baselineBench(n)` signs in, reads two pages of 100
// rows, then replaces the list n times alternating them and returns, for each, the
// milliseconds from the response text in hand to the cards in the DOM: JSON.parse,
// the same words (device title, Intl relative time), the elements, one replaceChildren.
// Since stop 20 the cards also carry what issue 15 added: a checkbox per card, and on
// a session older than 30 days the "Stale" badge and "Not used since <date>".
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const rel = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
const abs = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const day = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const STALE_MS = 30 * 86400000;

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function title(d) {
  if (!d || !d.name) return "Unknown device";
  const v = String(d.version || d.longVersion || "").split(".")[0];
  const client = v ? `${d.name} ${v}` : d.name;
  const os = d.os && d.os.name ? `${d.os.name}${d.os.version ? " " + d.os.version : ""}` : "";
  return os ? `${client} on ${os}` : client;
}

function relative(ms, now) {
  const s = Math.trunc((ms - now) / 1000);
  for (const [size, limit, unit] of [[1, 60, "second"], [60, 60, "minute"], [3600, 24, "hour"], [86400, 7, "day"]]) {
    const v = Math.trunc(s / size);
    if (Math.abs(v) < limit) return rel.format(v, unit);
  }
  return rel.format(Math.trunc(s / 604800), "week");
}

function fact(dl, label, value) {
  const row = el("div");
  row.append(el("dt", "", label), el("dd", "", value));
  dl.append(row);
}

function card(s, i, now) {
  const li = el("li", "as-item");
  const art = el("article", "as-card");
  const id = `b-card${i}`;
  art.setAttribute("aria-labelledby", id);
  const head = el("div", "as-card-head");
  const t = title(s.device);
  const check = el("input", "as-select");
  check.type = "checkbox";
  check.setAttribute("aria-label", `Select ${t}`);
  check.dataset.asKey = `${s.sessionId}:select`;
  head.append(check);
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", "as-icon");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "Computer");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("fill", "currentColor");
  path.setAttribute("d", "M3 5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2h-5v2h3v2H7v-2h3v-2H5a2 2 0 0 1-2-2zm2 0v10h14V5z");
  svg.append(path);
  const h3 = el("h3", "as-card-title");
  h3.id = id;
  h3.title = t;
  h3.append(el("bdi", "", t));
  head.append(svg, h3);
  const ms = Date.parse(s.loginAt);
  const stale = now - ms > STALE_MS;
  if (stale) {
    const badges = el("span", "as-badges");
    badges.append(el("span", "as-badge as-badge-stale", "Stale"));
    head.append(badges);
  }
  const dl = el("dl", "as-facts");
  fact(dl, "IP address", s.ip || "");
  if (s.host) fact(dl, "Host", s.host);
  const time = el("time", "", relative(ms, now));
  time.dateTime = new Date(ms).toISOString();
  time.title = abs.format(ms);
  const row = el("div");
  const dd = el("dd");
  dd.append(time);
  row.append(el("dt", "", "Signed in"), dd);
  dl.append(row);
  const actions = el("div", "as-card-actions");
  for (const [label, key] of [["Details", "details"], ["Log out", "logout"]]) {
    const b = el("button", "as-btn", label);
    b.type = "button";
    b.setAttribute("aria-label", `${label} ${t}`);
    b.dataset.asKey = `${s.sessionId}:${key}`;
    actions.append(b);
  }
  art.append(head, dl);
  if (stale) art.append(el("p", "as-stale-note", `Not used since ${day.format(ms)}`));
  art.append(actions);
  li.append(art);
  return li;
}

function render(list, text) {
  const page = JSON.parse(text);
  const now = Date.now();
  list.replaceChildren(...page.sessions.map((s, i) => card(s, i, now)));
}

async function baselineBench(n) {
  const login = await fetch("/api/v1/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user: "demo", password: "demo" }),
  }).then((r) => r.json());
  const headers = { "X-User-Id": login.data.userId, "X-Auth-Token": login.data.authToken };
  const pages = [];
  for (const offset of [0, 100]) {
    pages.push(await fetch(`/api/v1/sessions/list?count=100&offset=${offset}`, { headers }).then((r) => r.text()));
  }
  const list = document.querySelector(".as-list");
  render(list, pages[1]);
  const out = [];
  for (let i = 0; i < n; i++) {
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const t0 = performance.now();
    render(list, pages[i % 2]);
    out.push(performance.now() - t0);
    if (list.children.length !== 100) throw new Error(`baseline rendered ${list.children.length} cards`);
  }
  return out;
}
window.baselineBench = baselineBench;
