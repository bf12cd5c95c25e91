export * from "./main.ts";
