import type { FieldValues, UseFormRegister } from "react-hook-form";
import { Field, TextareaField } from "./ui/field";

export function UnitFields({
  register,
  errorFor,
}: {
  register: UseFormRegister<FieldValues>;
  errorFor: (name: string) => string | undefined;
}) {
  return (
    <>
      <Field label="Name" help="As the business calls itself, e.g. Retail Banking." error={errorFor("name")} {...register("name")} />
      <Field label="Short code" help="Up to 12 letters or digits, e.g. RB. Used in imports and exports." error={errorFor("code")} {...register("code")} />
      <TextareaField label="What the unit does" optional error={errorFor("description")} {...register("description")} />
    </>
  );
}
