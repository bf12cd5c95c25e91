/**
 * Readers for the scoring values that cross processes (internal to `wire/`): rule profiles, hand
 * facts and hand scores. Shared by the event codec (`HAND_RESULT`, `MATCH_START`) and by the
 * hand-facts input of the score command.
 *
 * @module
 */

import {
  type HandFacts,
  type HandScore,
  isProfileId,
  type Level,
  makeProfile,
  type Profile,
  PROFILE_R,
  type ProfileId,
  type ProjectFact,
} from "@baloot/rules";
import {
  array,
  bool,
  Fields,
  int,
  Invalid,
  join,
  nullable,
  oneOf,
  pair,
  rank,
  type Read,
  seat,
  show,
  suit,
  team,
  text,
} from "./_fields.ts";

/** A profile id, `"R"` or `"KM"`. */
export const profileId: Read<ProfileId> = (v, path) => {
  if (!isProfileId(v)) throw new Invalid(path, `expected "R" or "KM", got ${show(v)}`);
  return v;
};

/**
 * A full rule profile: `id` plus every setting of the engine's profile, each checked against the
 * engine's allowed values (`PROFILE_OPTIONS`, through `makeProfile`); unknown keys are refused.
 */
export const profile: Read<Profile> = (v, path) => {
  const f = new Fields(v, path);
  const id = f.req("id", profileId);
  const settings: Record<string, unknown> = {};
  for (const key of Object.keys(PROFILE_R)) {
    if (key === "id") continue;
    const value = f.req(key, (x) => x);
    const checked = makeProfile(id, { [key]: value });
    if (typeof checked === "string") {
      throw new Invalid(join(path, key), checked.slice(checked.indexOf(": ") + 2));
    }
    settings[key] = value;
  }
  f.done();
  const made = makeProfile(id, settings);
  if (typeof made === "string") throw new Invalid(path, made);
  return made;
};

/** A multiplier level: 1..4 or `"GAHWA"`. */
export const level: Read<Level> = oneOf<Level>([1, 2, 3, 4, "GAHWA"]);

const points = int(0);
const tricks = int(0, 8);

/** A project as the scorer sees it: `{ type, kind, topRank, seat?, suit? }`. */
export const projectFact: Read<ProjectFact> = (v, path) => {
  const f = new Fields(v, path);
  f.req("type", oneOf(["SIRA", "FIFTY", "HUNDRED", "FOUR_HUNDRED"]));
  f.req("kind", oneOf(["SEQUENCE", "FOUR_OF_A_KIND"]));
  f.req("topRank", rank);
  f.opt("seat", seat);
  f.opt("suit", nullable(suit));
  f.done();
  return v as ProjectFact;
};

/**
 * Reads the hand-facts fields from `f` (the caller may read more fields, such as `profile`,
 * and must call `f.done()`). The engine's optional fields (`dealer`, `trump`, `faceUpRank`) are
 * accepted too, so the facts of any recorded `HAND_RESULT` can be scored again.
 */
export function readFacts(f: Fields): HandFacts {
  const facts = {
    mode: f.req("mode", oneOf(["SUN", "HOKUM"])),
    buyerTeam: f.req("buyerTeam", team),
    level: f.req("level", level),
    doublerTeam: f.req("doublerTeam", nullable(team)),
    cardRaw: f.req("cardRaw", pair(points)),
    tricks: f.req("tricks", pair(tricks)),
    projects: f.req("projects", pair(array(projectFact, { max: 8 }))),
    balootTeam: f.req("balootTeam", nullable(team)),
    matchBefore: f.req("matchBefore", nullable(pair(points))),
  };
  facts.projects.forEach((list, t) =>
    list.forEach((p, i) => {
      if (p.seat !== undefined && p.seat % 2 !== t) {
        const where = join(f.path, `projects[${t}][${i}].seat`);
        throw new Invalid(where, `seat ${p.seat} plays for team ${1 - t}, not team ${t}`);
      }
    })
  );
  const dealer = f.opt("dealer", seat);
  const trump = f.opt("trump", nullable(suit));
  const faceUpRank = f.opt("faceUpRank", rank);
  return {
    ...facts,
    ...(dealer === undefined ? {} : { dealer }),
    ...(trump === undefined ? {} : { trump }),
    ...(faceUpRank === undefined ? {} : { faceUpRank }),
  };
}

/** Hand facts as a whole object (no other fields). */
export const handFacts: Read<HandFacts> = (v, path) => {
  const f = new Fields(v, path);
  const facts = readFacts(f);
  f.done();
  return facts;
};

const ruleId = text(/^[A-Z]+[0-9]*$/, 'a rule id such as "C2"');
const variation = text(/^[A-Z0-9]+=[A-Za-z0-9_.-]+$/, 'a variation such as "V16=RAW_WITH_BALOOT"');

/** A scored hand, every field of the engine's `HandScore`. */
export const handScore: Read<HandScore> = (v, path) => {
  const f = new Fields(v, path);
  f.req("awarded", pair(points));
  f.req("made", bool);
  f.req("kaboot", bool);
  f.req("cardGp", pair(points));
  f.req("projectGp", pair(points));
  f.req("balootGp", pair(points));
  f.req("matchWinner", nullable(team));
  f.req("matchEnd", nullable(oneOf(["TARGET", "GAHWA"])));
  f.req("extraHand", bool);
  f.req("rules", array(ruleId));
  f.req("variations", array(variation));
  f.req("projectWinner", nullable(team));
  f.req("matchAfter", nullable(pair(points)));
  f.done();
  return v as HandScore;
};
