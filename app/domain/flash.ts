import { z } from "zod";

export const flashSchema = z.object({
  kind: z.enum(["success", "info", "warning", "error"]),
  message: z.string().max(500),
});
export type Flash = z.infer<typeof flashSchema>;
