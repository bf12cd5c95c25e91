/**
 * `window.__baloot`: a read-only look at the app for the browser tests and the client bench
 * (which screen is up, the game's phase and version, whose turn, whether the table is idle, the
 * animation frame times). Tests act only through the page, as a person would; this tells them
 * when to look.
 *
 * @module
 */

import type { Tweens } from "../table/tween.ts";
import type { Lobby } from "../ui/lobby.ts";
import type { Panels } from "../ui/panels.ts";
import type { HookState } from "./hook_state.ts";
import type { TableScreen } from "./table_screen.ts";
import type { WatchScreen } from "./watch_screen.ts";

/** What the hook shows. */
export interface TestHook extends HookState {
  readonly frameTimes: readonly number[];
}

/** Installs the hook on `globalThis`. */
export function installTestHook(
  screen: TableScreen,
  watching: WatchScreen,
  panels: Panels,
  tweens: Tweens,
  lobby: Lobby,
): void {
  // The game as its source holds it (a player's view or a spectator's), ahead of the table.
  const game = () => watching.client ? watching.client.state : screen.client?.view;
  const hook: TestHook = {
    get screen() {
      if (watching.client) return watching.rewindAt === null ? "watch" : "rewind";
      return screen.client && screen.shown && screen.shown.phase !== "NEW" ? "table" : lobby.screen;
    },
    get panel() {
      return panels.kind;
    },
    get gameId() {
      if (watching.client) return watching.client.options.gameId;
      return screen.client?.gameId ?? null;
    },
    get seat() {
      return screen.client?.seat ?? null;
    },
    get phase() {
      if (watching.client) return watching.presenter.shown?.phase ?? null;
      return screen.client?.view?.phase ?? null;
    },
    get version() {
      if (watching.client) return watching.client.version;
      return screen.client?.version ?? 0;
    },
    get shownVersion() {
      return (watching.client ? watching.presenter.shown : screen.shown)?.version ?? 0;
    },
    get viewers() {
      return watching.client?.viewers ?? 0;
    },
    get handCardsShown() {
      const shown = watching.client ? watching.presenter.shown : screen.shown;
      return (shown?.hand?.hands ?? []).flat().filter((c) => c !== null).length;
    },
    get toAct() {
      return game()?.hand?.toAct ?? null;
    },
    get myTurn() {
      return screen.settled && screen.input.legal.length > 0;
    },
    get settled() {
      return watching.client ? watching.settled : screen.settled;
    },
    get status() {
      return screen.client?.status ?? "idle";
    },
    get handNo() {
      return game()?.hand?.no ?? 0;
    },
    get score() {
      return game()?.score ?? [0, 0];
    },
    get frameTimes() {
      return tweens.frameTimes;
    },
  };
  Object.defineProperty(globalThis, "__baloot", { value: hook, configurable: true });
}
