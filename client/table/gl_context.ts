/**
 * The table's WebGL context, made to suit the renderer behind it. On a GPU: antialiasing and
 * PixiJS's defaults. On a software renderer (SwiftShader, llvmpipe: headless browsers, machines
 * without a GPU driver) every pixel costs CPU time, and the largest cost is PixiJS's batch
 * shader, which chooses among up to 16 textures with a chain of branches in every fragment. There
 * the context reports one texture unit, so the batch shader has no branches (a few more draw
 * calls instead), and antialiasing is off. On this project's 2-core test machine that took a
 * steady 1280×800 table from about 11 to 28 frames a second before the felt moved to the DOM
 * (see `bench/README.md`).
 *
 * @module
 */

/** The context and what it runs on. */
export interface TableContext {
  readonly canvas: HTMLCanvasElement;
  readonly context: WebGL2RenderingContext;
  /** The renderer's name as the browser reports it. */
  readonly renderer: string;
  /** Whether it renders in software. */
  readonly software: boolean;
}

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render/i;
const MAX_TEXTURE_IMAGE_UNITS = 0x8872;

/** The name of the renderer behind `gl`. */
function rendererName(gl: WebGL2RenderingContext): string {
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? "");
}

/** Creates the table's canvas and WebGL 2 context; throws when WebGL 2 is unavailable. */
export function createTableContext(): TableContext {
  const canvas = document.createElement("canvas");
  // A probe context on a throwaway canvas tells which renderer the real one will get.
  const probe = document.createElement("canvas").getContext("webgl2");
  if (!probe) throw new Error("WebGL 2 is not available in this browser");
  const renderer = rendererName(probe);
  probe.getExtension("WEBGL_lose_context")?.loseContext();
  const software = SOFTWARE.test(renderer);
  const context = canvas.getContext("webgl2", {
    alpha: true,
    premultipliedAlpha: true,
    antialias: !software,
    stencil: true,
    preserveDrawingBuffer: false,
    powerPreference: "high-performance",
  });
  if (!context) throw new Error("WebGL 2 is not available in this browser");
  if (software) {
    const getParameter = context.getParameter.bind(context);
    // An own property of this one context: PixiJS reads its texture budget from it.
    Object.defineProperty(context, "getParameter", {
      value: (p: number) => (p === MAX_TEXTURE_IMAGE_UNITS ? 1 : getParameter(p)),
    });
  }
  return { canvas, context, renderer, software };
}
