/**
 * The usage text of `deno task baloot`.
 *
 * @module
 */

/** What `baloot help` prints. */
export const USAGE = `baloot: the Baloot (بلوت) platform's command line

usage: deno task baloot <command> [options]

commands:
  replay FILE        verify a game record (JSON Lines, docs/game-record.md): every deal from
                     its revealed seed, every move, every score. Prints the match as JSON.
                     Exit 0 verified, 1 the record breaks the rules, 2 unreadable record.
  score FILE         score hand facts (../shared/rules/hand-facts.md), one object or an array;
                     FILE may be - for standard input. Exit 2 on invalid facts.
  selfplay           play bot matches and write one record per match:
      --out DIR          where to write match-0001.jsonl, ... (required)
      --matches N        how many matches (default 1)
      --seed S           the run's seed; the same arguments write the same bytes (default "selfplay")
      --profile R|KM     rule profile (default R)
      --bots A,B         bot of seats 0+2, bot of seats 1+3 (default heuristic,random when the
                         heuristic bot exists, else random,random)
  demo               one bot match told in the terminal (deno task start):
      --seed S --profile R|KM --bots A,B as for selfplay (demo --seed S shows selfplay's match 1)
      --fast             no pauses (also when output is not a terminal)
  arena              duplicate matches between two bots (deno task arena; docs/brain.md):
      --a POLICY --b POLICY [--pairs N] [--seed S] [--threads T] [--profile R|KM]
      [--a-params FILE] [--b-params FILE]
  publish            SPRT a candidate brain version against the current one, publish it if
                     not weaker (deno task brain:publish): --candidate FILE [--level 1|2|3]
                     [--max-pairs N] [--seed S] [--threads T]; or --list
  help               this text
`;
