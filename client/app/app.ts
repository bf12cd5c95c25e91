/**
 * The browser app: starts PixiJS on a full-window canvas with DOM overlays for everything that
 * is text or a control (accessible, translatable, sharp), loads the card atlas at the screen's
 * density, and routes: an invite link joins that table, a reloaded tab returns to its seat,
 * anything else opens the lobby. It also wires the settings, resizing and the test hook.
 *
 * @module
 */

import { Application } from "pixi.js";
import { layout } from "../table/layout.ts";
import { atlasResolution, loadCards } from "../table/cards.ts";
import { createTableContext, type TableContext } from "../table/gl_context.ts";
import { TableView } from "../table/table_view.ts";
import { renderOnDemand, Tweens } from "../table/tween.ts";
import { Announcer } from "../ui/announcer.ts";
import { h } from "../ui/dom.ts";
import { type ListedTable, Lobby } from "../ui/lobby.ts";
import { Panels } from "../ui/panels.ts";
import { Sounds } from "../ui/sounds.ts";
import { type Lang, strings } from "./i18n.ts";
import { loadSeat } from "./session.ts";
import { SettingsStore } from "./settings.ts";
import { type Join, type ScreenHost, TableScreen } from "./table_screen.ts";
import { installTestHook } from "./test_hook.ts";
import { WatchScreen } from "./watch_screen.ts";

/** Sets the page's language and direction. */
function applyLang(lang: Lang): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
  document.title = strings(lang).title;
}

