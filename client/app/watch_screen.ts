/**
 * The spectator screen: watches a table through a relay (`WatchClient`) on the same animated
 * table, seen from the side (every hand small: face down live, face up in the delayed full
 * view), with a badge for the view, the viewer count, and live rewind: a slider back through the
 * match's deals and tricks while the game goes on, and back to live. When the table plays a
 * rematch the screen follows it.
 *
 * @module
 */

import { type GameState, replay, type Seat } from "@baloot/rules";
import { MAX_HISTORY_EVENTS, type TimedEvent, type WatchView } from "@baloot/wire";
import { WatchClient, type WatchStatus } from "../net/watch_client.ts";
import { Hud } from "../ui/hud.ts";
import { RewindBar, type RewindPoint } from "../ui/rewind_bar.ts";
import { strings } from "./i18n.ts";
import { Presenter } from "./presenter.ts";
import { seatLabel } from "./room_state.ts";
import type { ScreenHost } from "./table_screen.ts";

/** How long the match result stays up before following the table into its rematch. */
const FOLLOW_MS = 4_000;

/** The spectator screen. */
export class WatchScreen {
  readonly hud: Hud;
  readonly presenter: Presenter;
  readonly rewind: RewindBar;
  client: WatchClient | null = null;
  /** Where the rewind slider stands, or null while live. */
  rewindAt: number | null = null;
  #points: RewindPoint[] = [];
  #history: TimedEvent[] = [];
  #historyEpoch: string | null = null;
  #rewinding = false;
  #follow: ReturnType<typeof setTimeout> | undefined;
  /** Counts `watch` calls: a slower earlier call that finishes late changes nothing. */
  #gen = 0;

  constructor(readonly host: ScreenHost) {
    this.hud = new Hud({
      toggleSound: () => host.settings.update({ muted: !host.settings.value.muted }),
      openSettings: () => host.panels.settings(host.settings.value, (p) => host.settings.update(p)),
      leave: () => this.leave(),
    }, "watch-hud");
    this.rewind = new RewindBar({
      start: () => this.#startRewind(),
      seek: (i) => this.#seek(i),
      live: () => this.#live(),
    });
    this.presenter = new Presenter(host, {
      names: () => this.#names(),
      me: () => 0,
      sides: () => this.#sides(),
      shown: () => this.#render(),
      idle: () => this.#render(),
      matchOver: (view) => this.#matchOver(view),
    });
    host.overlay.append(this.hud.el, this.rewind.el);
    this.hud.el.hidden = true;
  }

  /** Whether the table is idle: every event shown. */
  get settled(): boolean {
    return this.presenter.settled;
  }

