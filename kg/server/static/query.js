// kg query page: run a query against /sparql, show the result as a table, offer downloads.
// Plain browser JavaScript, no dependencies, nothing fetched from other hosts.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("kg-config").textContent);
  const editor = document.getElementById("query");
  const runButton = document.getElementById("run");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const download = document.getElementById("download");
  const downloadFormat = document.getElementById("download-format");
  const MAX_ROWS_SHOWN = 1000;
  const EXTENSIONS = { csv: "csv", tsv: "tsv", json: "srj", xml: "srx", turtle: "ttl", nt: "nt", jsonld: "jsonld" };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    for (const child of children) node.append(child);
    return node;
  }

  function shortIri(iri) {
    for (const [prefix, ns] of Object.entries(config.prefixes)) {
      if (iri.startsWith(ns) && iri.length > ns.length) return prefix + ":" + iri.slice(ns.length);
    }
    return iri;
  }

  function localHref(iri) {
    for (const [ns, path] of config.spaces) {
      if (iri.startsWith(ns) && iri.length > ns.length) return path + encodeURI(iri.slice(ns.length));
    }
    if (iri.startsWith("https://w3id.org/conflict-kg/")) return "/page?iri=" + encodeURIComponent(iri);
    return null;
  }

  function termNode(term) {
    if (!term) return "";
    if (term.type === "uri") {
      const local = localHref(term.value);
      // only http(s) IRIs become links: a javascript: IRI in the data must not run on a click
      if (!local && !/^https?:/i.test(term.value)) {
        return el("code", { class: "iri", title: term.value }, shortIri(term.value));
      }
      const link = el("a", { href: local || term.value, title: term.value }, shortIri(term.value));
      if (!local) link.className = "external";
      return link;
    }
    if (term.type === "bnode") return el("code", {}, "_:" + term.value);
    const span = el("span", { class: "literal" }, term.value);
    if (term["xml:lang"]) return el("span", {}, span, " ", el("span", { class: "lang" }, "@" + term["xml:lang"]));
    if (term.datatype && !term.datatype.endsWith("#string")) {
      return el("span", {}, span, " ", el("span", { class: "datatype" }, shortIri(term.datatype)));
    }
    return span;
  }

  function table(vars, rows) {
    const head = el("tr", {}, el("th", {}, "#"), ...vars.map((v) => el("th", {}, v)));
    const body = rows.slice(0, MAX_ROWS_SHOWN).map((row, i) =>
      el("tr", {}, el("td", { class: "row-number" }, String(i + 1)),
        ...vars.map((v) => el("td", {}, termNode(row[v])))));
    return el("table", { class: "results" }, el("thead", {}, head), el("tbody", {}, ...body));
  }

  // N-Triples, one statement per line: enough to show CONSTRUCT / DESCRIBE results as a table.
  const NT_TERM = /^(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?)\s*/;
  function ntTerm(text) {
    if (text.startsWith("<")) return { type: "uri", value: text.slice(1, -1) };
    if (text.startsWith("_:")) return { type: "bnode", value: text.slice(2) };
    const match = /^"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?$/.exec(text);
    const value = JSON.parse('"' + match[1].replace(/\\U([0-9A-Fa-f]{8})/g,
      (_, hex) => String.fromCodePoint(parseInt(hex, 16))) + '"');
    const term = { type: "literal", value: value };
    if (match[2]) term["xml:lang"] = match[2];
    if (match[3]) term.datatype = match[3];
    return term;
  }
  function parseNTriples(text) {
    const rows = [];
    for (let line of text.split("\n")) {
      line = line.trim();
      if (!line || line.startsWith("#")) continue;
      const terms = [];
      while (terms.length < 3) {
        const match = NT_TERM.exec(line);
        if (!match) break;
        terms.push(ntTerm(match[1]));
        line = line.slice(match[0].length);
      }
      if (terms.length === 3) rows.push({ subject: terms[0], predicate: terms[1], object: terms[2] });
    }
    return rows;
  }

  function updateDownload() {
    const format = downloadFormat.value;
    const params = new URLSearchParams({ query: editor.value, format: format });
    download.href = config.endpoint + "?" + params.toString();
    download.setAttribute("download", "results." + EXTENSIONS[format]);
  }

  function showError(message) {
    results.replaceChildren(el("div", { class: "error", role: "alert" }, message));
  }

  async function run() {
    const query = editor.value;
    runButton.disabled = true;
    status.textContent = "Running…";
    const started = performance.now();
    try {
      const response = await fetch(config.endpoint, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/sparql-results+json, application/n-triples;q=0.9",
        },
        body: new URLSearchParams({ query: query }),
      });
      const text = await response.text();
      const elapsed = Math.round(performance.now() - started);
      if (!response.ok) {
        status.textContent = "Error " + response.status + " after " + elapsed + " ms";
        showError(text);
        return;
      }
      const type = response.headers.get("Content-Type") || "";
      let count;
      if (type.startsWith("application/sparql-results+json")) {
        const data = JSON.parse(text);
        if (typeof data.boolean === "boolean") {
          results.replaceChildren(el("p", { class: "boolean" }, data.boolean ? "yes (true)" : "no (false)"));
          status.textContent = "ASK answered in " + elapsed + " ms";
          return;
        }
        count = data.results.bindings.length;
        results.replaceChildren(table(data.head.vars, data.results.bindings));
      } else {
        const rows = parseNTriples(text);
        count = rows.length;
        results.replaceChildren(table(["subject", "predicate", "object"], rows));
      }
      const shown = count > MAX_ROWS_SHOWN ? " (first " + MAX_ROWS_SHOWN + " shown; download for all)" : "";
      status.textContent = count + (count === 1 ? " row" : " rows") + " in " + elapsed + " ms" + shown;
      history.replaceState(null, "", "?query=" + encodeURIComponent(query));
    } catch (error) {
      status.textContent = "";
      showError("The request failed: " + error.message);
    } finally {
      runButton.disabled = false;
    }
  }

  document.querySelectorAll("button.example").forEach((button) => {
    button.addEventListener("click", () => {
      const example = config.examples.find((e) => e.name === button.dataset.name);
      editor.value = example.text;
      updateDownload();
      editor.focus();
    });
  });
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    } else if (event.key === "Tab" && !event.shiftKey) {
      event.preventDefault();
      editor.setRangeText("  ", editor.selectionStart, editor.selectionEnd, "end");
    }
  });
  editor.addEventListener("input", updateDownload);
  downloadFormat.addEventListener("change", updateDownload);
  runButton.addEventListener("click", run);
  editor.value = config.initial;
  updateDownload();
})();
