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

/** What the hook shows. */
export interface TestHook extends HookState {
  readonly frameTimes: readonly number[];
}

/** Installs the hook on `globalThis`. */
export function installTestHook(
  screen: TableScreen,
  panels: Panels,
  tweens: Tweens,
  lobby: Lobby,
): void {
  const hook: TestHook = {
    get screen() {
      return screen.client && screen.shown && screen.shown.phase !== "NEW" ? "table" : lobby.screen;
    },
    get panel() {
      return panels.kind;
    },
    get gameId() {
      return screen.client?.gameId ?? null;
    },
    get seat() {
      return screen.client?.seat ?? null;
    },
    get phase() {
      return screen.client?.view?.phase ?? null;
    },
    get version() {
      return screen.client?.version ?? 0;
    },
    get toAct() {
      return screen.client?.view?.hand?.toAct ?? null;
    },
    get myTurn() {
      return screen.settled && screen.input.legal.length > 0;
    },
    get settled() {
      return screen.settled;
    },
    get status() {
      return screen.client?.status ?? "idle";
    },
    get handNo() {
      return screen.client?.view?.hand?.no ?? 0;
    },
    get score() {
      return screen.client?.view?.score ?? [0, 0];
    },
    get frameTimes() {
      return tweens.frameTimes;
    },
  };
  Object.defineProperty(globalThis, "__baloot", { value: hook, configurable: true });
}
