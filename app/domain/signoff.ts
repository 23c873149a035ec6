/** Sign-off: who is asked when, and the forms that move a request on. Pure: shared by client and server. */
import { z } from "zod";
import { isRealDate } from "./format";

export const SIGNOFF_STATUSES = ["pending", "agreed", "rejected", "withdrawn"] as const;
export type SignoffStatus = (typeof SIGNOFF_STATUSES)[number];
export const SIGNOFF_STATUS_LABELS: Record<SignoffStatus, string> = {
  pending: "Under review",
  agreed: "Agreed",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
};

export type SignoffRole = "approver" | "signer";
export const SIGNOFF_ROLE_LABELS: Record<SignoffRole, string> = { approver: "Approver", signer: "Signer" };

/** How many people a request may name. */
export const MAX_APPROVERS = 5;
export const MAX_SIGNERS = 4;

export interface StepState {
  id: string;
  role: SignoffRole;
  position: number;
  decision: "approved" | "rejected" | null;
}

const byPosition = (a: StepState, b: StepState) => a.position - b.position;

/**
 * The steps put to their holders now. Approvers come first; signers are asked only once every
 * approver has approved. Within each group, "in order" asks one at a time by position, otherwise
 * everyone still to decide at once. Nobody is asked once anyone has rejected.
 */
export function askedSteps(steps: readonly StepState[], inOrder: boolean): StepState[] {
  if (steps.some((s) => s.decision === "rejected")) return [];
  for (const role of ["approver", "signer"] as const) {
    const open = steps.filter((s) => s.role === role && s.decision === null).sort(byPosition);
    if (open.length === 0) continue;
    return inOrder ? open.slice(0, 1) : open;
  }
  return [];
}

/** Whether this step's approval would complete the request (everyone else has approved). */
export function isLastToDecide(steps: readonly StepState[], stepId: string): boolean {
  return steps.every((s) => s.id === stepId || s.decision === "approved") && steps.some((s) => s.id === stepId && s.decision === null);
}

/** What a step's holder sees for it: done, asked now, or still behind someone else. */
export function stepState(step: StepState, steps: readonly StepState[], inOrder: boolean): "approved" | "rejected" | "asked" | "later" {
  if (step.decision) return step.decision;
  return askedSteps(steps, inOrder).some((s) => s.id === step.id) ? "asked" : "later";
}

/* ---------- forms ---------- */

const optionalPerson = z.preprocess((v) => (v === "" || v === undefined || v === null ? null : v), z.uuid("Choose someone from the list").nullable());

const dueField = z
  .string()
  .trim()
  .regex(/^(\d{4}-\d{2}-\d{2})?$/, "Enter a date like 2027-01-31")
  .refine((v) => v === "" || isRealDate(v), "That is not a date in the calendar")
  .default("");

/** The submit form: approver_0…, signer_0… (the order they are asked in), the order rule, a message and a due date. */
export const submitFormSchema = z
  .object({
    ...Object.fromEntries(Array.from({ length: MAX_APPROVERS }, (_, i) => [`approver_${i}`, optionalPerson])),
    ...Object.fromEntries(Array.from({ length: MAX_SIGNERS }, (_, i) => [`signer_${i}`, optionalPerson])),
    order: z.enum(["in_order", "parallel"], { error: "Choose whether people are asked in order or all at once" }),
    message: z.string().trim().max(2000, "At most 2,000 characters").default(""),
    dueOn: dueField,
  })
  .transform((form, ctx) => {
    const values = form as Record<string, unknown>;
    const pick = (prefix: string, max: number) =>
      Array.from({ length: max }, (_, i) => values[`${prefix}_${i}`] as string | null).filter((v): v is string => Boolean(v));
    const approvers = pick("approver", MAX_APPROVERS);
    const signers = pick("signer", MAX_SIGNERS);
    if (signers.length === 0) ctx.addIssue({ code: "custom", message: "Name at least one executive to sign", path: ["signer_0"] });
    const seen = new Set<string>();
    const check = (prefix: string, max: number) => {
      for (let i = 0; i < max; i++) {
        const id = values[`${prefix}_${i}`] as string | null;
        if (!id) continue;
        if (seen.has(id)) ctx.addIssue({ code: "custom", message: "Each person can be named once", path: [`${prefix}_${i}`] });
        seen.add(id);
      }
    };
    check("approver", MAX_APPROVERS);
    check("signer", MAX_SIGNERS);
    return { approvers, signers, inOrder: form.order === "in_order", message: form.message, dueOn: form.dueOn === "" ? null : form.dueOn };
  });
export type SubmitInput = z.output<typeof submitFormSchema>;

export const decisionFormSchema = z
  .object({
    decision: z.enum(["approve", "reject"], { error: "Choose approve or reject" }),
    comment: z.string().trim().max(2000, "At most 2,000 characters").default(""),
  })
  .refine((d) => d.decision === "approve" || d.comment.length > 0, { message: "Say why you reject it: the relationship manager will see this", path: ["comment"] });

export const clauseCommentSchema = z.object({
  clauseId: z.string().regex(/^([a-z0-9-]{1,40})?$/, "Unknown clause").default(""),
  body: z.string().trim().min(1, "Write the comment").max(2000, "At most 2,000 characters"),
});

export const delegateFormSchema = z.object({
  to: z.uuid("Choose the executive to hand it to"),
  reason: z.string().trim().min(1, "Say why you hand it on").max(500, "At most 500 characters"),
});

export const withdrawFormSchema = z.object({
  reason: z.string().trim().min(1, "Say why you withdraw it: the people asked will see this").max(500, "At most 500 characters"),
});

/** "3 days", "5 hours", "just now": how long something has waited. */
export function waitedFor(since: Date | string, now: Date = new Date()): string {
  const ms = Math.max(0, now.getTime() - new Date(since).getTime());
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 1) return "less than an hour";
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"}`;
  const days = Math.floor(hours / 24);
  return `${days} days`;
}

/** Past its due date (a date, due by the end of that day, UTC) and still pending. */
export function isOverdue(dueOn: string | null, status: SignoffStatus, now: Date = new Date()): boolean {
  return status === "pending" && dueOn !== null && now.toISOString().slice(0, 10) > dueOn;
}