  /** Starts watching `gameId`; on failure goes back to the lobby with the reason. */
  async watch(gameId: string, view: WatchView = "live"): Promise<void> {
    this.#close();
    const gen = ++this.#gen;
    const t = strings(this.host.settings.value.lang);
    let relay: string, fallbacks: string[];
    try {
      const r = await fetch(`/api/watch/${encodeURIComponent(gameId)}`);
      if (gen !== this.#gen) return;
      if (r.status === 404 || r.status === 400) return this.host.exit(t.watchGone);
      if (!r.ok) return this.host.exit(t.watchUnavailable);
      ({ relay, fallbacks = [] } = await r.json());
    } catch {
      if (gen === this.#gen) this.host.exit(t.watchUnavailable);
      return;
    }
    if (gen !== this.#gen) return;
    const here = (url: string) => url.replace("://localhost:", `://${location.hostname}:`);
    const client = new WatchClient({
      relay: here(relay),
      fallbacks: fallbacks.map(here),
      gameId,
      view,
      onSnapshot: (state, snapshot) => {
        if (snapshot.epoch !== this.#historyEpoch) this.#history = []; // another log
        this.#historyEpoch = snapshot.epoch;
        if (this.rewindAt !== null) return;
        this.presenter.reset(state);
        this.#render();
      },
      onEvent: (event, v, state) => {
        if (this.rewindAt !== null) return;
        this.presenter.push(event, state);
        if (v === 1) this.#showLive(); // the first hand arrives: no more waiting note
      },
      onViewers: (n) => this.hud.setViewers(n, this.host.settings.value.lang),
      onNext: (next) => {
        clearTimeout(this.#follow);
        this.#follow = setTimeout(() => this.watch(next, view), FOLLOW_MS);
      },
      onStatus: (s) => this.#status(s),
    });
    this.client = client;
    try {
      await client.connect();
    } catch {
      if (this.client !== client) return; // replaced or closed meanwhile
      this.client = null;
      return this.host.exit(client.reconnects > 0 ? t.watchUnavailable : t.watchGone);
    }
    if (this.client !== client) return;
    history.replaceState(
      null,
      "",
      `/?watch=${encodeURIComponent(gameId)}${view === "full" ? "&view=full" : ""}`,
    );
    const v = this.host.view;
    v.spectating = true;
    v.me = 0;
    v.playable = null;
    v.show(true);
    this.host.lobby.el.hidden = true;
    this.host.panels.close();
    this.hud.el.hidden = false;
    this.#showLive();
    this.#render();
  }

  /** The rewind button; in a full view with nothing shown yet, why the table is empty. */
  #showLive(): void {
    const { lang } = this.host.settings.value;
    const c = this.client;
    const waiting = c?.options.view === "full" && c.version === 0;
    this.rewind.showLive(lang, waiting ? strings(lang).fullViewWaiting(this.#delayText()) : null);
  }

  #delayText(): string {
    const ms = this.client?.delayMs ?? 0;
    return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
  }

  /** Stops watching, back to the lobby. */
  leave(): void {
    this.#close();
    history.replaceState(null, "", "/");
    this.host.exit();
  }

  #close(): void {
    clearTimeout(this.#follow);
    const client = this.client;
    this.client = null;
    client?.close();
    this.rewindAt = null;
    this.#history = [];
    this.#historyEpoch = null;
    this.presenter.reset(null);
    this.hud.el.hidden = true;
    this.rewind.hide();
    this.host.view.spectating = false;
    this.host.view.show(false);
  }

  #names(): string[] {
    return (this.client?.seats ?? []).map((s) => s.name);
  }

  #sides(): [string, string] {
    const n = this.#names();
    const t = strings(this.host.settings.value.lang);
    return [t.team(n[0] ?? "", n[2] ?? ""), t.team(n[1] ?? "", n[3] ?? "")];
  }

  #badge(): void {
    const t = strings(this.host.settings.value.lang);
    const c = this.client;
    if (!c) return;
    if (this.rewindAt !== null) this.hud.setBadge(t.rewindBadge, "rewind");
    else if (c.options.view === "full") {
      this.hud.setBadge(t.delayedBadge(this.#delayText()), "delayed");
    } else this.hud.setBadge(t.liveBadge, "live");
  }

  #render(): void {
    const view = this.presenter.shown;
    const { lang, muted } = this.host.settings.value;
    this.hud.update(view, null, this.#names(), lang, muted, this.#sides());
    this.#badge();
    if (!view || !this.client) return;
    const labels = (this.client.seats ?? []).map((s) =>
      seatLabel({ ...s, connected: true, autopilot: false, rematch: false }, lang)
    );
    this.host.view.render(view, labels);
    const seat = view.hand?.toAct ?? null;
    this.host.view.setTurn(
      view.phase === "OVER" || this.rewindAt !== null ? null : seat as Seat | null,
      0,
    );
  }

  #status(s: WatchStatus): void {
    const status = s === "live" ? "connected" : s === "connecting" ? "reconnecting" : s;
    this.hud.setStatus(status, this.host.settings.value.lang);
  }

  #matchOver(view: GameState): void {
    const lang = this.host.settings.value.lang;
    this.host.panels.matchResult(
      view.winner!,
      view.score,
      0,
      lang,
      { lobby: () => this.leave() },
      view.hand?.escalation.level === "GAHWA",
      this.#sides(),
    );
  }

  /** Fetches the public events not yet held (in pieces the relay allows), then the slider. */
  async #startRewind(): Promise<void> {
    const c = this.client;
    if (!c || c.status !== "live" || this.#rewinding) return;
    this.#rewinding = true;
    try {
      const upTo = c.version;
      while (this.#history.length < upTo) {
        const from = this.#history.length + 1;
        const got = await c.history(from, Math.min(upTo, from + MAX_HISTORY_EVENTS - 1));
        if (this.client !== c) return;
        if (got.length === 0 || got[0].v !== from) break;
        this.#history.push(...got);
      }
    } catch {
      return; // the connection dropped: the button stays, to try again
    } finally {
      this.#rewinding = false;
    }
    this.#points = rewindPoints(this.#history);
    if (this.#points.length === 0) return;
    this.rewindAt = this.#points.length - 1;
    this.presenter.reset(this.presenter.shown);
    this.rewind.showRewind(this.host.settings.value.lang, this.#points, this.rewindAt);
    this.#seek(this.rewindAt);
  }

  #seek(i: number): void {
    const p = this.#points[i];
    if (!p) return;
    this.rewindAt = i;
    this.host.panels.close();
    this.host.view.bubbles.clear();
    this.presenter.reset(replay(this.#history.slice(0, p.v).map((x) => x.e)));
    this.#render();
  }

  #live(): void {
    this.rewindAt = null;
    this.presenter.reset(this.client?.state ?? null);
    this.#showLive();
    this.#render();
  }

  /** Re-lays out and redraws (resize, settings). */
  relayout(): void {
    if (!this.client) return;
    this.host.view.finishAnimations();
    this.#render();
  }
}

/** Where the slider can stop: after each deal and each trick, in order. */
export function rewindPoints(events: readonly TimedEvent[]): RewindPoint[] {
  const points: RewindPoint[] = [];
  let hand = 0, trick = 0;
  for (const { v, e } of events) {
    if (e.type === "HAND_START") (hand = e.hand, trick = 0);
    else if (e.type === "DEAL_INITIAL") points.push({ v, hand, trick: 0 });
    else if (e.type === "TRICK_END") points.push({ v, hand, trick: ++trick });
  }
  return points;
}
