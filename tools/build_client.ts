/**
 * Builds the browser client into `client/dist/`: the bundle (`deno bundle`, minified, with an
 * external source map) at `app/main.js`, the stylesheet at `app/style.css` and the page at
 * `index.html`. Prints the bundle's size, minified and gzipped. Every game server serves
 * `client/dist/` (see `server/static_files.ts`).
 *
 * Usage: `deno task build:client [--quiet]`
 *
 * @module
 */

const ROOT = new URL("../", import.meta.url);
const CLIENT = new URL("client/", ROOT);
const DIST = new URL("client/dist/", ROOT);
const DENO = Deno.execPath();

/** The bundle's sizes in bytes. */
export interface BuildResult {
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly ms: number;
}

/** Builds the client; throws with the bundler's output if it fails. */
export async function buildClient(): Promise<BuildResult> {
  const started = performance.now();
  // Built beside the output and renamed into place: a server never serves a half-written file,
  // and two builds at once (parallel tests) cannot mix their outputs.
  await Deno.mkdir(new URL("app/", DIST), { recursive: true });
  const tmp = await Deno.makeTempDir({ dir: DIST.pathname, prefix: ".build-" });
  try {
    const out = await new Deno.Command(DENO, {
      args: [
        "bundle",
        "--platform=browser",
        "--minify",
        "--sourcemap=external",
        "-o",
        `${tmp}/main.js`,
        new URL("main.ts", CLIENT).pathname,
      ],
      cwd: ROOT.pathname,
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) {
      throw new Error(`client bundle failed:\n${new TextDecoder().decode(out.stderr)}`);
    }
    await Deno.copyFile(new URL("web/style.css", CLIENT), `${tmp}/style.css`);
    await Deno.copyFile(new URL("web/index.html", CLIENT), `${tmp}/index.html`);
    const js = await Deno.readFile(`${tmp}/main.js`);
    for (const f of ["main.js.map", "main.js", "style.css"]) {
      await Deno.rename(`${tmp}/${f}`, new URL(`app/${f}`, DIST));
    }
    await Deno.rename(`${tmp}/index.html`, new URL("index.html", DIST));
    return { bytes: js.length, gzipBytes: await gzipSize(js), ms: performance.now() - started };
  } finally {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}

/** The gzip size of `data` (what a browser downloads with compression). */
export async function gzipSize(data: Uint8Array): Promise<number> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

if (import.meta.main) {
  const r = await buildClient();
  if (!Deno.args.includes("--quiet")) {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(
      `client built in ${(r.ms / 1000).toFixed(1)} s: client/dist/app/main.js ${kb(r.bytes)} ` +
        `(${kb(r.gzipBytes)} gzip)`,
    );
  }
}
