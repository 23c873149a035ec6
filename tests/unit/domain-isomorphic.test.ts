import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const domainDir = path.resolve(__dirname, "../../app/domain");
const files = fs.readdirSync(domainDir).filter((f) => f.endsWith(".ts"));

describe("app/domain is shared with the browser", () => {
  it.each(files)("%s imports nothing server-only", async (file) => {
    const source = fs.readFileSync(path.join(domainDir, file), "utf8");
    const imports = [...source.matchAll(/from\s+["']([^"']+)["']/g)].map((m) => m[1]!);
    expect(imports.filter((i) => i.startsWith("node:") || i.includes(".server") || i.includes("db/") || i === "postgres")).toEqual([]);
    await expect(import(path.join(domainDir, file))).resolves.toBeTypeOf("object");
  });
});
