/**
 * Finished matches are archived as game records (`docs/game-record.md`), one JSON Lines file per
 * match, where the Scout and the replay viewer read them long after the Redis streams expire.
 *
 * @module
 */

import type { GameEvent, ProfileId } from "@baloot/rules";
import { encodeRecord } from "@baloot/wire";

/** Where archived records live (a directory; compose mounts a volume there). */
export class Archive {
  constructor(readonly dir: string) {}

  /** The file of a match's record. */
  path(gameId: string): string {
    return `${this.dir}/${gameId}.jsonl`;
  }

  /** Writes a finished match's record atomically (a temporary file, then a rename). */
  async write(
    gameId: string,
    profile: ProfileId,
    players: readonly string[],
    events: readonly GameEvent[],
  ): Promise<string> {
    await Deno.mkdir(this.dir, { recursive: true });
    const text = encodeRecord({
      record: "baloot",
      format: 1,
      matchId: gameId,
      profile,
      createdBy: "baloot-server",
      players,
      createdAt: new Date().toISOString(),
    }, events);
    const path = this.path(gameId);
    await Deno.writeTextFile(`${path}.tmp`, text);
    await Deno.rename(`${path}.tmp`, path);
    return path;
  }
}
