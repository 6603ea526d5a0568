/* Replika search page: Pagefind with sector / type / province filters.
   The query and filters are mirrored in the address (?q=...&sektor=...),
   so opening a shared address shows the same results. */
(function () {
  "use strict";
  var root = document.querySelector("[data-rp-cari]");
  if (!root) return;
  var base = new URL(root.getAttribute("data-base"), window.location.href);
  var form = root.querySelector("form");
  var input = root.querySelector("#rp-q");
  var selects = Array.prototype.slice.call(root.querySelectorAll("select[data-filter]"));
  var status = root.querySelector(".rp-cari__status");
  var list = root.querySelector(".rp-cari__hasil");
  var pagefind = null;
  var counter = 0;
  var timer = null;

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    selects.forEach(function (sel) { sel.dataset.wanted = params.get(sel.name) || ""; });
  }

  function writeAddress(query, filters) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    Object.keys(filters).forEach(function (name) { params.set(name, filters[name]); });
    var search = params.toString();
    var url = window.location.pathname + (search ? "?" + search : "");
    window.history.replaceState(null, "", url);
  }

  function fillFilters(available) {
    selects.forEach(function (sel) {
      var values = available[sel.dataset.filter] || {};
      Object.keys(values).sort(function (a, b) { return a.localeCompare(b, "id"); })
        .forEach(function (value) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = value + " (" + values[value] + ")";
          sel.appendChild(option);
        });
      if (sel.dataset.wanted) sel.value = sel.dataset.wanted;
    });
  }

  function show(results, total) {
    list.textContent = "";
    results.forEach(function (data) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = (data.meta && data.meta.title) || data.url;
      var heading = document.createElement("h2");
      heading.className = "rp-cari__judul";
      heading.appendChild(link);
      item.appendChild(heading);
      var excerpt = document.createElement("p");
      var plainExcerpt = data.excerpt.replace(/<\/?mark>/g, "");
      if (/[A-Z.,;:!?()0-9]/.test(plainExcerpt) || !(data.meta && data.meta.ringkasan)) {
        // Pagefind's excerpt is escaped page text with <mark> around the hits.
        excerpt.innerHTML = data.excerpt;
      } else {
        // The hit is in the index-only words (root forms): show the summary.
        excerpt.textContent = data.meta.ringkasan;
      }
      item.appendChild(excerpt);
      list.appendChild(item);
    });
    status.textContent = total === 0 ? "Tidak ada praktik yang cocok." :
      total + " hasil" + (total > results.length ? ", " + results.length + " teratas ditampilkan" : "") + ".";
  }

  // Candidate root words of an Indonesian word. Pages carry the Sastrawi root
  // of every word in hidden index text; Pagefind's own stemmer misses roots
  // such as "kelola" in "dikelola", so affixed queries are also tried as roots.
  var VOWEL = /^[aiueo]/;
  function roots(word) {
    var out = [];
    var w = word.toLowerCase();
    if (w.length < 6 || !/^[a-z]+$/.test(w)) return out;
    var bases = [w];
    w.replace(/(lah|kah|pun|nya)$/, function (m) { bases.push(w.slice(0, -m.length)); });
    bases.slice().forEach(function (b) {
      ["kan", "an", "i"].forEach(function (suffix) {
        if (b.length - suffix.length >= 4 && b.slice(-suffix.length) === suffix) bases.push(b.slice(0, -suffix.length));
      });
    });
    var prefixes = [
      ["meng", ["", "k"]], ["peng", ["", "k"]], ["meny", ["s"]], ["peny", ["s"]],
      ["mem", ["p", ""]], ["pem", ["p", ""]], ["men", ["t", ""]], ["pen", ["t", ""]],
      ["per", [""]], ["ber", [""]], ["ter", [""]], ["me", [""]], ["pe", [""]],
      ["di", [""]], ["ke", [""]], ["se", [""]], ["be", [""]]
    ];
    bases.forEach(function (b) {
      prefixes.forEach(function (entry) {
        var prefix = entry[0];
        if (b.indexOf(prefix) !== 0) return;
        var rest = b.slice(prefix.length);
        entry[1].forEach(function (restore) {
          if (restore && !VOWEL.test(rest)) return;
          var root = restore + rest;
          if (root.length >= 4 && out.indexOf(root) < 0 && root !== w) out.push(root);
        });
      });
    });
    return out.slice(0, 4);
  }

  async function searchAll(query, filters) {
    var first = await pagefind.search(query || null, { filters: filters });
    var words = query.split(/\s+/).filter(Boolean);
    if (words.length !== 1) return first.results;
    var seen = {};
    var merged = first.results.map(function (r) { seen[r.id] = true; return r; });
    var others = await Promise.all(roots(words[0]).map(function (root) {
      return pagefind.search(root, { filters: filters });
    }));
    others.forEach(function (search) {
      search.results.forEach(function (r) {
        if (!seen[r.id]) { seen[r.id] = true; merged.push({ id: r.id, score: r.score * 0.9, data: r.data }); }
      });
    });
    return merged.sort(function (a, b) { return b.score - a.score; });
  }

  async function run() {
    var query = input.value.trim();
    var filters = {};
    selects.forEach(function (sel) { if (sel.value) filters[sel.name] = sel.value; });
    writeAddress(query, filters);
    var mine = ++counter;
    if (!query && Object.keys(filters).length === 0) {
      list.textContent = "";
      status.textContent = "Ketik kata kunci atau pilih saringan.";
      return;
    }
    status.textContent = "Mencari…";
    var results = await searchAll(query, filters);
    var top = await Promise.all(results.slice(0, 20).map(function (r) { return r.data(); }));
    if (mine === counter) show(top, results.length);
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 200);
  }

  async function start() {
    readAddress();
    try {
      pagefind = await import(new URL("pagefind/pagefind.js", base).href);
      await pagefind.options({ baseUrl: base.pathname });
      await pagefind.init();
      fillFilters(await pagefind.filters());
    } catch (err) {
      status.textContent = "Indeks pencarian belum tersedia. Bangun situs dengan `replika build`.";
      return;
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    input.addEventListener("input", later);
    selects.forEach(function (sel) { sel.addEventListener("change", run); });
    root.setAttribute("data-siap", "");
    await run();
  }

  start();
})();
