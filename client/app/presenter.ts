/**
 * Plays a game's events on the PixiJS table one after another (deal, cards, tricks, bubbles,
 * sounds, screen-reader words, the hand and match results), for a player's table and a
 * spectator's alike. It runs one queue: the table shows each event's state after its animation,
 * and when events pile up (a tab in the background, a burst after reconnecting) it skips the
 * animations to catch up.
 *
 * @module
 */

import { type GameEvent, type GameState, nextSeat, type Seat, teamOf } from "@baloot/rules";
import type { TableView } from "../table/table_view.ts";
import type { Announcer } from "../ui/announcer.ts";
import type { Lobby } from "../ui/lobby.ts";
import type { Panels } from "../ui/panels.ts";
import type { Sounds } from "../ui/sounds.ts";
import { describe } from "./describe.ts";
import type { SettingsStore } from "./settings.ts";

/** What the presenter draws with. */
export interface Stage {
  readonly view: TableView;
  readonly panels: Panels;
  readonly lobby: Lobby;
  readonly announcer: Announcer;
  readonly sounds: Sounds;
  readonly settings: SettingsStore;
}

/** What the screen using it decides. */
export interface PresenterHooks {
  /** Seat names, for the words said. */
  names(): readonly string[];
  /** The seat the table is seen from (its team is "us"). */
  me(): Seat;
  /** Team names for a spectator's results (players see "us" and "them"). */
  sides?(): readonly [string, string];
  /** A state was shown (after its event's animation). */
  shown(view: GameState): void;
  /** Every queued event is shown. */
  idle(): void;
  /** The match ended (the screen shows its result). */
  matchOver(view: GameState): void;
}

interface Item {
  readonly event: GameEvent;
  readonly view: GameState;
}

/** Events waiting beyond this many are shown without animation. */
const CATCH_UP = 4;
/** The longest one event's animation may take (the slowest speed setting is well under it). */
const ANIMATION_CAP_MS = 6_000;

/** The event player. */
export class Presenter {
  /** The state the table shows (behind the source's while animations run). */
  shown: GameState | null = null;
  #queue: Item[] = [];
  #busy = false;
  #gen = 0;

  constructor(readonly stage: Stage, readonly hooks: PresenterHooks) {}

  /** Whether the table is idle: every event shown. */
  get settled(): boolean {
    return !this.#busy && this.#queue.length === 0;
  }

  /** Replaces what the table shows at once (a snapshot); queued events are dropped. */
  reset(view: GameState | null): void {
    this.#queue = [];
    this.#gen++;
    this.stage.view.finishAnimations();
    this.shown = view;
  }

  /** Queues an event and the state after it. */
  push(event: GameEvent, view: GameState): void {
    this.#queue.push({ event, view });
    if (!this.#busy) this.#pump();
  }

  async #pump(): Promise<void> {
    this.#busy = true;
    try {
      while (this.#queue.length > 0) {
        const item = this.#queue.shift()!;
        const gen = this.#gen;
        const fast = this.#queue.length >= CATCH_UP || document.hidden;
        try {
          // An animation that has not ended in its time is cut short: never a frozen table.
          let timer: ReturnType<typeof setTimeout> | undefined;
          const late = new Promise<"late">((
            r,
          ) => (timer = setTimeout(() => r("late"), ANIMATION_CAP_MS)));
          const ended = await Promise.race([this.#present(item, fast), late]);
          clearTimeout(timer);
          if (ended === "late") this.stage.view.finishAnimations();
        } catch (e) {
          console.warn("animation failed", e); // the state below is still right
        }
        if (gen !== this.#gen) continue; // a snapshot replaced the state meanwhile
        this.shown = item.view;
        this.hooks.shown(item.view);
      }
    } finally {
      this.#busy = false;
    }
    this.hooks.idle();
  }

  /** Shows one event: its bubble, words, sound and animation. */
  async #present({ event: e, view }: Item, fast: boolean): Promise<void> {
    const { lang } = this.stage.settings.value;
    const v = this.stage.view;
    const names = this.hooks.names();
    const said = describe(e, lang, (s) => names[s] || `#${s + 1}`);
    if (said.speech) this.stage.announcer.say(said.speech);
    if (said.bubble && "seat" in e && !fast) v.bubbles.show(v.rel(e.seat as Seat), said.bubble);
    const me = this.hooks.me();
    switch (e.type) {
      case "MATCH_START":
        this.stage.lobby.el.hidden = true;
        this.stage.panels.close();
        break;
      case "HAND_START":
        if (this.stage.panels.kind === "hand") this.stage.panels.close();
        v.bubbles.clear();
        break;
      case "DEAL_INITIAL":
        if (fast) break;
        this.stage.sounds.play("deal");
        await v.animateDeal(dealingOrder(view.hand!.dealer), [3, 2]);
        break;
      case "DEAL_COMPLETION":
        if (fast) break;
        this.stage.sounds.play("deal");
        await v.animateDeal(dealingOrder(view.hand!.dealer), [3]);
        break;
      case "PLAY":
        if (fast) break;
        this.stage.sounds.play("play");
        await v.animatePlay(e.seat, e.card);
        break;
      case "TRICK_END":
        if (fast) break;
        if (teamOf(e.winner) === teamOf(me)) this.stage.sounds.play("trick");
        await v.animateTrickEnd(e.winner);
        break;
      case "HAND_RESULT":
        this.stage.panels.handResult(
          e,
          teamOf(me),
          lang,
          () => this.stage.panels.close(),
          this.hooks.sides?.(),
        );
        break;
      case "MATCH_END":
        this.hooks.matchOver(view);
        break;
    }
  }
}

/** Seats in dealing order: from the dealer's right (the next seat), the dealer last. */
function dealingOrder(dealer: Seat): Seat[] {
  return [1, 2, 3, 4].map((k) => nextSeat(dealer, k));
}
