import { z } from "zod";

const positiveNumber = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return fallback;
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) {
        ctx.addIssue({ code: "custom", message: `must be a positive number, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const schema = z.object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === "") return 3000;
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535) {
          ctx.addIssue({ code: "custom", message: `must be a port number (0-65535), got "${v}"` });
          return z.NEVER;
        }
        return n;
      }),
    HOST: z.string().default("localhost"),
    DATABASE_URL: z
      .string()
      .optional()
      .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined))
      .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
        message: "must start with postgres:// or postgresql://",
      }),
    DATA_DIR: z.string().default("./data"),
    SESSION_SECRET: z.string().optional(),
    SESSION_IDLE_HOURS: positiveNumber(8),
    SESSION_MAX_DAYS: positiveNumber(7),
    APP_ORIGIN: z
      .string()
      .optional()
      .refine((v) => v === undefined || v === "" || /^https?:\/\/[^/]+$/.test(v), {
        message: "must be an origin such as https://charter.example.com (no path)",
      }),
    DB_CONNECT_TIMEOUT_SECONDS: positiveNumber(30),
    /** The longest any request may take before it answers 503 (try again): see server/deadline.ts. */
    REQUEST_DEADLINE_SECONDS: positiveNumber(20),
    CHARTER_DEMO: z.enum(["0", "1", ""]).optional(),
    /** smtp://user:pass@host:587 or smtps://…: mail goes there; unset, each message is written to DATA_DIR/outbox as an .eml file. */
    SMTP_URL: z
      .string()
      .optional()
      .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined))
      .refine((v) => v === undefined || /^smtps?:\/\/[^/]+/.test(v), { message: "must start with smtp:// or smtps://, e.g. smtp://user:password@mail.example.com:587" }),
    MAIL_FROM: z.string().default("Charter <charter@localhost>"),
  });

/** Checked apart from the schema so it is reported even when other variables are wrong too. */
function secretProblems(source: Record<string, string | undefined>): string[] {
  if (source.NODE_ENV !== "production") return [];
  const secrets = (source.SESSION_SECRET ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (secrets.length === 0) {
    return ["SESSION_SECRET is required in production (one or more secrets, comma-separated, newest first)"];
  }
  if (secrets.some((s) => s.length < 32)) return ["SESSION_SECRET: each secret must be at least 32 characters"];
  return [];
}

export type Env = z.output<typeof schema>;

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Charter cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses the environment once; throws EnvError naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = schema.safeParse(source);
  const problems = [
    ...(result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`)),
    ...secretProblems(source),
  ];
  if (!result.success || problems.length > 0) throw new EnvError(problems);
  return result.data;
}

const globalForEnv = globalThis as unknown as { __charterEnv?: Env };

export function env(): Env {
  globalForEnv.__charterEnv ??= parseEnv();
  return globalForEnv.__charterEnv;
}

export const isProduction = () => env().NODE_ENV === "production";

/** Where people reach Charter, for links in mail and documents: APP_ORIGIN, else this machine. */
export const publicOrigin = () => env().APP_ORIGIN || `http://localhost:${env().PORT}`;
