// xfill's page: opens a template, shows its slots, fills them from a form as the user types.
// Every check is the server's (the same Rust code as the command line); this script only
// shows what it answers. Text from templates, schemas and values is only ever set as
// textContent, never as HTML.
"use strict";

const TEXT = {
  zh: {
    title: "模板填写", templates: "模板", upload: "打开本机文件…", dropHint: "也可以把文件拖到页面上。",
    pick: "请在左侧选择一个模板。", left: "还剩", places: "处未填", download: "下载填好的文档",
    downloadValues: "下载数值文件", saveValues: "保存数值文件", saveSchema: "保存字段定义",
    report: "填写报告", tools: "检查、比较与批量", checkFile: "检查填好的文档：", diffOld: "旧版本：",
    diffNew: "新版本：", compare: "比较", batchRows: "批量填写（CSV 或 JSON Lines）：",
    noTemplates: "这个文件夹里没有 .txt 或 .docx 模板。", drafted: "字段是自动拟定的，请核对字段名称和类型。",
    saved: "已保存：", exists: "已存在，要覆盖吗？", noField: "（没有字段对应这个位置）",
    batchDone: "批量结果：", downloadZip: "下载 .zip", pickDate: "选择日期", lang: "English",
    nothingLeft: "全部填好了。", places2: "处，请核对各处是否同一内容", unmapped: "没有字段", clean: "没有未填的位置。",
    text: "文本", integer: "整数", number: "数字", date: "日期，如 2026-06-30", choice: "选项",
    atLeast: "≥", atMost: "≤", oneOf: "可选：",
  },
  en: {
    title: "fill a template", templates: "Templates", upload: "Open a file…", dropHint: "Or drop a file on the page.",
    pick: "Pick a template on the left.", left: "", places: "slots left", download: "Download the filled document",
    downloadValues: "Download values", saveValues: "Save values file", saveSchema: "Save schema",
    report: "Fill report", tools: "Check, compare, batch", checkFile: "Check a finished document: ", diffOld: "Old version: ",
    diffNew: "New version: ", compare: "Compare", batchRows: "Batch (CSV or JSON Lines): ",
    noTemplates: "No .txt or .docx template in this folder.", drafted: "The fields were drafted: check their names and types.",
    saved: "Saved: ", exists: "exists already. Replace it?", noField: "(no field claims this slot)",
    batchDone: "Batch: ", downloadZip: "Download .zip", pickDate: "Pick a date", lang: "中文",
    nothingLeft: "All slots are filled.", places2: "places — check that they mean the same thing", unmapped: "no field", clean: "No slot left.",
    text: "text", integer: "integer", number: "number", date: "date, e.g. 2026-06-30", choice: "choice",
    atLeast: "≥ ", atMost: "≤ ", oneOf: "one of: ",
  },
};

let lang = localStorage.getItem("xfill-lang") === "en" ? "en" : "zh";
const t = (key) => TEXT[lang][key] ?? key;
const $ = (sel) => document.querySelector(sel);
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "dataset") Object.assign(node.dataset, v);
    else if (k === "class") node.className = v;
    else node[k] = v;
  }
  for (const c of children) node.append(c);
  return node;
};

let doc = null;          // the opened template, as /api/open answered
let urls = [];           // object URLs to release
let pending = null;      // the debounce timer
let generation = 0;      // answers older than the last request are dropped

function applyLanguage() {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  $("#lang").textContent = t("lang");
}

async function api(path, body, asBlob = false) {
  const init = { method: body === undefined ? "GET" : "POST", credentials: "same-origin", headers: {} };
  if (body instanceof FormData) init.body = body;
  else if (body instanceof Blob) init.body = body;
  else if (body !== undefined) { init.body = JSON.stringify(body); init.headers["Content-Type"] = "application/json"; }
  const response = await fetch(path, init);
  if (!response.ok) {
    let message = response.statusText;
    try { const j = await response.json(); message = j.error || message; if (j.exists) return { exists: true, error: message }; } catch (_) {}
    throw new Error(message);
  }
  return asBlob ? response : response.json();
}

function notice(message, error = false) {
  const n = $("#notice");
  n.textContent = message;
  n.classList.toggle("error", error);
}

