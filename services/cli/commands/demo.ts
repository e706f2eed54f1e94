export const demoCommand = { name: "demo", summary: "x", options: {}, async run() { return 0; } } as import("../command.ts").Command;
