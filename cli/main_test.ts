import assert from "node:assert/strict";
import { runCli } from "./_run.ts";

Deno.test("help prints the usage", async () => {
  const r = await runCli(["help"]);
  assert.equal(r.code, 0);
  for (const command of ["replay FILE", "score FILE", "selfplay", "demo"]) {
    assert.ok(r.stdout.includes(command), command);
  }
});

Deno.test("an unknown command prints the usage and exits 2", async () => {
  const r = await runCli(["deal"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown command "deal"/);
  assert.match(r.stderr, /usage: deno task baloot <command>/);
  const none = await runCli([]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no command given/);
});
