/* Prakat search: results as you type in the header's search box, and the /search/ page.
 *
 * The index is Pagefind's (/pagefind/), built from the agency records.  Thai has no spaces between
 * words, so the build cut every Thai text into words (plugins/prakat/thaiwords.py) and this file cuts
 * the query the same way, with the same algorithm and the part of the dictionary the index used
 * (/search/search-data.json, loaded the first time a search box gets focus).  Pagefind would cut a
 * Thai query with the browser's own segmenter, which splits differently from the index, so it is
 * started with a neutral language tag and receives the query already cut.
 *
 * Nothing is sent anywhere: every file comes from this site.  Without JavaScript the search page
 * says so and links to the list of agencies.
 */
(function () {
  "use strict";
  if (window.PrakatSearch) return; // loaded twice: once is enough

  var DATA_URL = "/search/search-data.json";
  var PAGEFIND_URL = "/pagefind/pagefind.js";
  var PAGE_SIZE = 10;
  var SUGGESTIONS = 5;
  var DELAY = 120; // ms after the last keystroke
  var MARK = "\u2060";
  var STYLESHEET = "/theme/search.css";
  // A match in an agency's name counts most; in the words inside its name or its PDFs less; in its parent's little.
  var META_WEIGHTS = {title: 5, title_en: 5, k: 2, d: 1, parent: 0.5, parent_en: 0.5};

  // --- Thai word breaking: a line-for-line copy of plugins/prakat/thaiwords.py -------------------

  var THAI_RUN = /[\u0e01-\u0e4f]+/g;
  var NO_BREAK_BEFORE = "\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e45" +
    "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e";
  var NO_BREAK_AFTER = "\u0e40\u0e41\u0e42\u0e43\u0e44";
  var LATIN_OR_DIGIT = /^[A-Za-z0-9]$/;

  function normalize(text) {
    return text.replace(/[\u0e50-\u0e59]/g, function (d) {
      return String.fromCharCode(d.charCodeAt(0) - 0x0e50 + 48);
    }).replace(/\u0e4d\u0e32/g, "\u0e33");
  }

  // The build ships the dictionary as one ASCII string (plugins/search/build.py encode_words).
  function decodeWords(encoded) {
    return encoded.split(" ").filter(Boolean).map(function (word) {
      var out = "";
      for (var i = 0; i < word.length; i++) out += String.fromCharCode(word.charCodeAt(i) + 0x0DD0);
      return out;
    });
  }

  function ThaiWords(data) {
    var words = typeof data.words === "string" ? decodeWords(data.words) : data.words;
    this.words = new Set(words);
    this.prefixes = new Set();
    var self = this;
    words.forEach(function (w) {
      for (var i = 1; i <= w.length; i++) self.prefixes.add(w.slice(0, i));
    });
    this.splitFrom = data.split_from;
    this.minPart = data.min_part;
    this.memo = new Map();
  }

  function less(a, b) { // compare (outside words, pieces, -end) like Python tuples
    if (a[0] !== b[0]) return a[0] < b[0];
    if (a[1] !== b[1]) return a[1] < b[1];
    return a[2] < b[2];
  }

  ThaiWords.prototype.cut = function (run, exclude) {
    var n = run.length, i, j, k;
    var breakable = new Array(n + 1);
    for (i = 0; i <= n; i++) {
      breakable[i] = i === 0 || i === n ||
        (NO_BREAK_BEFORE.indexOf(run[i]) < 0 && NO_BREAK_AFTER.indexOf(run[i - 1]) < 0);
    }
    var best = new Array(n + 1);
    best[n] = [0, 0, -n, true];
    for (i = n - 1; i >= 0; i--) {
      if (!breakable[i]) continue;
      k = i + 1;
      while (!breakable[k]) k++;
      var after = best[k];
      var choice = [after[0] + k - i, after[1] + 1, -k, false];
      j = i + 1;
      while (j <= n && this.prefixes.has(run.slice(i, j))) {
        after = best[j];
        var piece = run.slice(i, j);
        if (breakable[j] && after !== undefined && this.words.has(piece) && piece !== exclude) {
          var candidate = [after[0], after[1] + 1, -j, true];
          if (less(candidate, choice)) choice = candidate;
        }
        j++;
      }
      best[i] = choice;
    }
    var pieces = [];
    i = 0;
    while (i < n) {
      var step = best[i];
      j = -step[2];
      var last = pieces[pieces.length - 1];
      if (!step[3] && last && !last.known) last.text += run.slice(i, j);
      else pieces.push({text: run.slice(i, j), known: step[3]});
      i = j;
    }
    return pieces;
  };

  ThaiWords.prototype.split = function (word) {
    if (word.length < this.splitFrom) return [word];
    var parts = this.cut(word, word), self = this;
    if (parts.every(function (p) { return p.known && p.text.length >= self.minPart; })) {
      var out = [];
      parts.forEach(function (p) { out.push.apply(out, self.split(p.text)); });
      return out;
    }
    return [word];
  };

  ThaiWords.prototype.runWords = function (run) {
    var found = this.memo.get(run);
    if (found === undefined) {
      found = [];
      var self = this;
      this.cut(run, null).forEach(function (piece) {
        if (piece.known) found.push.apply(found, self.split(piece.text));
        else found.push(piece.text);
      });
      this.memo.set(run, found);
    }
    return found;
  };

  ThaiWords.prototype.spaced = function (text, separator) {
    var self = this;
    return normalize(text).replace(THAI_RUN, function (match, start, whole) {
      var joined = self.runWords(match).join(separator);
      var end = start + match.length;
      if (start > 0 && LATIN_OR_DIGIT.test(whole[start - 1])) joined = separator + joined;
      if (end < whole.length && LATIN_OR_DIGIT.test(whole[end])) joined += separator;
      return joined;
    });
  };

  // What the index is asked: the query cut into words; a telephone number typed with spaces or
  // dashes as its digits alone, the way the index also holds it.
  function prepareQuery(words, raw) {
    var query = normalize(raw).trim();
    if (/\d/.test(query) && /^[\d\s\-().+]+$/.test(query)) query = query.replace(/[\s\-().]/g, "");
    return words.spaced(query, " ");
  }

  // --- loading, once -------------------------------------------------------------------------------

  var loading = null;

  function startPagefind(pagefind) {
    return pagefind.options({excerptLength: 24, noWorker: true, ranking: {metaWeights: META_WEIGHTS}}).then(function () {
      // Pagefind takes the language from <html lang> when it starts and, for Thai, cuts the query
      // with Intl.Segmenter.  The query is already cut with the index's own dictionary.
      var root = document.documentElement, lang = root.getAttribute("lang");
      root.setAttribute("lang", "zxx");
      var started;
      try { started = pagefind.init(); } finally { root.setAttribute("lang", lang || "th"); }
      return started;
    }).then(function () { return pagefind; });
  }

  function load() {
    if (!loading) {
      var data = fetch(DATA_URL, {cache: "no-cache"}).then(function (response) {
        if (!response.ok) throw new Error(DATA_URL + ": " + response.status);
        return response.json();
      });
      var engine = import(PAGEFIND_URL).then(startPagefind);
      loading = Promise.all([data, engine]).then(function (both) {
        return {data: both[0], words: new ThaiWords(both[0].segmenter), pagefind: both[1]};
      });
      loading.catch(function () { loading = null; }); // a later focus tries again
    }
    return loading;
  }

  // --- shared rendering --------------------------------------------------------------------------

  function pageLang() {
    return document.documentElement.getAttribute("lang") === "en" ? "en" : "th";
  }

  function message(data, key, lang, params) {
    var entry = data.messages[key];
    var text = entry ? entry[lang] : key;
    Object.keys(params || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(String(params[name]));
    });
    return text;
  }

  function unmark(text) {
    return (text || "").split(" " + MARK).join("").split(MARK).join("");
  }

  function label(data, table, key, lang) {
    var entry = data.labels[table] && data.labels[table][key];
    return entry ? entry[lang] : "";
  }

  // Pagefind's excerpt: text with <mark> around matches, < and > escaped.  Built as DOM nodes,
  // never as HTML, with the build's word separators taken out.
  function appendExcerpt(parent, excerpt) {
    var text = (excerpt || "").replace(/ (<mark>)?\u2060/g, "$1").split(MARK).join("");
    text.split(/(<mark>|<\/mark>)/).reduce(function (inMark, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      if (part) {
        var node = document.createTextNode(part.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
        if (inMark) {
          var mark = document.createElement("mark");
          mark.appendChild(node);
          parent.appendChild(mark);
        } else {
          parent.appendChild(node);
        }
      }
      return inMark;
    }, false);
  }

  function agencyHref(url, lang) {
    return lang === "en" ? "/en" + url : url;
  }

  function first(values) {
    return values && values.length ? values[0] : "";
  }

  function resultItem(loaded, item, lang, withSnippet) {
    var data = loaded.data, meta = item.meta || {}, filters = item.filters || {};
    var li = document.createElement("li");
    li.className = "search-result";
    var link = document.createElement("a");
    link.className = "search-result-name";
    link.href = agencyHref(item.url, lang);
    link.textContent = lang === "en" && meta.title_en ? meta.title_en : unmark(meta.title);
    li.appendChild(link);
    var facts = [];
    var parent = lang === "en" && meta.parent_en ? meta.parent_en : unmark(meta.parent);
    if (parent) facts.push(message(data, "search.result.parent", lang, {name: parent}));
    var type = label(data, "types", first(filters.type), lang);
    if (type) facts.push(type);
    var province = label(data, "provinces", first(filters.province), lang);
    if (province) facts.push(province);
    if (facts.length) {
      var p = document.createElement("p");
      p.className = "search-result-facts";
      p.textContent = facts.join(" · ");
      li.appendChild(p);
    }
    if (withSnippet && item.excerpt) {
      var snippet = document.createElement("p");
      snippet.className = "search-result-snippet";
      appendExcerpt(snippet, item.excerpt);
      li.appendChild(snippet);
    }
    return li;
  }

  // Arrow keys walk from the box through the result links and back; Escape returns to the box.
  function keyboard(input, list, onEscape) {
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        var firstLink = list.querySelector("a");
        if (firstLink) { event.preventDefault(); firstLink.focus(); }
      } else if (event.key === "Escape" && onEscape) {
        onEscape();
      }
    });
    list.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (at < 0) return;
      if (event.key === "ArrowDown" && at < links.length - 1) {
        event.preventDefault(); links[at + 1].focus();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (at > 0) links[at - 1].focus(); else input.focus();
      } else if (event.key === "Escape") {
        event.preventDefault(); input.focus();
        if (onEscape) onEscape();
      }
    });
  }

  function runner(render) {
    var sequence = 0, timer = null;
    return function (query, filters, delay) {
      clearTimeout(timer);
      var mine = ++sequence;
      timer = setTimeout(function () {
        load().then(function (loaded) {
          var prepared = query.trim() ? prepareQuery(loaded.words, query) : null;
          if (prepared === null && !Object.keys(filters).length) return {loaded: loaded, response: null};
          return loaded.pagefind.search(prepared, {filters: filters}).then(function (response) {
            return {loaded: loaded, response: response};
          });
        }).then(function (outcome) {
          if (mine === sequence) render(outcome.loaded, outcome.response, query, null);
        }, function (error) {
          if (mine === sequence) render(null, null, query, error);
        });
      }, delay === undefined ? DELAY : delay);
    };
  }

  // --- the box in the header (and on the home page): a few results under it ----------------------

  function enhanceBox(form) {
    var input = form.querySelector('input[name="q"]');
    if (!input || input.dataset.searchEnhanced) return;
    input.dataset.searchEnhanced = "1";
    input.setAttribute("autocomplete", "off");
    var lang = pageLang();
    var id = (input.id || "q") + "-suggest";
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var panel = document.createElement("div");
    panel.className = "search-suggest";
    panel.id = id;
    panel.hidden = true;
    var shown = document.createElement("p");
    shown.className = "search-suggest-status";
    shown.setAttribute("aria-hidden", "true");
    var list = document.createElement("ol");
    list.className = "search-results";
    var all = document.createElement("a");
    all.className = "search-all";
    panel.appendChild(shown);
    panel.appendChild(list);
    panel.appendChild(all);
    form.classList.add("search-enhanced");
    form.appendChild(status);
    form.appendChild(panel);
    input.setAttribute("aria-controls", id);

    function close() { panel.hidden = true; }

    var drawn = 0; // each drawing's number: an older query's results that arrive late are dropped
    var run = runner(function (loaded, response, query, error) {
      var mine = ++drawn;
      list.textContent = "";
      if (error || !loaded) {
        shown.textContent = status.textContent = messageOrDefault(loaded, "search.error", lang);
        all.hidden = true;
        panel.hidden = false;
        return;
      }
      if (!response) { close(); status.textContent = ""; return; }
      var count = response.results.length;
      var text = count ? message(loaded.data, "search.count", lang, {count: count.toLocaleString("en")})
        : message(loaded.data, "search.none", lang, {query: query});
      shown.textContent = text;
      status.textContent = text;
      all.href = searchPageHref(lang, query);
      all.textContent = message(loaded.data, "search.all", lang);
      all.hidden = !count;
      panel.hidden = false;
      Promise.all(response.results.slice(0, SUGGESTIONS).map(function (r) { return r.data(); })).then(function (items) {
        if (mine !== drawn) return;
        list.textContent = "";
        items.forEach(function (item) { list.appendChild(resultItem(loaded, item, lang, false)); });
      });
    });

    input.addEventListener("focus", function () { load().catch(function () {}); });
    input.addEventListener("input", function () { run(input.value, {}); });
    keyboard(input, list, close);
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) close();
    });
    form.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !form.contains(event.relatedTarget)) close();
    });
  }

  function messageOrDefault(loaded, key, lang) {
    if (loaded) return message(loaded.data, key, lang);
    return lang === "en" ? "Search is not available right now." : "ขณะนี้ใช้การค้นหาไม่ได้";
  }

  function searchPageHref(lang, query) {
    return (lang === "en" ? "/en/search/" : "/search/") + (query ? "?q=" + encodeURIComponent(query) : "");
  }

  // --- the search page ----------------------------------------------------------------------------

  function enhancePage(app) {
    var lang = pageLang();
    var form = app.querySelector("form");
    var input = app.querySelector('input[name="q"]');
    var selects = Array.prototype.slice.call(app.querySelectorAll("select[data-filter]"));
    var status = app.querySelector(".search-status");
    var list = app.querySelector(".search-results");
    var more = app.querySelector(".search-more");
    var results = [], shownCount = 0, current = null;
    var drawn = 0; // each drawing's number: a batch of an older query that arrives late is dropped
    app.hidden = false;
    Array.prototype.forEach.call(document.querySelectorAll(".search-nojs"), function (el) { el.hidden = true; });

    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    selects.forEach(function (select) {
      var value = params.get(select.name);
      if (value && select.querySelector('option[value="' + CSS.escape(value) + '"]')) select.value = value;
    });

    function filters() {
      var out = {};
      selects.forEach(function (select) { if (select.value) out[select.dataset.filter] = select.value; });
      return out;
    }

    function remember() {
      var next = new URLSearchParams();
      if (input.value.trim()) next.set("q", input.value.trim());
      selects.forEach(function (select) { if (select.value) next.set(select.name, select.value); });
      var search = next.toString();
      history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
    }

    function showMore() {
      if (!current) return;
      var batch = results.slice(shownCount, shownCount + PAGE_SIZE);
      shownCount += batch.length;
      more.hidden = shownCount >= results.length;
      var loaded = current, mine = drawn;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (items) {
        if (mine !== drawn) return;
        items.forEach(function (item) { list.appendChild(resultItem(loaded, item, lang, true)); });
      });
    }

    var run = runner(function (loaded, response, query, error) {
      drawn += 1;
      list.textContent = "";
      results = []; shownCount = 0; current = loaded;
      more.hidden = true;
      if (error || !loaded) {
        status.textContent = messageOrDefault(loaded, "search.error", lang);
        return;
      }
      if (!response) { status.textContent = message(loaded.data, "search.prompt", lang); return; }
      results = response.results;
      status.textContent = results.length
        ? message(loaded.data, "search.count", lang, {count: results.length.toLocaleString("en")})
        : message(loaded.data, "search.none", lang, {query: query});
      showMore();
    });

    function update(delay) { remember(); run(input.value, filters(), delay); }
    input.addEventListener("input", function () { update(); });
    selects.forEach(function (select) { select.addEventListener("change", function () { update(0); }); });
    form.addEventListener("submit", function (event) { event.preventDefault(); update(0); });
    more.addEventListener("click", function () {
      var before = shownCount;
      var done = showMore();
      if (done) done.then(function () {
        var next = list.querySelectorAll("a")[before];
        if (next) next.focus();
      });
    });
    keyboard(input, list, null);
    update(0);
  }

  // --- start -----------------------------------------------------------------------------------

  function styles() {
    var present = Array.prototype.some.call(document.querySelectorAll('link[rel="stylesheet"]'), function (link) {
      return link.getAttribute("href") === STYLESHEET;
    });
    if (present) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = STYLESHEET;
    document.head.appendChild(link);
  }

  function start() {
    styles();
    var app = document.getElementById("search-app");
    if (app) { enhancePage(app); return; } // on the search page the other boxes stay plain forms
    Array.prototype.forEach.call(document.querySelectorAll('form[action$="/search/"]'), enhanceBox);
  }

  // For the parity test between this file and plugins/prakat/thaiwords.py.
  window.PrakatSearch = {ThaiWords: ThaiWords, normalize: normalize, prepareQuery: prepareQuery, load: load};

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
