/**
 * The seat to come back to after a reload: the game id and seat token, kept for this browser
 * tab (`sessionStorage`), so a reload resumes the same seat and hand.
 *
 * @module
 */

const KEY = "baloot.seat";

/** Where this tab sits. */
export interface SeatSession {
  readonly gameId: string;
  readonly seatToken: string;
}

/** The saved seat, if any. */
export function loadSeat(): SeatSession | null {
  try {
    const v = JSON.parse(globalThis.sessionStorage?.getItem(KEY) ?? "null");
    return v && typeof v.gameId === "string" && typeof v.seatToken === "string" ? v : null;
  } catch {
    return null;
  }
}

/** Remembers the seat (or forgets it with `null`). */
export function saveSeat(s: SeatSession | null): void {
  try {
    if (s) globalThis.sessionStorage?.setItem(KEY, JSON.stringify(s));
    else globalThis.sessionStorage?.removeItem(KEY);
  } catch { /* storage blocked: no resume after a reload */ }
}
