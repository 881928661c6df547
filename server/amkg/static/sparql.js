// The query page: YASGUI on this endpoint, with AMKG's prefixes and the example questions.
// Without YASGUI (not vendored) or without JavaScript the plain form underneath still works.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("sparql-config").textContent);
  var host = document.getElementById("yasgui");
  if (!window.Yasgui || !host) {
    return;
  }
  document.documentElement.classList.add("has-yasgui");

  // Prefix completion from the project's prefixes; no completer that asks a remote service (LOV).
  var Yasqe = window.Yasgui.Yasqe;
  var ours = Object.keys(config.prefixes).map(function (p) {
    return p + ": <" + config.prefixes[p] + ">";
  });
  Yasqe.registerAutocompleter(Object.assign({}, Yasqe.Autocompleters.prefixes, {
    get: function () { return Promise.resolve(ours); }
  }), false);
  Yasqe.defaults.autocompleters = ["prefixes", "variables"];

  var yasgui = new window.Yasgui(host, {
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: config.endpoint }]; } },
    persistenceId: "amkg",
    populateFromUrl: true,
    yasqe: { value: config.defaultQuery }
  });

  // Result links to AMKG's own IRIs open this server's pages: the public base stands for the persistent one.
  if (config.publicBase && config.publicBase !== config.base) {
    var rewrite = function (root) {
      root.querySelectorAll('a[href^="' + config.base + '"]').forEach(function (link) {
        link.setAttribute("href", config.publicBase + link.getAttribute("href").slice(config.base.length));
      });
    };
    new MutationObserver(function () { rewrite(host); }).observe(host, { childList: true, subtree: true });
  }

  document.querySelectorAll("a[data-example]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var example = config.examples[Number(link.getAttribute("data-example"))];
      if (!example || event.ctrlKey || event.metaKey || event.shiftKey) {
        return;
      }
      event.preventDefault();
      var tab = yasgui.addTab(true, { name: example.name, yasqe: { value: example.query } });
      host.scrollIntoView({ behavior: "smooth" });
      tab.query();
    });
  });
})();
