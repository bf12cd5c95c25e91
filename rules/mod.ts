/**
 * `@baloot/rules`: the pure Baloot (بلوت) engine. No I/O, no clock, no `Math.random`: it runs
 * unchanged on the server, in workers and in the browser.
 *
 * Glossary (rules spec §2.12), the engine's names for the game's terms:
 *
 * | Arabic | Engine term |
 * | --- | --- |
 * | صن Sun | `SUN` (no trumps, scored double) |
 * | حكم Hokum | `HOKUM` (trumps) |
 * | أشكل Ashkal | `ASHKAL` (Sun; the face-up card goes to the caller's partner) |
 * | بس / ولا Bass / Wala | `PASS` (rounds 1 and 2) |
 * | قبلك Gablak | `BEFORE_YOU` (the Sun priority claim) |
 * | المشتري buyer | `buyer` |
 * | دبل، ثري، فور، قهوة | `DOUBLE`, `TRIPLE`, `FOUR`, `GAHWA` |
 * | مقفول / مفتوح | locked / open play |
 * | مشروع project: سرا، خمسين، مية، أربعمية | `SIRA`, `FIFTY`, `HUNDRED`, `FOUR_HUNDRED` |
 * | بلوت Baloot | trump K + Q in one hand |
 * | كبوت Kaboot | all eight tricks |
 * | خسارة Khasara | the buyer's team fails |
 * | أبناط raw | card points before conversion |
 * | سوا Sawa | a claim of all remaining tricks |
 *
 * @module
 */

export * from "./card.ts";
export * from "./seat.ts";
export * from "./sha256.ts";
export * from "./deal.ts";
export * from "./profile.ts";
export * from "./projects.ts";
export * from "./scoring.ts";
export * from "./state.ts";
export * from "./events.ts";
export * from "./commands.ts";
export * from "./trick.ts";
export * from "./bidding.ts";
export * from "./escalation.ts";
export * from "./apply.ts";
export * from "./decide.ts";
export * from "./automatic.ts";
export * from "./legal.ts";
export * from "./sawa.ts";
export * from "./view.ts";
export * from "./drive.ts";
export * from "./chacha20.ts";
export * from "./replay.ts";
