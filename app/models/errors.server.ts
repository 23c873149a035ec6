/** A refusal a user can fix, with a code the UI maps to words and the field it concerns. */
export class AppError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly field?: string,
    public readonly status = 400,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const isUniqueViolation = (error: unknown, constraint?: string) => {
  const e = findPgError(error);
  return e?.code === "23505" && (!constraint || e.constraint_name === constraint || e.constraint === constraint);
};

export const isForeignKeyViolation = (error: unknown) => findPgError(error)?.code === "23503";

function findPgError(error: unknown): { code?: string; constraint_name?: string; constraint?: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const e = current as { code?: string; cause?: unknown };
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e as never;
    current = e.cause;
  }
  return undefined;
}
