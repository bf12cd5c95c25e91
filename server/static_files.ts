/**
 * The browser client's files, served by every game server: `/` is the app's page, `/app/…` the
 * bundle (`client/dist`, built by `deno task build:client`), `/assets/…` the art and sounds. A
 * page served by a server talks to that server's origin, so no cross-origin setup is needed.
 *
 * These are answered on the Node HTTP server itself, ahead of the Colyseus router: the router's
 * Node adapter streams a body and waits for `drain`, which Deno's `node:http` never emits for a
 * large body (the bundle stalled after 64 KB). A file is read once, gzipped once (off the event
 * loop), and kept in memory until its modification time changes.
 *
 * @module
 */

import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";

const ROOT = new URL("../", import.meta.url);
const DIST = new URL("client/dist/", ROOT);
const APP = new URL("app/", DIST);
const ASSETS = new URL("assets/", ROOT);

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  map: "application/json",
  json: "application/json",
  svg: "image/svg+xml",
  png: "image/png",
  wav: "audio/wav",
  woff2: "font/woff2",
  css: "text/css; charset=utf-8",
  md: "text/markdown; charset=utf-8",
};

/**
 * The page's security policy: scripts and styles from our own origin only, nothing inline to
 * run. WebSockets may go to any host because a table can live on another server process
 * (`PUBLIC_ADDRESS`), whose port differs from the page's.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self' ws: wss:",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

interface Cached {
  readonly mtime: number;
  readonly body: Uint8Array;
  readonly gz: Uint8Array | null;
  readonly etag: string;
}

const cache = new Map<string, Cached>();
/** Off the event loop: a game server's tables must not wait for a bundle to compress. */
const gzipAsync = promisify(gzip);

/** The file at `path` under `base`, or null (paths that climb out of `base` included). */
export async function readStatic(base: URL, path: string): Promise<Cached | null> {
  if (!/^[A-Za-z0-9_\-./]+$/.test(path) || path.split("/").some((p) => p === ".." || p === "")) {
    return null;
  }
  const url = new URL(path, base);
  try {
    const info = await Deno.stat(url);
    if (!info.isFile) return null;
    const mtime = info.mtime?.getTime() ?? 0;
    const hit = cache.get(url.href);
    if (hit && hit.mtime === mtime) return hit;
    const body = await Deno.readFile(url);
    const compressible = /\.(js|css|html|svg|json|map|md)$/.test(path) && body.length > 1024;
    const entry: Cached = {
      mtime,
      body,
      gz: compressible ? new Uint8Array(await gzipAsync(body)) : null,
      etag: `"${body.length.toString(36)}-${mtime.toString(36)}"`,
    };
    cache.set(url.href, entry);
    return entry;
  } catch {
    return null;
  }
}

/** A file of the client's, as a request names it. */
interface Target {
  readonly base: URL;
  readonly path: string;
  readonly cache: string;
}

/** Which file a request path names, or null when it is not a client path. */
export function staticTarget(pathname: string): Target | null {
  if (pathname === "/" || pathname === "/index.html") {
    return { base: DIST, path: "index.html", cache: "no-cache" };
  }
  if (pathname.startsWith("/app/")) {
    return { base: APP, path: pathname.slice(5), cache: "no-cache" };
  }
  if (pathname.startsWith("/assets/")) {
    return { base: ASSETS, path: pathname.slice(8), cache: "public, max-age=3600" };
  }
  return null;
}

async function answer(req: IncomingMessage, res: ServerResponse, target: Target) {
  const file = await readStatic(target.base, target.path);
  if (!file) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    res.end(
      target.path === "index.html"
        ? "The client is not built: run `deno task build:client` (npm start does it)."
        : "not found",
    );
    return;
  }
  const type = TYPES[target.path.slice(target.path.lastIndexOf(".") + 1)] ??
    "application/octet-stream";
  const headers: Record<string, string> = {
    "content-type": type,
    "cache-control": target.cache,
    "etag": file.etag,
    "x-content-type-options": "nosniff",
    "vary": "accept-encoding",
  };
  if (type.startsWith("text/html")) {
    headers["content-security-policy"] = CSP;
    headers["referrer-policy"] = "no-referrer";
  }
  if (req.headers["if-none-match"] === file.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const gzip = file.gz !== null && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const body = gzip ? file.gz! : file.body;
  if (gzip) headers["content-encoding"] = "gzip";
  headers["content-length"] = String(body.length);
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}

/**
 * Puts the client's files in front of every other `request` listener of `server` (Colyseus's
 * router and matchmaker); other paths go to them unchanged.
 */
export function serveClient(server: Server): void {
  const others = server.listeners("request") as ((
    req: IncomingMessage,
    res: ServerResponse,
  ) => void)[];
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? "GET";
    const target = method === "GET" || method === "HEAD"
      ? staticTarget((req.url ?? "/").split("?")[0])
      : null;
    if (target) {
      answer(req, res, target).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
      return;
    }
    for (const listener of others) listener.call(server, req, res);
  });
}
