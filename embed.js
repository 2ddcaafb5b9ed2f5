/* Commercial Shopper embed script.
 *
 * Usage on a partner's page:
 *   <script src="https://PROXY/embed.js" data-key="pk_live_…" async></script>
 * Optional: data-contact-url="https://…" (or mailto:/tel:) on the script tag or a host element
 * is where the widget sends customers whose usage needs a custom quote.
 * The widget appears in every empty <div data-commercial-shopper> on the page, or right after
 * the script tag when there is none. Pages can also call
 *   CommercialShopper.mount(element, { key: "pk_live_…" })
 *
 * Each widget gets its own open shadow root, styled by one shared CSSStyleSheet (adopted, so a
 * strict Content-Security-Policy without 'unsafe-inline' still works). All widgets on a page
 * share one WebAssembly module. The CSP must allow 'wasm-unsafe-eval' in script-src. */
(function () {
  "use strict";

  var script = document.currentScript || document.querySelector("script[data-key][src*='embed.js']");
  if (!script) {
    console.error("Commercial Shopper: cannot find the embed.js script tag; give it a data-key attribute.");
    return;
  }
  var scriptUrl = new URL(script.src, document.baseURI);
  var base = new URL(".", scriptUrl).href;
  var defaults = {
    key: script.getAttribute("data-key"),
    apiBase: script.getAttribute("data-api-base") || scriptUrl.origin,
    contactUrl: script.getAttribute("data-contact-url") || undefined,
  };

  // One module and one stylesheet per page, even if embed.js is included twice.
  var shared = window[Symbol.for("commercial-shopper")] || (window[Symbol.for("commercial-shopper")] = {
    module: null,
    sheet: null,
    count: 0,
  });

  function loadModule() {
    if (!shared.module) {
      shared.module = import(base + "widget/commercial-shopper.js").then(function (bindings) {
        return bindings.default({ module_or_path: base + "widget/commercial-shopper_bg.wasm" }).then(function () {
          return bindings;
        });
      });
    }
    return shared.module;
  }

  function loadSheet() {
    if (!shared.sheet) {
      shared.sheet = fetch(base + "widget/widget.css").then(function (response) {
        if (!response.ok) {
          throw new Error("widget.css: HTTP " + response.status);
        }
        return response.text();
      }).then(function (css) {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        return sheet;
      });
    }
    return shared.sheet;
  }

  function mount(host, options) {
    if (host.shadowRoot) {
      return Promise.reject(new Error("Commercial Shopper: this element already has a widget."));
    }
    options = options || {};
    shared.count += 1;
    var root = host.attachShadow({ mode: "open" });
    var config = {
      key: options.key || host.getAttribute("data-key") || defaults.key,
      apiBase: options.apiBase || defaults.apiBase,
      // Stable across page loads, so the widget recognises its own return from the signing page.
      instanceId: options.instanceId || host.getAttribute("data-instance-id") || host.id || "widget-" + shared.count,
      // Where customers reach the broker when their usage needs a custom quote.
      contactUrl: options.contactUrl || host.getAttribute("data-contact-url") || defaults.contactUrl,
    };

    return Promise.all([loadSheet(), loadModule()]).then(function (loaded) {
      root.adoptedStyleSheets = [loaded[0]];
      loaded[1].mount(root, config);
    }).catch(function (error) {
      console.error("Commercial Shopper: the widget failed to load.", error);
      root.textContent = "The energy price tool could not load. Please reload the page to try again.";
      throw error;
    });
  }

  function mountAll() {
    var hosts = Array.prototype.filter.call(document.querySelectorAll("div[data-commercial-shopper]"), function (host) {
      return !host.shadowRoot;
    });
    if (hosts.length === 0 && !script.hasAttribute("data-mounted")) {
      var host = document.createElement("div");
      host.setAttribute("data-commercial-shopper", "");
      var inHead = !script.parentNode || script.parentNode === document.head;
      if (inHead) {
        document.body.appendChild(host);
      } else {
        script.parentNode.insertBefore(host, script.nextSibling);
      }
      hosts = [host];
    }
    script.setAttribute("data-mounted", "");
    hosts.forEach(function (host) {
      // Errors are already logged and shown inside the widget.
      mount(host, {}).catch(function () {});
    });
  }

  window.CommercialShopper = window.CommercialShopper || { mount: mount };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
