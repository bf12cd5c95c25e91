import assert from "node:assert/strict";
import { chachaBlock, ChaChaStream, fromHex, sha256, toHex } from "./mod.ts";

const text = (s: string) => new TextEncoder().encode(s);

Deno.test("sha256() matches the FIPS 180-4 test vectors", () => {
  assert.equal(
    toHex(sha256(text(""))),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
  assert.equal(
    toHex(sha256(text("abc"))),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  assert.equal(
    toHex(sha256(text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  );
  assert.equal(
    toHex(sha256(text("a".repeat(1000)))),
    "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3",
  );
});

Deno.test("chachaBlock() matches RFC 8439 §2.3.2", () => {
  const key = Uint8Array.from({ length: 32 }, (_, i) => i);
  const input = new Int32Array(16);
  input.set([0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]);
  const kv = new DataView(key.buffer);
  for (let i = 0; i < 8; i++) input[4 + i] = kv.getUint32(i * 4, true);
  input[12] = 1;
  input.set([0x09000000, 0x4a000000, 0x00000000], 13);
  const out = new Int32Array(16);
  chachaBlock(input, out);
  const bytes = new Uint8Array(64);
  const view = new DataView(bytes.buffer);
  out.forEach((w, i) => view.setUint32(i * 4, w >>> 0, true));
  assert.equal(
    toHex(bytes),
    "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e" +
      "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e",
  );
});

Deno.test("ChaChaStream.nextInt() is in range and roughly uniform", () => {
  const s = new ChaChaStream(new Uint8Array(32));
  const counts = new Array(7).fill(0);
  for (let i = 0; i < 70_000; i++) counts[s.nextInt(7)]++;
  for (const c of counts) assert.ok(Math.abs(c - 10_000) < 500, `count ${c}`);
});

Deno.test("fromHex() and toHex() round-trip and reject bad input", () => {
  assert.equal(toHex(fromHex("00ff7fA0")!), "00ff7fa0");
  assert.equal(fromHex("abc"), null);
  assert.equal(fromHex("zz"), null);
});