async function listTemplates() {
  const list = $("#templates");
  list.replaceChildren();
  try {
    const { templates } = await api("/api/templates");
    if (templates.length === 0) list.append(el("li", { class: "hint", textContent: t("noTemplates") }));
    for (const path of templates) {
      const button = el("button", { type: "button", textContent: path });
      button.dataset.template = path;
      button.addEventListener("click", () => openTemplate(path));
      list.append(el("li", {}, button));
    }
  } catch (e) { notice(e.message, true); }
}

async function openTemplate(path) {
  try { show(await api("/api/open", { path })); } catch (e) { showError(e); }
  for (const b of document.querySelectorAll("#templates button")) b.classList.toggle("current", b.dataset.template === path);
}

async function uploadTemplate(file) {
  try { show(await api("/api/upload?name=" + encodeURIComponent(file.name), file)); } catch (e) { showError(e); }
}

function showError(e) {
  $("#document").replaceChildren(el("p", { class: "empty", textContent: e.message }));
  notice(e.message, true);
}

// The document and the form for a freshly opened template.
function show(opened) {
  doc = opened;
  $("#docname").textContent = `${doc.name} · ${doc.format === "docx" ? ".docx" : doc.encoding}`;
  const view = $("#document");
  view.replaceChildren();
  for (const seg of doc.segments) {
    if (seg.s === undefined) { view.append(document.createTextNode(seg.t)); continue; }
    const slot = doc.slots[seg.s];
    const span = el("span", { class: "slot", textContent: seg.t, title: slot.field ?? t("unmapped") });
    span.dataset.slot = String(seg.s);
    span.dataset.state = "unfilled";
    if (!slot.field) span.classList.add("unmapped");
    span.addEventListener("click", () => focusField(slot.field));
    view.append(span);
  }
  const form = $("#fields");
  form.replaceChildren();
  for (const field of doc.fields) form.append(fieldControl(field, doc.values[field.name] ?? ""));
  $("#form").hidden = false;
  $("#save-values").disabled = !doc.can_save;
  $("#save-schema").disabled = !doc.can_save;
  notice(doc.drafted ? t("drafted") : "");
  refresh(0);
}

function fieldControl(field, value) {
  const id = "f-" + doc.fields.indexOf(field);
  const box = el("div", { class: "field" });
  box.dataset.box = field.name;
  if (field.slots.length === 0) box.classList.add("nofield");
  const label = el("label", { htmlFor: id }, field.label);
  label.append(el("span", { class: "takes", textContent: takes(field) + (field.places > 1 ? ` · ${field.places} ${t("places2")}` : "") }));
  box.append(label);
  if (field.sentence) box.append(el("p", { class: "sentence", textContent: field.sentence }));
  let input;
  if (field.type === "choice") {
    input = el("select", { id });
    input.append(el("option", { value: "", textContent: "—" }));
    for (const c of field.choices) input.append(el("option", { value: c, textContent: c }));
    input.value = value;
  } else {
    input = el("input", { id, type: "text", value });
    if (field.type === "integer" || field.type === "number") input.inputMode = "decimal";
    if (field.default) input.placeholder = field.default;
  }
  input.dataset.field = field.name;
  input.addEventListener("input", () => refresh());
  input.addEventListener("change", () => refresh());
  input.addEventListener("focus", () => highlight(field.name));
  if (field.type === "date") {
    const picker = el("input", { type: "date", title: t("pickDate"), tabIndex: -1 });
    picker.addEventListener("change", () => { input.value = picker.value; refresh(); });
    box.append(el("div", { class: "row" }, input, picker));
  } else {
    box.append(input);
  }
  box.append(el("div", { class: "msg" }));
  return box;
}

// What a field takes, in the page's language (the server's messages stay as the CLI's).
function takes(field) {
  const parts = [t(field.type)];
  if (field.min !== null && field.min !== undefined) parts.push(t("atLeast") + field.min);
  if (field.max !== null && field.max !== undefined) parts.push(t("atMost") + field.max);
  if (field.type === "choice") parts.push(t("oneOf") + field.choices.join("、"));
  return parts.join("，");
}

