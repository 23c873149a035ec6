import type { FieldValues, UseFormRegister } from "react-hook-form";
import { Field, SelectField, type Option } from "./ui/field";
import { LEVEL_LABELS, STAKEHOLDER_LEVELS } from "../domain/stakeholder";

const levelOptions: Option[] = STAKEHOLDER_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }));

export function StakeholderFields({
  register,
  errorFor,
  units,
}: {
  register: UseFormRegister<FieldValues>;
  errorFor: (name: string) => string | undefined;
  units: Option[];
}) {
  return (
    <>
      <Field label="Name" error={errorFor("name")} {...register("name")} />
      <Field label="Job title" optional error={errorFor("title")} {...register("title")} />
      <SelectField
        label="Level"
        options={levelOptions}
        placeholder="Choose a level"
        help="How senior they are: it helps balance whom you interview."
        error={errorFor("level")}
        {...register("level")}
      />
      <SelectField label="Business unit" options={units} placeholder="Choose a unit" error={errorFor("businessUnitId")} {...register("businessUnitId")} />
      <Field
        label="Email"
        type="email"
        optional
        help="For invitations. Stakeholders do not sign in to Charter."
        error={errorFor("email")}
        {...register("email")}
      />
    </>
  );
}
