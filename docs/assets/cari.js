/* Replika search: the search page (cari/) and the header box of every page.
   Both read the static index that `replika build` writes to cari-indeks/
   (see generator/outputs/search/). Scores are precomputed; this script fetches the
   shard of each query word, adds the numbers, and shows the rows of the best
   documents, each with a snippet cut from the pieces of its page's text where
   the query words first occur (t/<doc>-<piece>.json, named in the postings).
   A word being typed is completed and a slipped word is corrected
   from the word lists in k/ (a few small files, by the word's first letters).
   The query and filters are mirrored in the address (?q=...&sektor=...), so
   opening a shared address shows the same results. The offline copy (file:)
   loads the same index as scripts: see load(). Record text only ever reaches
   the page through textContent (matched words in <mark> elements).

   The first part (the engine) touches no page: under node it is exported for
   the ranking tests (tests/test_search_engine.py). */
(function () {
  "use strict";

  // ------------------------------------------------------------------- engine

  var PREFIX_MIN = 3;       // shorter words are never completed
  var PREFIX_MAX = 6;       // completions fetched per word (the most frequent)
  var TYPO_MIN = 5;         // shorter words are never corrected
  var TYPO_TWO = 8;         // from this length, two edits
  var WEAK_FACTOR = 0.6;    // a completed or corrected word counts this much
  var PIECES_MAX = 3;       // pieces of a page's text fetched for one snippet

  // FNV-1a 32-bit over UTF-8 bytes: the same function as generator/outputs/search/shards.py.
  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text);
    var hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193);
    }
    return hash >>> 0;
  }

  function words(text) {
    var found = String(text).toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
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

  // Edit distance with adjacent transpositions (optimal string alignment);
  // anything above `max` is reported as max + 1.
  function editDistance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null;
    var prev = [];
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      var row = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        row.push(v);
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = row;
    }
    return Math.min(prev[b.length], max + 1);
  }

  // The search over one index. `getJson(path)` returns a promise of the JSON
  // file at `path` inside the index folder (fetch, a script, or node's fs).
  function createEngine(getJson, manifest) {
    var hasOwn = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };
    var split = {};
    (manifest.prefiks_pecah || []).forEach(function (k) { split[k] = true; });

    // A root term (">kelola") lives in the shard of the word spelt like its root.
    function shard(term) {
      var mark = manifest.tanda_akar;
      var key = term.indexOf(mark) === 0 ? term.slice(mark.length) : term;
      return getJson("s/" + (fnv1a(key) % manifest.pecahan) + ".json");
    }

    // [[doc, score, piece], ...] of a term (see generator/outputs/search/shards.py).
    // The shard stores [gaps, scores] (each doc as the gap to the previous
    // one) and, when a document first uses the term past the first piece of
    // its text, [pieces]. A root term whose word is in the same shard is
    // stored relative to the word: {d: score deltas, p: piece deltas, x: gaps
    // of the documents the word lacks}.
    // Decoded lists are kept per shard (a shard's data never changes), so the
    // searches of someone typing decode each list once.
    var decoded = new WeakMap();
    function postings(data, term) {
      var special = term === manifest.kunci_akar || term === manifest.kunci_sama;
      if (!hasOwn(data, term) || special) return null;
      var memo = decoded.get(data);
      if (!memo) decoded.set(data, memo = {});
      if (!hasOwn(memo, term)) memo[term] = decode(data, term);
      return memo[term];
    }

    function decode(data, term) {
      var value = data[term];
      if (!Array.isArray(value)) return relative(data, value, term.slice(manifest.tanda_akar.length));
      var gaps = value[0], scores = value[1], pieces = value[2];
      var out = [];
      var doc = 0;
      for (var i = 0; i < gaps.length; i++) {
        doc += gaps[i];
        out.push([doc, scores[i], pieces ? pieces[i] : 0]);
      }
      return out;
    }

    function relative(data, value, word) {
      var own = postings(data, word) || [];
      var extra = [];
      var doc = 0;
      (value.x || []).forEach(function (gap) { doc += gap; extra.push(doc); });
      var out = [];
      var i = 0, j = 0;
      for (var k = 0; k < value.d.length; k++) {
        var fromWord = j >= extra.length || (i < own.length && own[i][0] < extra[j]);
        var base = fromWord ? own[i++] : [extra[j++], 0, 0];
        var score = (fromWord ? Math.round(base[1] * manifest.faktor_akar) : 0) + value.d[k];
        out.push([base[0], score, base[2] + (value.p ? value.p[k] : 0)]);
      }
      return out;
    }

    // Words whose root term is left out of the index: their root scores are
    // their own scores times manifest.faktor_akar.
    function sameRoot(data, word) {
      return (data[manifest.kunci_sama] || []).indexOf(word) >= 0;
    }

    function scaled(list) {
      return (list || []).map(function (p) { return [p[0], Math.round(p[1] * manifest.faktor_akar), p[2]]; });
    }

    // {root, list}: the postings of the root term of `candidates` (the first one known).
    function rootPostings(candidates) {
      var mark = manifest.tanda_akar;
      return Promise.all(candidates.map(function (c) {
        return shard(mark + c).then(function (d) { return postings(d, mark + c); });
      })).then(function (lists) {
        for (var i = 0; i < lists.length; i++) if (lists[i]) return { root: candidates[i], list: lists[i] };
        // A candidate may be a word that is its own root (its root term left out).
        return Promise.all(candidates.map(function (c) {
          return shard(c).then(function (d) { return sameRoot(d, c) ? scaled(postings(d, c)) : null; });
        })).then(function (more) {
          for (var k = 0; k < more.length; k++) if (more[k]) return { root: candidates[k], list: more[k] };
          return { root: null, list: null };
        });
      });
    }

    // {scores: doc -> exact score + root score, places: doc -> piece, root}
    function scoreWord(word) {
      return shard(word).then(function (data) {
        var exact = postings(data, word);
        var known = (data[manifest.kunci_akar] || {})[word];
        var roots;
        if (exact && sameRoot(data, word)) roots = Promise.resolve({ root: word, list: scaled(exact) });
        else if (known) roots = rootPostings([known]);
        else if (exact) roots = rootPostings([word]);
        else roots = rootPostings([word].concat(stripAffixes(word)));
        return roots.then(function (found) {
          var scores = {};
          var places = {};
          var add = function (list) {
            (list || []).forEach(function (p) {
              scores[p[0]] = (scores[p[0]] || 0) + p[1];
              if (!hasOwn(places, p[0])) places[p[0]] = p[2];  // where the word itself is, first
            });
          };
          add(exact);
          add(found.list);
          return { scores: scores, places: places, root: found.root || (exact ? word : null) };
        });
      });
    }

    function prefixKey(word) {
      var key = word.slice(0, manifest.prefiks);
      return split[key] ? word.slice(0, manifest.prefiks + 1) : key;
    }

    // [[word, documents], ...] of the index words filed under `key`.
    function wordList(key) {
      var file = "k/" + (fnv1a(key) % manifest.berkas_kata) + ".json";
      return getJson(file).then(function (data) { return hasOwn(data, key) ? data[key] : []; });
    }

    // [[word, documents], ...]: index words starting with `word` (not `word`
    // itself), most frequent first.
    function completions(word) {
      if (word.length < PREFIX_MIN || !/^\p{L}+$/u.test(word)) return Promise.resolve([]);
      return wordList(prefixKey(word)).then(function (list) {
        var found = list.filter(function (e) { return e[0].length > word.length && e[0].indexOf(word) === 0; });
        found.sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
        return found.slice(0, PREFIX_MAX);
      });
    }

    // [word, documents]: the index word closest to a slipped `word` (1 edit;
    // 2 from TYPO_TWO letters), the most frequent among equals; null when none is close.
    // Words are looked for under the word's own key and the keys of two
    // slips at its start (first letters swapped, second letter extra).
    function correction(word) {
      if (word.length < TYPO_MIN || !/^\p{L}+$/u.test(word)) return Promise.resolve(null);
      var max = word.length >= TYPO_TWO ? 2 : 1;
      var variants = [word, word[1] + word[0] + word.slice(2), word[0] + word.slice(2)];
      var keys = [];
      variants.forEach(function (v) { var k = prefixKey(v); if (keys.indexOf(k) < 0) keys.push(k); });
      return Promise.all(keys.map(wordList)).then(function (lists) {
        var best = null;
        lists.forEach(function (list) {
          list.forEach(function (e) {
            var d = editDistance(word, e[0], max);
            if (d > max || d === 0) return;
            if (!best || d < best.d || (d === best.d && (e[1] > best.n || (e[1] === best.n && e[0] < best.word)))) {
              best = { word: e[0], d: d, n: e[1] };
            }
          });
        });
        return best ? [best.word, best.n] : null;
      });
    }

    // {scores: doc -> best exact score among `list` of words, times WEAK_FACTOR,
    //  places: doc -> piece of that best word}
    function weakScores(list) {
      return Promise.all(list.map(function (w) {
        return shard(w).then(function (d) { return postings(d, w) || []; });
      })).then(function (lists) {
        var scores = {};
        var places = {};
        lists.forEach(function (found) {
          found.forEach(function (p) {
            var v = Math.max(1, Math.round(p[1] * WEAK_FACTOR));
            if (!scores[p[0]] || scores[p[0]] < v) { scores[p[0]] = v; places[p[0]] = p[2]; }
          });
        });
        return { scores: scores, places: places };
      });
    }

    // How one query word matches: {word, strong: doc->score, weak: doc->score,
    // places: doc->piece, root, forms: completed/corrected words, prefix: bool,
    // corrected: word|null}.
    // The last word is also completed; any other word only when it matches
    // nothing itself. A word that matches nothing itself, and completes to
    // nothing either, is corrected.
    function matchWord(word, last) {
      return scoreWord(word).then(function (exact) {
        var found = Object.keys(exact.scores).length > 0;
        var out = {
          word: word, strong: exact.scores, weak: {}, places: exact.places, root: exact.root,
          forms: [], prefix: false, corrected: null
        };
        if (found && !last) return out;
        return Promise.all([completions(word), found ? null : correction(word)]).then(function (both) {
          var more = both[0].map(function (e) { return e[0]; });
          // A word that completes to index words is being typed, not slipped:
          // only a word with no completion at all is corrected.
          var fixed = both[1] && more.length === 0 ? both[1][0] : null;
          out.prefix = more.length > 0;
          out.forms = more.concat(fixed ? [fixed] : []);
          return Promise.all([weakScores(more), fixed ? scoreWord(fixed) : null]).then(function (scores) {
            out.weak = scores[0].scores;
            var places = scores[0].places;
            if (fixed) {
              var fixedScores = scores[1];
              out.corrected = fixed;
              out.root = fixedScores.root || fixed;
              Object.keys(fixedScores.scores).forEach(function (doc) {
                var v = Math.max(1, Math.round(fixedScores.scores[doc] * WEAK_FACTOR));
                if (!out.weak[doc] || out.weak[doc] < v) { out.weak[doc] = v; places[doc] = fixedScores.places[doc]; }
              });
            }
            Object.keys(places).forEach(function (doc) {
              if (!hasOwn(out.places, doc)) out.places[doc] = places[doc];
            });
            return out;
          });
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
          return hasOwn(values, filters[name]) ? decodeGaps(values[filters[name]]) : {};
        });
      });
    }

    // {docs: [{doc, hits, strong, score, places}], matches: [matchWord...], corrected: query|null}
    // (places: the pieces of the document's text where its matched words first occur)
    // Documents with every word (exact, root, completed or corrected) first;
    // then by the number of words matched exactly or by root, the score, and
    // catalogue order. `typing` (default true): the last word is still being
    // typed, so it is completed even when it matches as it is; a query from
    // the address or a submitted form is complete and only words that match
    // nothing are completed (which also saves the word list and its shards).
    function search(query, filters, typing) {
      var terms = words(query);
      var lastOpen = terms.length > 0 && typing !== false;
      return Promise.all([
        Promise.all(terms.map(function (t, i) { return matchWord(t, lastOpen && i === terms.length - 1); })),
        filterSets(filters || {})
      ]).then(function (found) {
        var matches = found[0];
        var sets = found[1];
        var allowed = function (doc) { return sets.every(function (set) { return set[doc]; }); };
        var docs = [];
        if (!terms.length) {
          for (var d = 0; d < manifest.dokumen; d++) if (allowed(d)) docs.push({ doc: d, hits: 0, strong: 0, score: 0, places: [] });
          return { docs: docs, matches: matches, corrected: null, words: 0 };
        }
        var entries = {};
        var entry = function (doc) {
          return entries[doc] || (entries[doc] = { doc: Number(doc), hits: 0, strong: 0, score: 0, places: [] });
        };
        var place = function (e, piece) { if (e.places.indexOf(piece) < 0) e.places.push(piece); };
        matches.forEach(function (m) {
          Object.keys(m.strong).forEach(function (doc) {
            var e = entry(doc);
            e.hits += 1;
            e.strong += 1;
            e.score += m.strong[doc];
            place(e, m.places[doc] || 0);
          });
          Object.keys(m.weak).forEach(function (doc) {
            if (hasOwn(m.strong, doc)) return;
            var e = entry(doc);
            e.hits += 1;
            e.score += m.weak[doc];
            place(e, m.places[doc] || 0);
          });
        });
        Object.keys(entries).forEach(function (key) {
          if (allowed(Number(key))) docs.push(entries[key]);
        });
        docs.sort(function (a, b) {
          return b.hits - a.hits || b.strong - a.strong || b.score - a.score || a.doc - b.doc;
        });
        var corrected = null;
        if (matches.some(function (m) { return m.corrected; })) {
          corrected = matches.map(function (m) { return m.corrected || m.word; }).join(" ");
        }
        return { docs: docs, matches: matches, corrected: corrected, words: terms.length };
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

    // The text to cut each result's snippet from: the pieces of its page's
    // text where its query words first occur (at most PIECES_MAX, in page
    // order), joined, with "…" where text is left out; null for a result that
    // matched no word (a list of a filter alone).
    function texts(docs) {
      return Promise.all(docs.map(function (entry) {
        var places = (entry.places || []).slice(0, PIECES_MAX).sort(function (a, b) { return a - b; });
        if (!places.length) return null;
        return Promise.all(places.map(function (n) {
          return getJson("t/" + entry.doc + "-" + n + ".json");
        })).then(function (parts) {
          var out = places[0] > 0 ? "… " : "";
          parts.forEach(function (part, i) {
            if (i > 0) out += places[i] === places[i - 1] + 1 ? " " : " … ";
            out += part;
          });
          return out;
        });
      }));
    }

    return { search: search, rows: rows, texts: texts, completions: completions, correction: correction, manifest: manifest };
  }

  // ------------------------------------------------------------ highlighting

  // A function telling whether a word of a page is a form of a query word:
  // the word itself, a completion or correction, a word the typed prefix
  // starts, or (by stripping affixes) a word sharing its root. It returns the
  // query word's number plus one, or 0 when the word is no form of any.
  function matcher(matches) {
    var exact = {};
    var prefixes = [];
    var roots = {};
    (matches || []).forEach(function (m, i) {
      var n = i + 1;
      exact[m.word] = exact[m.word] || n;
      m.forms.forEach(function (f) { exact[f] = exact[f] || n; });
      if (m.prefix) prefixes.push([m.word, n]);
      if (m.root) roots[m.root] = roots[m.root] || n;
      if (m.corrected) exact[m.corrected] = exact[m.corrected] || n;
    });
    var has = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };
    return function (token) {
      var t = token.toLowerCase();
      if (has(exact, t)) return exact[t];
      if (has(roots, t)) return roots[t];
      for (var i = 0; i < prefixes.length; i++) if (t.indexOf(prefixes[i][0]) === 0) return prefixes[i][1];
      if (t.length >= 5) {
        var stripped = stripAffixes(t);
        for (var k = 0; k < stripped.length; k++) {
          if (has(roots, stripped[k])) return roots[stripped[k]];
          if (has(exact, stripped[k])) return exact[stripped[k]];
        }
      }
      return 0;
    };
  }

  // [[text, marked], ...]: `text` cut into runs, words the matcher accepts marked.
  function markParts(text, isMatch) {
    var parts = [];
    var re = /[\p{L}\p{N}]+/gu;
    var last = 0;
    var m;
    while ((m = re.exec(text)) !== null) {
      if (!isMatch(m[0])) continue;
      if (m.index > last) parts.push([text.slice(last, m.index), false]);
      parts.push([m[0], true]);
      last = m.index + m[0].length;
    }
    if (last < text.length) parts.push([text.slice(last), false]);
    return parts;
  }

  // A piece of `text` from `from` to about `to`, cut at spaces, with ellipses.
  function piece(text, from, to, at) {
    var start = Math.max(0, from);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space >= 0 && space < at ? space + 1 : start;
    }
    var end = Math.min(text.length, to);
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      if (cut > at) end = cut;
    }
    return { start: start, end: end };
  }

  // About `size` characters of `text` around the place where the most
  // different query words match, followed by a short piece around the first
  // place of each query word that place lacks; null when nothing matches.
  function snippet(text, isMatch, size) {
    var re = /[\p{L}\p{N}]+/gu;
    var hits = [];
    var m;
    while ((m = re.exec(text)) !== null) {
      var which = isMatch(m[0]);
      if (which) hits.push({ at: m.index, end: m.index + m[0].length, which: which });
    }
    if (!hits.length) return null;
    var best = 0;
    var bestCount = 0;
    for (var i = 0; i < hits.length; i++) {
      var seen = {};
      var count = 0;
      for (var j = i; j < hits.length && hits[j].at - hits[i].at < size - 60; j++) {
        if (!seen[hits[j].which]) { seen[hits[j].which] = true; count++; }
      }
      if (count > bestCount) { bestCount = count; best = i; }
    }
    var pieces = [piece(text, hits[best].at - 50, hits[best].at - 50 + size, hits[best].at)];
    var covered = {};
    hits.forEach(function (h) { if (h.at >= pieces[0].start && h.end <= pieces[0].end) covered[h.which] = true; });
    hits.forEach(function (h) {
      if (covered[h.which]) return;
      covered[h.which] = true;
      pieces.push(piece(text, h.at - 30, h.end + 40, h.at));
    });
    pieces.sort(function (a, b) { return a.start - b.start; });
    var out = "";
    var last = 0;
    pieces.forEach(function (p) {
      if (p.start < last) p.start = last;
      if (p.start >= p.end) return;
      out += (p.start > last || (last === 0 && p.start > 0) ? (out ? " … " : "… ") : "") + text.slice(p.start, p.end);
      last = p.end;
    });
    return out + (last < text.length ? " …" : "");
  }

  var api = {
    fnv1a: fnv1a, words: words, stripAffixes: stripAffixes, editDistance: editDistance,
    createEngine: createEngine, matcher: matcher, markParts: markParts, snippet: snippet
  };
  if (typeof document === "undefined") {
    if (typeof module !== "undefined" && module.exports) module.exports = api;
    return;
  }

  // ------------------------------------------------------------------- loading

  // Loads one JSON file of the index, once. Over http(s) with fetch; from a
  // folder (file:, the offline copy) browsers refuse fetch, so the copy also
  // holds each file as a script (X.json -> X.js, see generator/outputs/offline.py)
  // that calls replikaIndeks(name, data), name being its path in cari-indeks/.
  var viaScript = window.location.protocol === "file:";
  var waiting = {};
  var cache = {};
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
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }

  // One engine per page, shared by the search page and the header box; made
  // on first use (the header box loads nothing until someone types in it).
  var enginePromise = null;
  function engineAt(baseRel) {
    if (!enginePromise) {
      var base = new URL(baseRel, window.location.href);
      enginePromise = load(new URL("cari-indeks/terkini.json", base).href).then(function (pointer) {
        if (!/^[0-9a-f]+$/.test(String(pointer.indeks))) throw new Error("indeks");
        var folder = new URL("cari-indeks/" + pointer.indeks + "/", base);
        var getJson = function (path) { return load(new URL(path, folder).href); };
        return getJson("manifest.json").then(function (manifest) { return createEngine(getJson, manifest); });
      });
      enginePromise.catch(function () { enginePromise = null; });
    }
    return enginePromise;
  }

  // ------------------------------------------------------------------- showing

  var SAFE_URL = /^[a-z0-9][a-z0-9\/_.#-]*$/i;
  function resultHref(baseRel, url) {
    url = String(url);
    if (!SAFE_URL.test(url) || url.indexOf("..") >= 0) url = "";
    // From a folder (file:) a folder address shows a file listing: open its index.html.
    if (viaScript) {
      var hash = url.indexOf("#");
      var path = hash >= 0 ? url.slice(0, hash) : url;
      var anchor = hash >= 0 ? url.slice(hash) : "";
      if (path === "" || path.slice(-1) === "/") path += "index.html";
      url = path + anchor;
    }
    return baseRel + url;
  }

  // Appends `text` to `parent` with the matching words in <mark>.
  function appendMarked(parent, text, isMatch) {
    markParts(String(text), isMatch).forEach(function (part) {
      if (part[1]) {
        var mark = document.createElement("mark");
        mark.textContent = part[0];
        parent.appendChild(mark);
      } else {
        parent.appendChild(document.createTextNode(part[0]));
      }
    });
  }

  function kindLabel(engine, kind) {
    var kinds = engine.manifest.jenis_halaman || {};
    return Object.prototype.hasOwnProperty.call(kinds, kind) ? String(kinds[kind]) : "";
  }

  // ------------------------------------------------------------ the search page

  function searchPage(root) {
    var SHOWN = 10;
    var SNIPPET = 180;
    var baseRel = root.getAttribute("data-base") || "./";
    var form = root.querySelector("form");
    var input = root.querySelector("#rp-q");
    var selects = Array.prototype.slice.call(root.querySelectorAll("select[data-filter]"));
    var status = root.querySelector(".rp-cari__status");
    var list = root.querySelector(".rp-cari__hasil");
    var more = root.querySelector(".rp-cari__lagi");
    var engine = null;
    var counter = 0;
    var timer = null;
    var current = { result: null, shown: 0, mine: 0, isMatch: null };

    function item(row, text, isMatch) {
      var li = document.createElement("li");
      li.className = "rp-cari__item";
      var heading = document.createElement("h2");
      heading.className = "rp-cari__judul";
      var link = document.createElement("a");
      link.setAttribute("href", resultHref(baseRel, row[1]));
      appendMarked(link, row[0], isMatch);
      heading.appendChild(link);
      li.appendChild(heading);
      var meta = document.createElement("p");
      meta.className = "rp-cari__meta";
      var label = kindLabel(engine, row[4]);
      if (label) {
        var kind = document.createElement("span");
        kind.className = "rp-cari__jenis rp-cari__jenis--" + String(row[4]).replace(/[^a-z]/g, "");
        kind.textContent = label;
        meta.appendChild(kind);
      }
      if (row[3]) meta.appendChild(document.createTextNode((label ? " · " : "") + String(row[3])));
      li.appendChild(meta);
      var summary = document.createElement("p");
      summary.className = "rp-cari__cuplikan";
      var cut = typeof text === "string" ? snippet(text, isMatch, SNIPPET) : null;
      appendMarked(summary, cut || String(row[2]), isMatch);
      li.appendChild(summary);
      return li;
    }

    function separator() {
      var li = document.createElement("li");
      li.className = "rp-cari__pemisah";
      li.setAttribute("role", "separator");
      li.textContent = "Hasil berikut hanya memuat sebagian kata kunci:";
      return li;
    }

    function showMore() {
      var mine = current.mine;
      var result = current.result;
      var start = current.shown;
      var next = result.docs.slice(start, start + SHOWN);
      current.shown += next.length;
      return Promise.all([engine.rows(next), engine.texts(next).catch(function () { return []; })]).then(function (found) {
        if (mine !== counter) return;
        var fragment = document.createDocumentFragment();
        found[0].forEach(function (row, i) {
          var doc = next[i];
          var prev = start + i > 0 ? result.docs[start + i - 1] : null;
          if (result.words > 1 && doc.hits < result.words && (!prev || prev.hits === result.words)) {
            fragment.appendChild(separator());
          }
          if (row) fragment.appendChild(item(row, found[1][i], current.isMatch));
        });
        list.appendChild(fragment);
        more.hidden = current.shown >= result.docs.length;
      });
    }

    function describe(query, filters, result) {
      var parts = [];
      if (query) parts.push("«" + query + "»");
      Object.keys(filters).forEach(function (name) { parts.push(filters[name]); });
      var what = parts.join(", ");
      var docs = result.docs;
      var text = "";
      if (result.corrected) text = "Menampilkan hasil untuk «" + result.corrected + "». ";
      if (!docs.length) return text + "Tidak ada hasil untuk " + what + ".";
      var full = docs.filter(function (d) { return d.hits === result.words; }).length;
      text += docs.length + " hasil untuk " + what;
      if (result.words > 1 && full < docs.length) text += " (" + full + " memuat semua kata)";
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
        (engine.manifest.saringan[sel.dataset.filter] || []).forEach(function (entry) {
          var option = document.createElement("option");
          option.value = entry[0];
          option.textContent = entry[0] + " (" + entry[1] + ")";
          sel.appendChild(option);
        });
        if (sel.dataset.wanted) sel.value = sel.dataset.wanted;
      });
    }

    function run(typing) {
      window.clearTimeout(timer);
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
      // No jump while typing: the previous results stay until the new ones
      // are ready, and the status line keeps its height meanwhile.
      if (!status.style.minHeight) status.style.minHeight = status.offsetHeight + "px";
      status.textContent = "Mencari…";
      var settle = function (text) {
        if (mine !== counter) return;
        status.textContent = text;
        status.style.minHeight = "";
      };
      return engine.search(query, filters, typing === true).then(function (result) {
        if (mine !== counter) return;
        current = { result: result, shown: 0, mine: mine, isMatch: matcher(result.matches) };
        var old = list;
        list = old.cloneNode(false);
        return showMore().then(function () {
          if (mine !== counter) return;
          old.parentNode.replaceChild(list, old);
          settle(describe(query, filters, result));
        });
      }).catch(function () {
        settle("Pencarian gagal: indeks tidak dapat dimuat. Muat ulang halaman.");
      });
    }

    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { run(true); }, 200);
    }

    // Arrow keys: from the box down into the result links, between them, and back.
    function links() {
      return Array.prototype.slice.call(root.querySelectorAll(".rp-cari__hasil a"));
    }
    function onKey(event) {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp" && event.key !== "Escape") return;
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (event.key === "Escape") {
        if (at >= 0) { event.preventDefault(); input.focus(); }
        return;
      }
      if (event.target === input && event.key === "ArrowDown" && all.length) {
        event.preventDefault();
        all[0].focus();
      } else if (at >= 0) {
        event.preventDefault();
        var to = at + (event.key === "ArrowDown" ? 1 : -1);
        if (to < 0) input.focus();
        else if (to < all.length) all[to].focus();
      }
    }

    readAddress();
    engineAt(baseRel).then(function (found) {
      engine = found;
      api.engine = found;  // for the benchmark: time a search whose files are here
      fillFilters();
      form.addEventListener("submit", function (event) { event.preventDefault(); run(false); });
      input.addEventListener("input", later);
      root.addEventListener("keydown", onKey);
      selects.forEach(function (sel) { sel.addEventListener("change", function () { run(false); }); });
      more.addEventListener("click", showMore);
      root.setAttribute("data-siap", "");
      return run(false);
    }).catch(function () {
      status.textContent = "Indeks pencarian belum tersedia. Bangun situs dengan `replika build`.";
    });
  }

  // ------------------------------------------------------------ the header box

  // Suggestions under the header box while typing: the best few results,
  // arrow keys to choose, Enter to open one (or, with none chosen, the search
  // page with every result), Escape to close. The panel floats over the page.
  function headerBox(form) {
    var SHOWN = 6;
    var input = form.querySelector("input[name=q]");
    if (!input) return;
    var baseRel = form.getAttribute("data-base") || "./";
    var panel = document.createElement("ul");
    panel.className = "rp-header-cari__saran";
    panel.id = "rp-header-saran";
    panel.setAttribute("role", "listbox");
    panel.setAttribute("aria-label", "Saran hasil");
    panel.hidden = true;
    form.appendChild(panel);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", panel.id);
    input.setAttribute("aria-expanded", "false");
    var timer = null;
    var counter = 0;
    var active = -1;

    function options() {
      return Array.prototype.slice.call(panel.querySelectorAll("[role=option]"));
    }

    function close() {
      panel.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function choose(n) {
      var all = options();
      if (!all.length) return;
      active = (n + all.length) % all.length;
      all.forEach(function (o, i) { o.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", all[active].id);
    }

    function option(n, href, fill) {
      var li = document.createElement("li");
      li.id = "rp-header-saran-" + n;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var link = document.createElement("a");
      link.setAttribute("href", href);
      link.tabIndex = -1;
      fill(link);
      li.appendChild(link);
      return li;
    }

    function allResultsHref(query) {
      var page = resultHref(baseRel, "cari/");
      return page + "?q=" + encodeURIComponent(query);
    }

    function show(engine, query, result, rows) {
      panel.textContent = "";
      var isMatch = matcher(result.matches);
      if (result.corrected) {
        var note = document.createElement("li");
        note.className = "rp-header-cari__catatan";
        note.textContent = "Menampilkan hasil untuk «" + result.corrected + "»";
        panel.appendChild(note);
      }
      rows.forEach(function (row, i) {
        if (!row) return;
        panel.appendChild(option(i, resultHref(baseRel, row[1]), function (link) {
          var label = kindLabel(engine, row[4]);
          if (label) {
            var kind = document.createElement("span");
            kind.className = "rp-cari__jenis";
            kind.textContent = label;
            link.appendChild(kind);
            link.appendChild(document.createTextNode(" "));
          }
          appendMarked(link, row[0], isMatch);
        }));
      });
      var total = result.docs.length;
      panel.appendChild(option(rows.length, allResultsHref(query), function (link) {
        link.className = "rp-header-cari__semua";
        link.textContent = total ? "Semua " + total + " hasil untuk «" + query + "»" : "Tidak ada hasil untuk «" + query + "»";
      }));
      panel.hidden = false;
      active = -1;
      input.setAttribute("aria-expanded", "true");
      input.removeAttribute("aria-activedescendant");
    }

    function run() {
      var query = input.value.trim();
      var mine = ++counter;
      if (!words(query).length) { close(); return Promise.resolve(); }
      return engineAt(baseRel).then(function (engine) {
        return engine.search(query, {}, true).then(function (result) {
          var top = result.docs.slice(0, SHOWN);
          return engine.rows(top).then(function (rows) {
            if (mine === counter) show(engine, query, result, rows);
          });
        });
      }).catch(function () { if (mine === counter) close(); });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(run, 150);
    });
    input.addEventListener("focus", function () { engineAt(baseRel).catch(function () {}); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (panel.hidden) return;
        event.preventDefault();
        choose(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Escape") {
        // The first Escape closes the suggestions (and keeps the text; a
        // search box would clear itself), the next one clears as usual.
        if (!panel.hidden) {
          event.preventDefault();
          close();
        }
      } else if (event.key === "Enter" && !panel.hidden && active >= 0) {
        event.preventDefault();
        var link = options()[active].querySelector("a");
        window.location.href = link.href;
      }
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) close();
    });
  }

  // For the tests: the engine's pure functions.
  window.rpCari = api;
  var page = document.querySelector("[data-rp-cari]");
  if (page) searchPage(page);
  var header = document.querySelector(".rp-header-cari");
  if (header) headerBox(header);
})();