function focusField(name) {
  if (!name) return;
  const input = document.querySelector(`[data-field="${CSS.escape(name)}"]`);
  if (input) { input.focus(); input.scrollIntoView({ block: "center", behavior: "smooth" }); }
}

function highlight(name) {
  for (const s of document.querySelectorAll(".slot")) {
    s.classList.toggle("active", doc.slots[s.dataset.slot].field === name);
  }
}

function formValues() {
  const values = {};
  for (const input of document.querySelectorAll("#fields [data-field]")) {
    if (input.value.trim() !== "") values[input.dataset.field] = input.value;
  }
  return values;
}

// Ask the server to fill, after a short pause in typing.
function refresh(delay = 150) {
  clearTimeout(pending);
  pending = setTimeout(runFill, delay);
}

async function runFill() {
  if (!doc) return;
  const mine = ++generation;
  const values = formValues();
  let state;
  try { state = await api("/api/fill", { doc: doc.id, values }); } catch (e) { notice(e.message, true); return; }
  if (mine !== generation) return;
  for (const span of document.querySelectorAll("#document .slot")) {
    const s = state.slots[Number(span.dataset.slot)];
    span.dataset.state = s.state;
    span.textContent = s.value ?? doc.slots[span.dataset.slot].text;
  }
  for (const box of document.querySelectorAll("#fields .field")) {
    const message = state.errors[box.dataset.box];
    box.classList.toggle("invalid", Boolean(message));
    box.querySelector(".msg").textContent = message ?? "";
  }
  const remaining = $("[data-remaining]");
  remaining.textContent = String(state.remaining);
  remaining.dataset.remaining = String(state.remaining);
  $(".counter").classList.toggle("done", state.remaining === 0);
  const left = $("#left");
  left.replaceChildren();
  for (const item of state.left.slice(0, 200)) {
    const li = el("li", { textContent: `${item.line}:${item.column}  ${item.field ?? t("noField")}` });
    li.addEventListener("click", () => focusField(item.field));
    left.append(li);
  }
  if (state.remaining === 0) left.append(el("li", { textContent: t("nothingLeft") }));
  $("#report").textContent = state.report;
  await refreshDownloads(values, mine);
}

