/**
 * The server's HTTP routes beside Colyseus's matchmaking: the lobby's table listing, where a
 * game's room is now (after a crash it moves), and invite codes. Every route, matchmaking
 * included, answers only allowed browser origins.
 *
 * @module
 */

import { createEndpoint, createRouter, matchMaker } from "@colyseus/core";
import { INVITE_CODE } from "@baloot/wire";
import { originAllowed } from "./config.ts";
import type { Runtime } from "./runtime.ts";

const GAME_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A listed table, for the lobby and for spectators. */
export interface TableListing {
  readonly gameId: string;
  readonly roomId: string;
  readonly started: boolean;
  readonly profile: string;
  readonly players: readonly { name: string; kind: string }[];
  /** Spectators watching it now. */
  readonly viewers: number;
}

/** The routes of a server process. */
export function createRoutes(rt: Runtime) {
  const store = rt.store;
  const tables = createEndpoint("/api/tables", { method: "GET" }, async () => {
    const rooms = await matchMaker.query({ name: "table" });
    const listed: TableListing[] = [];
    for (const r of rooms) {
      const m = (r.metadata ?? {}) as Record<string, unknown>;
      if (m.mode !== "quick") continue;
      listed.push({
        gameId: String(m.gameId),
        roomId: r.roomId,
        started: m.started === true,
        profile: String(m.profile),
        players: (m.players ?? []) as TableListing["players"],
        viewers: 0,
      });
    }
    const viewers = await store.viewers(listed.map((t) => t.gameId)).catch(() => []);
    return Response.json({
      tables: listed.map((t, i) => ({ ...t, viewers: viewers[i] ?? 0 })),
    });
  });

  const game = createEndpoint("/api/games/:id", { method: "GET" }, async (ctx) => {
    const id = ctx.params.id;
    if (!GAME_ID.test(id)) return Response.json({ error: "bad game id" }, { status: 400 });
    const meta = await store.meta(id);
    if (!meta.settings) return Response.json({ error: "no such game" }, { status: 404 });
    if (meta.finished === "1") return Response.json({ gameId: id, status: "finished" });
    if (!(await store.isOwned(id))) {
      rt.recover(id); // no owner: rebuild it here now rather than at the janitor's next round
      return Response.json({ gameId: id, status: "recovering" }, { status: 503 });
    }
    return Response.json({ gameId: id, status: "live", roomId: meta.roomId });
  });

  // Where to watch a game: one relay per game (by its id), so a relay reads each game once.
  const watch = createEndpoint("/api/watch/:id", { method: "GET" }, async (ctx) => {
    const id = ctx.params.id;
    if (!GAME_ID.test(id)) return Response.json({ error: "bad game id" }, { status: 400 });
    const meta = await store.meta(id);
    if (!meta.settings) return Response.json({ error: "no such game" }, { status: 404 });
    const relays = rt.config.relayUrls;
    if (relays.length === 0) {
      return Response.json({ error: "no spectator relay is configured" }, { status: 503 });
    }
    // The game's own relay first; the others are where to go if it dies.
    const first = hash(id) % relays.length;
    const others = relays.filter((_, i) => i !== first);
    return Response.json({ gameId: id, relay: relays[first], fallbacks: others });
  });

  const invite = createEndpoint("/api/invites/:code", { method: "GET" }, async (ctx) => {
    const code = ctx.params.code.toUpperCase();
    if (!INVITE_CODE.test(code)) {
      return Response.json({ error: "bad invite code" }, { status: 400 });
    }
    const gameId = await rt.resolveInvite(code);
    if (!gameId) return Response.json({ error: "no table has this invite code" }, { status: 404 });
    const meta = await store.meta(gameId);
    if (!meta.roomId || meta.finished === "1") {
      return Response.json({ error: "this table has closed" }, { status: 410 });
    }
    return Response.json({ gameId, roomId: meta.roomId });
  });

  return createRouter({ tables, game, watch, invite }, {
    onRequest: (request: Request) => {
      if (!originAllowed(request.headers.get("origin"), rt.config.allowedOrigins)) {
        return Response.json({ error: "origin not allowed" }, { status: 403 });
      }
    },
  });
}

/** A small string hash (FNV-1a) spreading games over relays. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
