/** Entry point of `deno task baloot`. */
console.log("baloot: commands coming");