/** Starts the app in `root` (which holds `#overlay` and `#live`). */
export async function boot(root: HTMLElement): Promise<void> {
  const settings = new SettingsStore();
  applyLang(settings.value.lang);
  const overlay = root.querySelector<HTMLElement>("#overlay")!;
  const live = root.querySelector<HTMLElement>("#live")!;
  const app = new Application();
  let gl: TableContext;
  try {
    gl = createTableContext();
    await app.init({
      canvas: gl.canvas,
      context: gl.context,
      resizeTo: globalThis as unknown as Window,
      antialias: !gl.software,
      autoDensity: true,
      resolution: devicePixelRatio,
      backgroundAlpha: 0, // the felt is the page's (#felt): no full-screen fill on the GPU
      preference: "webgl",
    });
  } catch (e) {
    overlay.append(
      h("p", { class: "fatal", role: "alert" }, strings(settings.value.lang).loadFailed),
    );
    throw e;
  }
  app.canvas.id = "table";
  app.canvas.setAttribute("aria-hidden", "true");
  const felt = h("div", { id: "felt", "aria-hidden": "true" });
  root.prepend(felt, app.canvas);
  root.dataset.renderer = gl.software ? "software" : "gpu";

  const tweens = new Tweens(app.ticker);
  renderOnDemand(app, tweens);
  tweens.speed = settings.value.animSpeed;
  let current = layout(innerWidth, innerHeight, settings.value.cardScale);
  let resolution = atlasResolution(current.cardW, devicePixelRatio);
  const view = new TableView(app, await loadCards(settings.value.fourColour, resolution), tweens);
  view.setLayout(current);
  view.show(false);
  placeFelt();

  const sounds = new Sounds();
  sounds.muted = settings.value.muted;
  const panels = new Panels();
  const announcer = new Announcer(live);
  let tables: ListedTable[] = [];
  const lobby = new Lobby({
    quickPlay: (name, level) => play({ kind: "quick", level }, name),
    createPrivate: (name, s) => play({ kind: "private", settings: s }, name),
    joinInvite: (name, code) => play({ kind: "invite", code }, name),
    watch: (gameId, how) => {
      sounds.load();
      lobby.busy(settings.value.lang);
      watching.watch(gameId, how);
    },
    settings: () => panels.settings(settings.value, (p) => settings.update(p)),
  });
  overlay.prepend(view.ring.el);
  overlay.append(lobby.el, panels.el);

  const host: ScreenHost = {
    view,
    overlay,
    panels,
    lobby,
    announcer,
    sounds,
    settings,
    endpoints: [location.origin],
    exit: (message) => showLobby(message),
  };
  const screen = new TableScreen(host);
  const watching = new WatchScreen(host);
  const idle = () => !screen.client && !watching.client && lobby.screen === "lobby";

  function showLobby(message?: string): void {
    view.show(false);
    lobby.show(settings.value.lang, settings.value.name, tables);
    if (message) panels.message(message, settings.value.lang, () => panels.close());
    else if (panels.kind !== "settings") panels.close();
    refreshTables();
  }

  async function refreshTables(): Promise<void> {
    try {
      const r = await fetch("/api/tables");
      if (!r.ok) return;
      tables = ((await r.json()).tables ?? []) as ListedTable[];
      if (idle()) lobby.show(settings.value.lang, settings.value.name, tables);
    } catch { /* the list stays as it was */ }
  }
  setInterval(() => {
    if (idle() && !document.hidden) refreshTables();
  }, 5_000);

  function play(how: Join, name: string): void {
    settings.update({ name });
    sounds.load(); // after a click: browsers let audio start now
    lobby.busy(settings.value.lang);
    screen.join(how, name);
  }

  /** Sizes the page's felt and the card height the overlays use to the current layout. */
  function placeFelt(): void {
    const f = current.felt;
    Object.assign(felt.style, {
      left: `${f.x - f.rx}px`,
      top: `${f.y - f.ry}px`,
      width: `${2 * f.rx}px`,
      height: `${2 * f.ry}px`,
    });
    root.style.setProperty("--card-h", `${current.cardH}px`);
  }

  // Resizing, rotation and a changed pixel density re-lay the table out.
  let reloading = false;
  async function relayout(): Promise<void> {
    current = layout(innerWidth, innerHeight, settings.value.cardScale);
    app.renderer.resolution = devicePixelRatio;
    app.resize();
    view.setLayout(current);
    placeFelt();
    screen.relayout();
    watching.relayout();
    const wanted = atlasResolution(current.cardW, devicePixelRatio);
    if (wanted > resolution && !reloading) await reloadCards(wanted);
  }
  async function reloadCards(wanted = resolution): Promise<void> {
    reloading = true;
    try {
      resolution = wanted;
      view.setTextures(await loadCards(settings.value.fourColour, resolution));
    } finally {
      reloading = false;
    }
  }
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(relayout, 60);
  });

  settings.listen((s) => {
    applyLang(s.lang);
    tweens.speed = s.animSpeed;
    sounds.muted = s.muted;
    if (layout(innerWidth, innerHeight, s.cardScale).cardW !== current.cardW) relayout();
    else (screen.relayout(), watching.relayout());
    if (idle()) lobby.show(s.lang, s.name, tables);
    if (panels.kind === "settings") panels.settings(s, (p) => settings.update(p));
  });
  let fourColour = settings.value.fourColour;
  settings.listen((s) => {
    if (s.fourColour !== fourColour) {
      fourColour = s.fourColour;
      reloadCards();
    }
  });

  installTestHook(screen, watching, panels, tweens, lobby);

  // Routing: an invite link, a seat to return to, or the lobby.
  const params = new URLSearchParams(location.search);
  const invite = params.get("invite");
  const watch = params.get("watch");
  const saved = loadSeat();
  if (watch) {
    lobby.busy(settings.value.lang);
    await watching.watch(watch, params.get("view") === "full" ? "full" : "live");
  } else if (invite) {
    history.replaceState(null, "", "/");
    lobby.invited(settings.value.lang, settings.value.name, invite);
  } else if (saved) {
    lobby.busy(settings.value.lang);
    await screen.join({ kind: "resume", ...saved }, settings.value.name || "Player");
  } else showLobby();
}
