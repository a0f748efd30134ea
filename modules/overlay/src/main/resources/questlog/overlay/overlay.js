// Questlog stream overlay: follows the live event socket and shows each event as a card.
// Options come from the query string (see the README's overlay section). No build step.
(function () {
  "use strict";

  const params = new URLSearchParams(location.search);
  const DEFAULT_TYPES = ["playthrough_started", "playthrough_complete", "list_updated",
    "sync_progress", "sync_complete", "sync_failed"];
  const types = (params.get("types") || DEFAULT_TYPES.join(","))
    .split(",").map((t) => t.trim()).filter(Boolean)
    .map((t) => (t.startsWith("questlog:") ? t : "questlog:" + t));
  const theme = ["dark", "light", "glass"].includes(params.get("theme")) ? params.get("theme") : "dark";
  const position = ["top-left", "top-right", "bottom-left", "bottom-right"].includes(params.get("position"))
    ? params.get("position") : "bottom-right";
  const duration = clamp(Number(params.get("duration") || 8), 1, 120) * 1000;
  const maxCards = clamp(Number(params.get("max") || 3), 1, 10);
  const token = params.get("token");

  document.body.classList.add("theme-" + theme, "pos-" + position);
  const container = document.getElementById("cards");
  const syncCards = new Map();   // job id → its card, updated in place while the job runs

  // The position in the event log: the id of the last event seen. Until the first connection
  // it is unknown, so the first connection asks past the end of the log; the server answers
  // with a stream_reset naming the log's end, and nothing older is replayed.
  let lastId = null;
  let attempt = 0;      // connections in a row that failed or did not last
  let openedAt = 0;     // when the current socket opened (0: it has not)

  function clamp(n, lo, hi) { return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : lo; }

  function socketUrl() {
    const query = new URLSearchParams();
    query.set("types", types.join(","));
    query.set("since", lastId === null ? String(Number.MAX_SAFE_INTEGER) : String(lastId));
    if (token) query.set("token", token);
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    return scheme + "//" + location.host + "/ws/questlog/?" + query.toString();
  }

  function connect() {
    const socket = new WebSocket(socketUrl());
    socket.onopen = () => { openedAt = Date.now(); document.body.dataset.connected = "true"; };
    socket.onmessage = (message) => {
      let envelope;
      try { envelope = JSON.parse(message.data); } catch (e) { return; }
      if (envelope.type === "questlog:stream_reset") {
        lastId = envelope.payload.latest_id;
        return;
      }
      if (typeof envelope.id === "number") {
        if (lastId !== null && envelope.id <= lastId) return;   // delivered twice: at least once
        lastId = envelope.id;
      }
      show(envelope);
    };
    socket.onclose = (event) => {
      document.body.dataset.connected = "false";
      // Only a connection that lasted starts the count again: one the server closes as soon as
      // it opened (parameters it refuses, a server still starting) is a failed attempt too, so
      // the wait keeps growing instead of knocking twice a second forever.
      if (openedAt !== 0 && Date.now() - openedAt >= 5000) attempt = 0;
      openedAt = 0;
      // A restarting server (1012) comes back soon: try at once, then back off up to 10 s.
      const delay = event.code === 1012 && attempt === 0 ? 250 : Math.min(10000, 500 * 2 ** attempt);
      attempt++;
      document.body.dataset.retryDelay = String(delay);
      setTimeout(connect, delay);
    };
  }

  function show(envelope) {
    const p = envelope.payload || {};
    const game = p.work || p.game || "";
    switch (envelope.type) {
      case "questlog:playthrough_started":
        return card("playing", "Now playing", game, p.platform ? "on " + p.platform : "");
      case "questlog:playthrough_complete":
        return card("completed", "Completed!", game, [
          p.rating != null ? "★ " + p.rating + "/10" : null,
          p.playtime_hours != null ? p.playtime_hours + " h" : null,
          p.platform ? "on " + p.platform : null].filter(Boolean).join(" · "));
      case "questlog:playthrough_added":
        return card("playing", "Logged", game, p.status || "");
      case "questlog:playthrough_updated":
        return card("playing", p.deleted ? "Removed" : "Updated", game, p.status || "");
      case "questlog:list_updated":
        return card("list", "List " + (p.verb || "updated"), p.list || "", (p.entries || []).slice(0, 5).join(", "));
      case "questlog:game_added":
        return card("playing", "New in the library", game, p.original_release_year ? String(p.original_release_year) : "");
      case "questlog:sync_progress":
        return progress(p);
      case "questlog:sync_complete":
        return finishSync(p, "Sync complete", "completed");
      case "questlog:sync_failed":
        return finishSync(p, "Sync failed", "failed", p.error || "");
      default:
        return card("playing", envelope.type.replace("questlog:", "").replace(/_/g, " "), game, "");
    }
  }

  function card(kind, label, title, detail) {
    const element = document.createElement("section");
    element.className = "card " + kind;
    element.append(line("kind", label), line("title", title));
    if (detail) element.append(line("detail", detail));
    container.append(element);
    while (container.children.length > maxCards) container.firstElementChild.remove();
    schedule(element);
    return element;
  }

  function line(cls, text) {
    const div = document.createElement("div");
    div.className = cls;
    div.textContent = text;   // never HTML: titles and notes are the owner's text
    return div;
  }

  function schedule(element) {
    clearTimeout(element.leaveTimer);
    element.leaveTimer = setTimeout(() => {
      element.classList.add("leaving");
      setTimeout(() => element.remove(), 400);
    }, duration);
  }

  function progress(p) {
    const percent = p.total > 0 ? Math.round((100 * p.done) / p.total) : null;
    const detail = percent === null ? p.done + " done" : p.done + " / " + p.total + " (" + percent + "%)";
    let element = syncCards.get(p.job);
    if (!element || !element.isConnected) {
      element = card("sync", "Syncing", (p.type || "job").replace(/_/g, " "), detail);
      const bar = document.createElement("div");
      bar.className = "bar";
      bar.append(document.createElement("div"));
      element.append(bar);
      syncCards.set(p.job, element);
    } else {
      element.querySelector(".detail").textContent = detail;
      schedule(element);
    }
    element.querySelector(".bar > div").style.width = (percent === null ? 0 : percent) + "%";
  }

  function finishSync(p, label, kind, detail) {
    const element = syncCards.get(p.job);
    if (element) element.remove();
    syncCards.delete(p.job);
    card(kind, label, (p.type || "job").replace(/_/g, " "), detail || "");
  }

  connect();
})();
