/**
 * What `window.__baloot` shows (client/app/test_hook.ts), apart from the frame times. A module
 * of its own with no imports, so the browser tests and benches can name it without pulling the
 * app (and the DOM's types) into their type-check.
 *
 * @module
 */

/** The app's state as the hook shows it. */
export interface HookState {
  readonly screen: string;
  readonly panel: string | null;
  readonly gameId: string | null;
  readonly seat: number | null;
  readonly phase: string | null;
  readonly version: number;
  /** The version of the state the table shows (behind `version` while animating or rewinding). */
  readonly shownVersion: number;
  /** Spectators of the watched table (the spectator screen). */
  readonly viewers: number;
  /** Cards in players' hands that the shown state holds face up (a live spectator: none). */
  readonly handCardsShown: number;
  readonly toAct: number | null;
  readonly myTurn: boolean;
  readonly settled: boolean;
  readonly status: string;
  readonly handNo: number;
  readonly score: readonly number[];
}