// The download links always hold the current result, so that a click downloads it at once.
async function refreshDownloads(values, mine) {
  try {
    const response = await api("/api/download", { doc: doc.id, values }, true);
    const blob = await response.blob();
    if (mine !== generation) return;
    for (const u of urls) URL.revokeObjectURL(u);
    urls = [];
    const link = $("#download");
    link.href = remember(URL.createObjectURL(blob));
    link.download = fileName(response) || "filled.txt";
    link.dataset.remainingAtDownload = response.headers.get("x-xfill-remaining") ?? "";
    const yaml = valuesYaml(values);
    const valuesLink = $("#download-values");
    valuesLink.href = remember(URL.createObjectURL(new Blob([yaml], { type: "text/yaml" })));
    valuesLink.download = doc.name.replace(/^.*\//, "").replace(/\.[^.]*$/, "") + ".values.yaml";
  } catch (e) { notice(e.message, true); }
}

function remember(url) { urls.push(url); return url; }

function fileName(response) {
  const cd = response.headers.get("content-disposition") || "";
  const star = /filename\*=UTF-8''([^;]+)/.exec(cd);
  return star ? decodeURIComponent(star[1]) : null;
}

// A values file for download: one `field: "value"` line per value, JSON-quoted (valid YAML).
function valuesYaml(values) {
  let out = `# Values for ${doc.name}\n`;
  for (const f of doc.fields) {
    if (values[f.name] !== undefined) out += `${JSON.stringify(f.name)}: ${JSON.stringify(values[f.name])}\n`;
  }
  return out;
}

async function save(what, overwrite = false) {
  const labels = {};
  const answer = await api("/api/save", { doc: doc.id, what, values: formValues(), labels, overwrite })
    .catch((e) => ({ error: e.message }));
  if (answer.exists) {
    if (confirm(`${answer.error.replace(/ exists already$/, "")} ${t("exists")}`)) return save(what, true);
    return;
  }
  if (answer.error) notice(answer.error, true); else notice(t("saved") + answer.saved);
}

async function checkFile(file) {
  const data = new FormData();
  data.append("doc", doc.id);
  data.append("file", file, file.name);
  try {
    const answer = await api("/api/check", data);
    $("#check-result").textContent = answer.report || t("clean");
  } catch (e) { $("#check-result").textContent = e.message; }
}

async function diffFiles() {
  const [a, b] = [$("#diff-old").files[0], $("#diff-new").files[0]];
  if (!a || !b) return;
  const data = new FormData();
  data.append("old", a, a.name);
  data.append("new", b, b.name);
  const out = $("#diff-result");
  out.replaceChildren();
  try {
    const answer = await api("/api/diff", data);
    const encoder = new TextEncoder(), decoder = new TextDecoder();
    for (const hunk of answer.hunks) {
      out.append(el("div", { class: "hunk", textContent: `@@ -${hunk.old_start},${hunk.old_len} +${hunk.new_start},${hunk.new_len} @@` }));
      for (const line of hunk.lines) {
        const row = el("div", { class: line.tag });
        const sign = line.tag === "insert" ? "+" : line.tag === "delete" ? "-" : " ";
        row.append(sign);
        // `changed` holds byte ranges of the line's UTF-8 text.
        const bytes = encoder.encode(line.text);
        let at = 0;
        for (const [start, end] of line.changed) {
          row.append(decoder.decode(bytes.slice(at, start)));
          row.append(el(line.tag === "insert" ? "ins" : "del", { textContent: decoder.decode(bytes.slice(start, end)) }));
          at = end;
        }
        row.append(decoder.decode(bytes.slice(at)));
        out.append(row);
      }
    }
    if (answer.identical) out.textContent = "=";
  } catch (e) { out.textContent = e.message; }
}

async function batchRows(file) {
  const data = new FormData();
  data.append("doc", doc.id);
  data.append("rows", file, file.name);
  const out = $("#batch-result");
  out.replaceChildren();
  try {
    const response = await api("/api/batch", data, true);
    const blob = await response.blob();
    const summary = decodeURIComponent(response.headers.get("x-xfill-summary") || "");
    const link = el("a", { class: "button secondary", textContent: t("downloadZip"), download: fileName(response) || "batch.zip" });
    link.href = remember(URL.createObjectURL(blob));
    link.dataset.download = "batch";
    out.append(t("batchDone") + summary + " ", link);
  } catch (e) { out.textContent = e.message; }
}

function init() {
  applyLanguage();
  $("#lang").addEventListener("click", () => {
    lang = lang === "zh" ? "en" : "zh";
    localStorage.setItem("xfill-lang", lang);
    applyLanguage();
    if (doc) for (const box of document.querySelectorAll("#fields .field")) {
      const field = doc.fields.find((f) => f.name === box.dataset.box);
      box.querySelector(".takes").textContent = takes(field) + (field.places > 1 ? ` · ${field.places} ${t("places2")}` : "");
    }
  });
  $("#upload").addEventListener("change", (e) => e.target.files[0] && uploadTemplate(e.target.files[0]));
  $("#save-values").addEventListener("click", () => save("values"));
  $("#save-schema").addEventListener("click", () => save("schema"));
  $("#check-file").addEventListener("change", (e) => e.target.files[0] && checkFile(e.target.files[0]));
  $("#diff-run").addEventListener("click", diffFiles);
  $("#batch-rows").addEventListener("change", (e) => e.target.files[0] && batchRows(e.target.files[0]));
  $("#fields").addEventListener("submit", (e) => e.preventDefault());
  document.addEventListener("dragover", (e) => { e.preventDefault(); document.body.classList.add("dragging"); });
  document.addEventListener("dragleave", () => document.body.classList.remove("dragging"));
  document.addEventListener("drop", (e) => {
    e.preventDefault();
    document.body.classList.remove("dragging");
    const file = e.dataTransfer.files[0];
    if (file) uploadTemplate(file);
  });
  // The token is in the cookie now; keep it out of the history and the address bar.
  const params = new URLSearchParams(location.search);
  const open = params.get("open");
  history.replaceState(null, "", "/");
  listTemplates();
  if (open) openTemplate(open);
}

init();
