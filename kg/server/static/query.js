// kg query page: YASGUI (vendored under /static/yasgui) set up for kg's endpoint, prefixes and
// example queries. Nothing here or in YASGUI as configured fetches from another host.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("kg-config").textContent);
  const root = document.getElementById("yasgui");
  const Yasgui = window.Yasgui;
  const endpoint = new URL(config.endpoint, window.location.href).href;

  // The class and property completers ask LOV on the internet: kg's own are forked from them and
  // read the terms from this server's endpoint (the ontology is in the store's _ontology graph).
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  const TERMS_QUERY = `PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?term ?kind WHERE {
  { ?term a owl:Class } UNION { ?term a rdfs:Class } UNION { ?term a ?kind VALUES ?kind { owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty rdf:Property } }
  FILTER(isIRI(?term))
}`;
  // terms every kg query uses that the ontology refers to without declaring them
  const COMMON_PROPERTIES = [
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://purl.org/dc/terms/title", "http://www.opengis.net/ont/geosparql#hasGeometry",
    "http://www.opengis.net/ont/geosparql#asWKT",
  ];
  let terms = null;
  function kgTerms() {
    if (!terms) {
      terms = fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/sparql-results+json" },
        body: new URLSearchParams({ query: TERMS_QUERY }),
      })
        .then((response) => (response.ok ? response.json() : { results: { bindings: [] } }))
        .then((data) => {
          const found = { class: [], property: [...COMMON_PROPERTIES] };
          for (const row of data.results.bindings) {
            found[row.kind ? "property" : "class"].push(row.term.value);
          }
          return found;
        })
        .catch(() => ({ class: [], property: [...COMMON_PROPERTIES] }));
    }
    return terms;
  }
  for (const kind of ["class", "property"]) {
    Yasgui.Yasqe.forkAutocompleter(kind, {
      name: "kg-" + kind,
      bulk: true,
      autoShow: true, // local and instant, unlike the LOV look-ups that wait for Ctrl+Space
      persistenceId: null, // the terms follow the store: read them afresh on each visit
      get: () => kgTerms().then((found) => found[kind]),
    });
  }
  // A shorter editor than YASGUI's 300 px, so that a laptop screen shows the first results under it.
  // (Set on the defaults: each tab passes its own, unset, height over the Yasgui config's.)
  Yasgui.Yasqe.defaults.editorHeight = "15rem";
  // Values plain at first (the table's "Simple view"); unticking it shows datatypes and languages.
  for (const defaults of [Yasgui.Yasr.defaults, Yasgui.defaults.yasr]) {
    const table = defaults && defaults.plugins && defaults.plugins.table;
    if (table) table.dynamicConfig = Object.assign({ compact: true }, table.dynamicConfig);
  }

  const yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    // One endpoint: the catalogue would otherwise list public endpoints on the internet.
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }], keys: [] },
    copyEndpointOnNewTab: true,
    persistenceId: "kg-query",
    autofocus: false,
    yasqe: {
      value: config.initial,
      prefixCcApi: new URL("/prefixes.json", window.location.href).href,
      resizeable: true,
    },
    yasr: {
      prefixes: config.prefixes,
      pluginOrder: ["table", "response"],
      defaultPlugin: "table",
    },
  });
  window.kgYasgui = yasgui; // for the browser tests and the curious

  function currentTab() {
    return yasgui.getTab();
  }

  // The graph's IRIs are served here (/data/..., /id/..., /page?iri=): results link to these pages
  // instead of w3id.org addresses that may not resolve to this server.
  function localHref(iri) {
    for (const [ns, path] of config.spaces) {
      if (iri.startsWith(ns) && iri.length > ns.length) return path + encodeURI(iri.slice(ns.length));
    }
    if (iri.startsWith("https://w3id.org/conflict-kg/")) return "/page?iri=" + encodeURIComponent(iri);
    return null;
  }
  function localiseLinks(node) {
    // only http(s) and local links stay clickable: a javascript: IRI in the data must not run on a click
    node.querySelectorAll("a[href]").forEach((link) => {
      if (!/^(https?:|\/|#)/i.test(link.getAttribute("href").trim())) link.removeAttribute("href");
    });
    node.querySelectorAll("a[href^='http']").forEach((link) => {
      const local = localHref(link.getAttribute("href"));
      if (local) {
        link.setAttribute("href", local);
        link.removeAttribute("target");
      }
    });
  }
  new MutationObserver(() => localiseLinks(root)).observe(root, { childList: true, subtree: true });

  function updateDownloads() {
    const tab = currentTab();
    const query = tab && tab.getYasqe() ? tab.getQuery() : config.initial;
    document.querySelectorAll("#downloads a.download").forEach((link) => {
      const params = new URLSearchParams({ query: query, format: link.dataset.format });
      link.href = config.endpoint + "?" + params.toString();
    });
  }

  document.querySelectorAll("button.example").forEach((button) => {
    button.addEventListener("click", () => {
      const example = config.examples.find((e) => e.name === button.dataset.name);
      const tab = currentTab();
      tab.setQuery(example.text);
      tab.getYasqe().focus();
      updateDownloads();
    });
  });
  function watch(tab) {
    if (tab && tab.getYasqe() && !tab.kgWatched) {
      tab.getYasqe().on("change", updateDownloads);
      tab.kgWatched = true;
    }
  }
  yasgui.on("tabSelect", () => setTimeout(() => { watch(currentTab()); updateDownloads(); }));
  yasgui.on("tabChange", updateDownloads);
  watch(currentTab());
  updateDownloads();
})();
