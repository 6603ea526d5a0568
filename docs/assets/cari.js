/* Replika search page: reads the static index that `replika build` writes to
   cari-indeks/ (see generator/search.py). Scores are precomputed; this script
   fetches the shard of each query word, adds the numbers, and shows the rows
   of the best documents. The query and filters are mirrored in the address
   (?q=...&sektor=...), so opening a shared address shows the same results.
   The offline copy (file:) loads the same index as scripts: see load().
   Record text only ever reaches the page through textContent. */
(function () {
  "use strict";
  var SHOWN = 10;
  var root = document.querySelector("[data-rp-cari]");
  if (!root) return;
  var baseRel = root.getAttribute("data-base") || "./";
  var base = new URL(baseRel, window.location.href);
  var form = root.querySelector("form");
  var input = root.querySelector("#rp-q");
  var selects = Array.prototype.slice.call(root.querySelectorAll("select[data-filter]"));
  var status = root.querySelector(".rp-cari__status");
  var list = root.querySelector(".rp-cari__hasil");
  var more = root.querySelector(".rp-cari__lagi");
  var folder = null;   // URL of cari-indeks/<hash>/
  var manifest = null;
  var cache = {};
  var counter = 0;
  var timer = null;
  var current = { docs: [], shown: 0, mine: 0 };

  // FNV-1a 32-bit over UTF-8 bytes: the same function as generator/search.py.
  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text);
    var hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193);
    }
    return hash >>> 0;
  }

  // Loads one JSON file of the index, once. Over http(s) with fetch; from a
  // folder (file:, the offline copy) browsers refuse fetch, so the copy also
  // holds each file as a script (X.json -> X.js, see generator/offline.py)
  // that calls replikaIndeks(name, data), name being its path in cari-indeks/.
  var viaScript = window.location.protocol === "file:";
  var waiting = {};
  window.replikaIndeks = function (name, data) {
    var entry = waiting[name];
    if (!entry) return;
    delete waiting[name];
    entry.resolve(data);
  };

  function loadScript(url) {
    var name = url.slice(url.lastIndexOf("/cari-indeks/") + "/cari-indeks/".length);
    return new Promise(function (resolve, reject) {
      waiting[name] = { resolve: resolve, reject: reject };
      var script = document.createElement("script");
      var fail = function () {
        if (!waiting[name]) return;
        delete waiting[name];
        reject(new Error("indeks " + name));
      };
      script.onerror = fail;
      script.onload = fail;  // ran without calling replikaIndeks with this name
      script.src = url.replace(/\.json$/, ".js");
      document.head.appendChild(script);
    });
  }

  function load(url) {
    if (!cache[url]) {
      cache[url] = viaScript ? loadScript(url) : fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url);
        return response.json();
      });
    }
    return cache[url];
  }

  function getJson(path) {
    return load(new URL(path, folder).href);
  }

  function shard(term) {
    return getJson("s/" + (fnv1a(term) % manifest.pecahan) + ".json");
  }

  // [[doc, score], ...] of a term; the shard stores each doc as the gap to the previous one.
  function postings(data, term) {
    var special = term === manifest.kunci_akar || term === manifest.kunci_sama;
    if (!Object.prototype.hasOwnProperty.call(data, term) || special) return null;
    var doc = 0;
    return data[term].map(function (pair) {
      doc += pair[0];
      return [doc, pair[1]];
    });
  }

  function words(text) {
    var found = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
    var out = [];
    found.forEach(function (w) {
      if ((w.length > 1 || /^\p{N}$/u.test(w)) && out.indexOf(w) < 0) out.push(w);
    });
    return out;
  }

  // Candidate roots of an Indonesian word that is not in the index: strip
  // particles, suffixes and prefixes (meN-/peN- with the nasal restored).
  var VOWEL = /^[aiueo]/;
  function stripAffixes(word) {
    var out = [];
    var w = word.toLowerCase();
    if (w.length < 5 || !/^[a-z]+$/.test(w)) return out;
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
    // The most stripped forms first: the caller takes the first known root.
    bases.reverse().forEach(function (b) {
      prefixes.forEach(function (entry) {
        var prefix = entry[0];
        if (b.indexOf(prefix) !== 0) return;
        var rest = b.slice(prefix.length);
        entry[1].forEach(function (restore) {
          if (restore && !VOWEL.test(rest)) return;
          var candidate = restore + rest;
          if (candidate.length >= 3 && out.indexOf(candidate) < 0 && candidate !== w) out.push(candidate);
        });
      });
      if (b !== w && out.indexOf(b) < 0) out.push(b);
    });
    return out.slice(0, 8);
  }

  // Words whose root term is left out of the index: their root scores are
  // their own scores times manifest.faktor_akar.
  function sameRoot(data, word) {
    return (data[manifest.kunci_sama] || []).indexOf(word) >= 0;
  }

  function scaled(list) {
    return (list || []).map(function (pair) { return [pair[0], Math.round(pair[1] * manifest.faktor_akar)]; });
  }

  // The postings of the root term of `candidates` (the first one known), or null.
  function rootPostings(candidates) {
    var mark = manifest.tanda_akar;
    return Promise.all(candidates.map(function (c) {
      return shard(mark + c).then(function (d) { return postings(d, mark + c); });
    })).then(function (lists) {
      var found = lists.filter(Boolean)[0];
      if (found) return found;
      // A candidate may be a word that is its own root (its root term left out).
      return Promise.all(candidates.map(function (c) {
        return shard(c).then(function (d) { return sameRoot(d, c) ? scaled(postings(d, c)) : null; });
      })).then(function (more) { return more.filter(Boolean)[0] || null; });
    });
  }

  // Scores of one query word: doc -> exact score + root score.
  function scoreWord(word) {
    return shard(word).then(function (data) {
      var exact = postings(data, word);
      var known = (data[manifest.kunci_akar] || {})[word];
      var roots;
      if (exact && sameRoot(data, word)) roots = Promise.resolve(scaled(exact));
      else if (known) roots = rootPostings([known]);
      else if (exact) roots = rootPostings([word]);
      else roots = rootPostings([word].concat(stripAffixes(word)));
      return roots.then(function (rootList) {
        var scores = {};
        var add = function (list) {
          (list || []).forEach(function (pair) { scores[pair[0]] = (scores[pair[0]] || 0) + pair[1]; });
        };
        add(exact);
        add(rootList);
        return scores;
      });
    });
  }

  function decodeGaps(gaps) {
    var out = {};
    var doc = 0;
    gaps.forEach(function (gap) { doc += gap; out[doc] = true; });
    return out;
  }

  function filterSets(filters) {
    var names = Object.keys(filters);
    if (!names.length) return Promise.resolve([]);
    return getJson("saring.json").then(function (facets) {
      return names.map(function (name) {
        var values = facets[name] || {};
        return Object.prototype.hasOwnProperty.call(values, filters[name]) ? decodeGaps(values[filters[name]]) : {};
      });
    });
  }

  function search(query, filters) {
    var terms = words(query);
    return Promise.all([Promise.all(terms.map(scoreWord)), filterSets(filters)]).then(function (found) {
      var perWord = found[0];
      var sets = found[1];
      var allowed = function (doc) { return sets.every(function (set) { return set[doc]; }); };
      var docs = [];
      if (!terms.length) {
        for (var d = 0; d < manifest.dokumen; d++) if (allowed(d)) docs.push({ doc: d, hits: 0, score: 0 });
        return docs;
      }
      var total = {};
      var hits = {};
      perWord.forEach(function (scores) {
        Object.keys(scores).forEach(function (doc) {
          total[doc] = (total[doc] || 0) + scores[doc];
          hits[doc] = (hits[doc] || 0) + 1;
        });
      });
      Object.keys(total).forEach(function (key) {
        var doc = Number(key);
        if (allowed(doc)) docs.push({ doc: doc, hits: hits[key], score: total[key] });
      });
      // Documents with every word first, then by score, then in catalogue order.
      docs.sort(function (a, b) { return b.hits - a.hits || b.score - a.score || a.doc - b.doc; });
      return docs;
    });
  }

  function rows(docs) {
    var per = manifest.baris_per_berkas;
    return Promise.all(docs.map(function (entry) {
      return getJson("r/" + Math.floor(entry.doc / per) + ".json").then(function (file) {
        return file[entry.doc % per];
      });
    }));
  }

  var SAFE_URL = /^[a-z0-9][a-z0-9\/_.-]*$/i;
  function item(row) {
    var li = document.createElement("li");
    var heading = document.createElement("h2");
    heading.className = "rp-cari__judul";
    var link = document.createElement("a");
    var url = String(row[1]);
    if (!SAFE_URL.test(url) || url.indexOf("..") >= 0) url = "";
    // From a folder (file:) a folder address shows a file listing: open its index.html.
    if (viaScript && (url === "" || url.slice(-1) === "/")) url += "index.html";
    link.setAttribute("href", baseRel + url);
    link.textContent = String(row[0]);
    heading.appendChild(link);
    li.appendChild(heading);
    var meta = document.createElement("p");
    meta.className = "rp-cari__meta";
    meta.textContent = [row[3], row[4], row[5]].filter(Boolean).join(" · ");
    li.appendChild(meta);
    var summary = document.createElement("p");
    summary.textContent = String(row[2]);
    li.appendChild(summary);
    return li;
  }

  function showMore() {
    var mine = current.mine;
    var next = current.docs.slice(current.shown, current.shown + SHOWN);
    current.shown += next.length;
    return rows(next).then(function (found) {
      if (mine !== counter) return;
      found.forEach(function (row) { if (row) list.appendChild(item(row)); });
      more.hidden = current.shown >= current.docs.length;
    });
  }

  function describe(query, filters, docs) {
    var parts = [];
    if (query) parts.push("«" + query + "»");
    Object.keys(filters).forEach(function (name) { parts.push(filters[name]); });
    var what = parts.join(", ");
    if (!docs.length) return "Tidak ada hasil untuk " + what + ".";
    var count = words(query).length;
    var full = docs.filter(function (d) { return d.hits === count; }).length;
    var text = docs.length + " hasil untuk " + what;
    if (count > 1 && full < docs.length) text += " (" + full + " memuat semua kata)";
    return text + ".";
  }

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
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
  }

  function fillFilters() {
    selects.forEach(function (sel) {
      (manifest.saringan[sel.dataset.filter] || []).forEach(function (entry) {
        var option = document.createElement("option");
        option.value = entry[0];
        option.textContent = entry[0] + " (" + entry[1] + ")";
        sel.appendChild(option);
      });
      if (sel.dataset.wanted) sel.value = sel.dataset.wanted;
    });
  }

  function run() {
    var query = input.value.trim();
    var filters = {};
    selects.forEach(function (sel) { if (sel.value) filters[sel.name] = sel.value; });
    writeAddress(query, filters);
    var mine = ++counter;
    if (!words(query).length && Object.keys(filters).length === 0) {
      list.textContent = "";
      more.hidden = true;
      status.textContent = "Ketik kata kunci atau pilih saringan.";
      return Promise.resolve();
    }
    status.textContent = "Mencari…";
    return search(query, filters).then(function (docs) {
      if (mine !== counter) return;
      current = { docs: docs, shown: 0, mine: mine };
      list.textContent = "";
      return showMore().then(function () {
        if (mine === counter) status.textContent = describe(query, filters, docs);
      });
    }).catch(function () {
      if (mine === counter) status.textContent = "Pencarian gagal: indeks tidak dapat dimuat. Muat ulang halaman.";
    });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 200);
  }

  function start() {
    readAddress();
    load(new URL("cari-indeks/terkini.json", base).href)
      .then(function (pointer) {
        if (!/^[0-9a-f]+$/.test(String(pointer.indeks))) throw new Error("indeks");
        folder = new URL("cari-indeks/" + pointer.indeks + "/", base);
        return getJson("manifest.json");
      })
      .then(function (data) {
        manifest = data;
        fillFilters();
        form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
        input.addEventListener("input", later);
        selects.forEach(function (sel) { sel.addEventListener("change", run); });
        more.addEventListener("click", showMore);
        root.setAttribute("data-siap", "");
        return run();
      })
      .catch(function () {
        status.textContent = "Indeks pencarian belum tersedia. Bangun situs dengan `replika build`.";
      });
  }

  // For the tests: the hash function and the affix stripper.
  window.rpCari = { fnv1a: fnv1a, stripAffixes: stripAffixes, words: words };
  start();
})();
