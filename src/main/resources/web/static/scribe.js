// Shows every <time datetime> of the page in the viewer's own time zone, names the zone, and keeps the exact
// UTC time on hover; then groups the timeline by the viewer's days. Served as a file: the pages' CSP allows no
// inline script. Without it, the server's times in the team's zone stay, with the zone named.
(function () {
  "use strict";
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  var full = new Intl.DateTimeFormat(undefined, {
    year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
  });
  var timeOnly = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
  var dayKey = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: zone });
  var dayLabel = new Intl.DateTimeFormat(undefined, { weekday: "long", year: "numeric", month: "long", day: "numeric" });

  function utc(date) {
    return date.toISOString().replace(".000Z", "Z").replace("T", " ") + " (UTC)";
  }

  function localise() {
    document.querySelectorAll("time[datetime]").forEach(function (el) {
      var date = new Date(el.getAttribute("datetime"));
      if (isNaN(date.getTime())) {
        return;
      }
      el.textContent = el.dataset.style === "time" ? timeOnly.format(date) : full.format(date);
      el.title = utc(date);
    });
    document.querySelectorAll("[data-utc]").forEach(function (el) {
      var date = new Date(el.getAttribute("data-utc"));
      if (!isNaN(date.getTime())) {
        el.textContent = timeOnly.format(date);
      }
    });
    var note = document.getElementById("zone-note");
    if (note) {
      note.textContent = "Times in your time zone, " + zone + " (hover a time for UTC)";
    }
  }

  // The server grouped the timeline by days of the team's zone; regroup them by the viewer's days.
  function regroup() {
    var timeline = document.getElementById("timeline");
    if (!timeline) {
      return;
    }
    var entries = Array.prototype.slice.call(timeline.querySelectorAll("li.entry"));
    if (entries.length === 0) {
      return;
    }
    var fragment = document.createDocumentFragment();
    var currentKey = null;
    var list = null;
    entries.forEach(function (entry) {
      var date = new Date(entry.querySelector("time").getAttribute("datetime"));
      var key = dayKey.format(date);
      if (key !== currentKey) {
        currentKey = key;
        var heading = document.createElement("h3");
        heading.className = "day";
        heading.dataset.day = key;
        heading.textContent = dayLabel.format(date) + " (" + zone + ")";
        fragment.appendChild(heading);
        list = document.createElement("ol");
        list.className = "entries";
        fragment.appendChild(list);
      }
      list.appendChild(entry);
    });
    timeline.textContent = "";
    timeline.appendChild(fragment);
  }

  function start() {
    regroup();
    localise();
    document.documentElement.dataset.localised = zone;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
