/* Penilaian kesiapan (issue 11): the readiness checklist of a practice page as a
 * self-assessment. Plain JavaScript, no library, no server: works from file://.
 *
 * State: one character per item ("1" ticked, "0" not), kept
 *  - in the URL fragment `#kesiapan=1010` (a link to share; read first), and
 *  - in localStorage under `replika-kesiapan:<practice id>` (a returning visitor).
 * "Cetak hasil" prints only the assessment, dated, on one page (kesiapan.css).
 */
(function () {
  "use strict";

  var BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
    "Agustus", "September", "Oktober", "November", "Desember"];
  var PREFIX = "kesiapan=";

  function today() {
    var d = new Date();
    return d.getDate() + " " + BULAN[d.getMonth()] + " " + d.getFullYear();
  }

  function fromHash(count) {
    var hash = window.location.hash.replace(/^#/, "");
    if (hash.indexOf(PREFIX) !== 0) return null;
    var bits = hash.slice(PREFIX.length);
    return bits.length === count && /^[01]+$/.test(bits) ? bits : null;
  }

  function fromStorage(key, count) {
    try {
      var bits = window.localStorage.getItem(key);
      return bits && bits.length === count && /^[01]+$/.test(bits) ? bits : null;
    } catch (e) {
      return null; // storage disabled: the page still works, without memory
    }
  }

  function save(key, bits) {
    try {
      window.localStorage.setItem(key, bits);
    } catch (e) { /* storage disabled or full */ }
  }

  function setHash(bits) {
    var target = "#" + PREFIX + bits;
    if (window.location.hash === target) return;
    try {
      window.history.replaceState(null, "", target);
    } catch (e) {
      window.location.replace(target); // file:// pages may refuse replaceState
    }
  }

  function shareUrl(bits) {
    return window.location.href.split("#")[0] + "#" + PREFIX + bits;
  }

  function setup(section) {
    var key = "replika-kesiapan:" + section.getAttribute("data-kesiapan");
    var boxes = Array.prototype.slice.call(section.querySelectorAll("input[type=checkbox]"));
    var count = section.querySelector(".rp-kesiapan-hitung");
    var share = section.querySelector(".rp-kesiapan-bagikan");
    var link = section.querySelector(".rp-kesiapan-tautan");
    var message = section.querySelector(".rp-kesiapan-pesan");
    var actions = section.querySelector(".rp-kesiapan-aksi");
    var date = section.querySelector(".rp-kesiapan-tanggal");
    if (!boxes.length) return;

    function bitsNow() {
      return boxes.map(function (b) { return b.checked ? "1" : "0"; }).join("");
    }

    function show(announce) {
      var ready = 0;
      boxes.forEach(function (box) {
        var item = box.closest("li");
        var status = item.querySelector(".rp-kesiapan-status");
        if (box.checked) ready += 1;
        item.setAttribute("data-siap", box.checked ? "1" : "0");
        status.textContent = box.checked ? "Siap" : "Belum";
      });
      var text = ready + " dari " + boxes.length + " siap";
      if (announce || count.textContent !== text) count.innerHTML = "<strong>" + text + "</strong>";
      var bits = bitsNow();
      link.href = shareUrl(bits);
      link.textContent = shareUrl(bits);
      date.textContent = today();
    }

    function changed() {
      var bits = bitsNow();
      save(key, bits);
      setHash(bits);
      message.textContent = "";
      show(true);
    }

    var initial = fromHash(boxes.length) || fromStorage(key, boxes.length);
    if (initial) {
      boxes.forEach(function (box, i) { box.checked = initial.charAt(i) === "1"; });
      save(key, initial);
    }
    boxes.forEach(function (box) { box.addEventListener("change", changed); });
    actions.hidden = false;
    count.hidden = false;
    share.hidden = false;
    show(false);

    actions.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-aksi]");
      if (!button) return;
      var action = button.getAttribute("data-aksi");
      if (action === "kosongkan") {
        boxes.forEach(function (box) { box.checked = false; });
        changed();
        boxes[0].focus();
      } else if (action === "salin") {
        var url = shareUrl(bitsNow());
        var done = function () { message.textContent = "Tautan disalin."; };
        var fail = function () { message.textContent = "Salin tautan di atas secara manual."; };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(url).then(done, fail);
        } else {
          fail();
        }
      } else if (action === "cetak") {
        date.textContent = today();
        document.documentElement.classList.add("rp-cetak-kesiapan");
        window.print();
      }
    });
    window.addEventListener("afterprint", function () {
      document.documentElement.classList.remove("rp-cetak-kesiapan");
    });
    window.addEventListener("hashchange", function () {
      var bits = fromHash(boxes.length);
      if (bits && bits !== bitsNow()) {
        boxes.forEach(function (box, i) { box.checked = bits.charAt(i) === "1"; });
        save(key, bits);
        show(true);
      }
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-kesiapan]"), setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
