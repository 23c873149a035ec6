import type { FormRegister } from "../forms";
import {
  AGREEMENT_KIND_LABELS,
  AGREEMENT_KINDS,
  CRITICALITY_LABELS,
  CRITICALITY_TIERS,
  DELIVERY_MODEL_LABELS,
  DELIVERY_MODELS,
  LIFECYCLE_LABELS,
  LIFECYCLE_STAGES,
  SERVICE_KIND_LABELS,
  SERVICE_KINDS,
} from "../../domain/definition";
import { Field, SelectField } from "../ui/field";

/** The facts of a service, for the new and edit forms (app/domain/service.ts serviceFactsSchema). */
export function ServiceFactsFields({
  register,
  errorFor,
  providers,
}: {
  register: FormRegister;
  errorFor: (name: string) => string | undefined;
  providers: { id: string; name: string }[];
}) {
  return (
    <>
      <Field label="Name" placeholder="Branch Banking" error={errorFor("name")} {...register("name")} />
      <SelectField label="Kind" help="A business service is what a unit consumes; a supporting service is what makes business services work." options={SERVICE_KINDS.map((k) => ({ value: k, label: SERVICE_KIND_LABELS[k] }))} error={errorFor("kind")} {...register("kind")} />
      <fieldset className="stack plain-fieldset">
        <legend className="field-label">Provider</legend>
        <div className="weights-grid">
          <SelectField label="Provided by" optional placeholder="Not chosen yet" options={providers.map((p) => ({ value: p.id, label: p.name }))} error={errorFor("providerId")} {...register("providerId")} />
          <SelectField label="Delivery model" optional placeholder="Not chosen yet" options={DELIVERY_MODELS.map((m) => ({ value: m, label: DELIVERY_MODEL_LABELS[m] }))} error={errorFor("deliveryModel")} {...register("deliveryModel")} />
        </div>
      </fieldset>
      <fieldset className="stack plain-fieldset">
        <legend className="field-label">Accountable owner</legend>
        <p className="field-help">The person to call when it goes wrong.</p>
        <div className="weights-grid">
          <Field label="Name" optional error={errorFor("ownerName")} {...register("ownerName")} />
          <Field label="Title" optional error={errorFor("ownerTitle")} {...register("ownerTitle")} />
        </div>
        <Field label="How to reach them" optional placeholder="Phone or email" error={errorFor("ownerContact")} {...register("ownerContact")} />
      </fieldset>
      <fieldset className="stack plain-fieldset">
        <legend className="field-label">Agreement</legend>
        <div className="weights-grid">
          <SelectField label="Kind of agreement" optional placeholder="None" options={AGREEMENT_KINDS.map((k) => ({ value: k, label: AGREEMENT_KIND_LABELS[k] }))} error={errorFor("agreementKind")} {...register("agreementKind")} />
          <Field label="Reference" optional error={errorFor("agreementReference")} {...register("agreementReference")} />
          <Field label="Starts" type="date" optional error={errorFor("agreementStart")} {...register("agreementStart")} />
          <Field label="Ends" type="date" optional error={errorFor("agreementEnd")} {...register("agreementEnd")} />
        </div>
        <Field label="Notice to renew by" type="date" optional error={errorFor("agreementRenewalNotice")} {...register("agreementRenewalNotice")} />
      </fieldset>
      <div className="weights-grid">
        <SelectField label="Lifecycle stage" options={LIFECYCLE_STAGES.map((s) => ({ value: s, label: LIFECYCLE_LABELS[s] }))} error={errorFor("lifecycle")} {...register("lifecycle")} />
        <SelectField label="Criticality" options={CRITICALITY_TIERS.map((t) => ({ value: t, label: CRITICALITY_LABELS[t] }))} error={errorFor("criticality")} {...register("criticality")} />
        <Field label="Review every (months)" optional inputMode="numeric" error={errorFor("reviewEveryMonths")} {...register("reviewEveryMonths")} />
        <Field label="Next review" type="date" optional error={errorFor("nextReview")} {...register("nextReview")} />
      </div>
    </>
  );
}

/** A service's facts as the form's strings. */
export function factsFormValues(s: Record<string, unknown> | null) {
  const text = (k: string, fallback = "") => (s && s[k] !== null && s[k] !== undefined ? String(s[k]) : fallback);
  return {
    name: text("name"),
    kind: text("kind", "business"),
    providerId: text("providerId"),
    deliveryModel: text("deliveryModel"),
    ownerName: text("ownerName"),
    ownerTitle: text("ownerTitle"),
    ownerContact: text("ownerContact"),
    agreementKind: text("agreementKind"),
    agreementReference: text("agreementReference"),
    agreementStart: text("agreementStart"),
    agreementEnd: text("agreementEnd"),
    agreementRenewalNotice: text("agreementRenewalNotice"),
    lifecycle: text("lifecycle", "design"),
    criticality: text("criticality", "tier3"),
    reviewEveryMonths: text("reviewEveryMonths"),
    nextReview: text("nextReview"),
  };
}
