import { AppError } from "../../app/models/errors.server";

/** The AppError a model call refused with (fails the test if it went through or failed otherwise). */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}
