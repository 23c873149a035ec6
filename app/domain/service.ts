/**
 * A service's own facts (what the portfolio lists and filters on) and its
 * provider: the forms' rules, shared by browser and server.
 */
import { z } from "zod";
import { AGREEMENT_KINDS, CRITICALITY_TIERS, DELIVERY_MODELS, LIFECYCLE_STAGES, PROVIDER_KINDS, SERVICE_KINDS } from "./definition";

const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);
const day = z.preprocess(
  blankToNull,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date like 2027-01-31")
    .refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
    }, "That is not a date in the calendar")
    .nullable(),
);
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T, message: string) => z.preprocess(blankToNull, z.enum(values, { error: message }).nullable());

export const providerSchema = z
  .object({
    name: z.string().trim().min(2, "Name the provider").max(120, "At most 120 characters"),
    kind: z.enum(PROVIDER_KINDS, { error: "Say whether the provider is internal or external" }),
    businessUnitId: z.preprocess(blankToNull, z.uuid("Choose a business unit").nullable()),
    description: z.string().trim().max(500, "At most 500 characters").default(""),
  })
  .refine((p) => p.kind === "external" || p.businessUnitId !== null, { message: "An internal provider is one of the bank's units: choose it", path: ["businessUnitId"] });
export type ProviderInput = z.output<typeof providerSchema>;

/** The facts of a service, with the agreement's dates in order. */
export const serviceFactsSchema = z
  .object({
    name: z.string().trim().min(2, "Name the service").max(120, "At most 120 characters"),
    kind: z.enum(SERVICE_KINDS, { error: "Choose business or supporting service" }),
    providerId: z.preprocess(blankToNull, z.uuid("Choose a provider from the list").nullable()),
    deliveryModel: optionalEnum(DELIVERY_MODELS, "Choose a delivery model from the list"),
    ownerName: z.string().trim().max(120, "At most 120 characters").default(""),
    ownerTitle: z.string().trim().max(120, "At most 120 characters").default(""),
    ownerContact: z.string().trim().max(200, "At most 200 characters").default(""),
    agreementKind: optionalEnum(AGREEMENT_KINDS, "Choose the kind of agreement"),
    agreementReference: z.string().trim().max(120, "At most 120 characters").default(""),
    agreementStart: day,
    agreementEnd: day,
    agreementRenewalNotice: day,
    lifecycle: z.enum(LIFECYCLE_STAGES, { error: "Choose a lifecycle stage" }).default("design"),
    criticality: z.enum(CRITICALITY_TIERS, { error: "Choose a criticality tier" }).default("tier3"),
    reviewEveryMonths: z.preprocess(
      (v) => (v === "" || v === undefined || v === null ? null : typeof v === "string" ? Number(v) : v),
      z.number({ error: "Give the review cadence in months" }).int("Give whole months").min(1, "Review at least every 60 months, at most monthly").max(60, "Review at least every 60 months, at most monthly").nullable(),
    ),
    nextReview: day,
  })
  .superRefine((s, ctx) => {
    if (s.agreementStart && s.agreementEnd && s.agreementEnd < s.agreementStart) {
      ctx.addIssue({ code: "custom", message: "The agreement cannot end before it starts", path: ["agreementEnd"] });
    }
    if (s.agreementRenewalNotice && s.agreementEnd && s.agreementRenewalNotice > s.agreementEnd) {
      ctx.addIssue({ code: "custom", message: "Notice to renew falls on or before the agreement's end", path: ["agreementRenewalNotice"] });
    }
    const hasAgreement = s.agreementReference || s.agreementStart || s.agreementEnd || s.agreementRenewalNotice;
    if (hasAgreement && !s.agreementKind) ctx.addIssue({ code: "custom", message: "Say what kind of agreement this is", path: ["agreementKind"] });
  });
export type ServiceFactsInput = z.output<typeof serviceFactsSchema>;
