import assert from "node:assert/strict";
import { testRedis } from "./_testing.ts";

Deno.test("a server whose port is taken exits at once, saying so, instead of waiting", async () => {
  const taken = Deno.listen({ hostname: "0.0.0.0", port: 0 });
  const port = (taken.addr as Deno.NetAddr).port;
  try {
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("./main.ts", import.meta.url).pathname],
      env: { PORT: String(port), REDIS_URL: testRedis(13), BRAIN: "off" },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    const { code, stdout, stderr } = await child.output();
    clearTimeout(timer);
    const said = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
    assert.equal(code, 1, `exit code ${code}:\n${said}`);
    assert.match(said, new RegExp(`could not start: port ${port} is already in use`));
  } finally {
    taken.close();
  }
});
