import { z } from "zod";
import { email } from "./fields";

export const PASSWORD_MIN = 12;

export const loginSchema = z.object({
  email: email("your email address"),
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(500, "That password is too long"),
  redirectTo: z.string().max(2000).optional(),
});

export const changePasswordSchema = z
  .object({
    current: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(500),
    next: z
      .string({ error: "Choose a new password" })
      .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
      .max(200, "Use at most 200 characters"),
    confirm: z.string({ error: "Type the new password again" }).min(1, "Type the new password again"),
  })
  .refine((v) => v.next === v.confirm, { path: ["confirm"], message: "The two new passwords differ" })
  .refine((v) => v.next !== v.current, { path: ["next"], message: "Choose a password different from the current one" });

export function lockoutMessage(until: Date, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `Too many failed sign-ins for this email. For your security it is locked for ${minutes} more minute${minutes === 1 ? "" : "s"}; try again then, or ask an admin to help.`;
}
