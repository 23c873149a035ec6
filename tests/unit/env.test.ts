import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../app/utils/env.server";

describe("parseEnv", () => {
  it("needs nothing in development", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: "./data", SESSION_IDLE_HOURS: 8, SESSION_MAX_DAYS: 7 });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("names every bad variable, and requires a strong SESSION_SECRET in production", () => {
    try {
      parseEnv({ NODE_ENV: "production", PORT: "http", DATABASE_URL: "mysql://x", SESSION_IDLE_HOURS: "-1" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const text = (error as EnvError).message;
      expect(text).toContain("PORT must be a port number");
      expect(text).toContain("DATABASE_URL must start with postgres://");
      expect(text).toContain("SESSION_IDLE_HOURS must be a positive number");
      expect(text).toContain("SESSION_SECRET is required in production");
    }
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: "short" })).toThrow("at least 32 characters");
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(32) }).NODE_ENV).toBe("production");
  });
});
