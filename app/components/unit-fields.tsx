import type { FormRegister } from "./forms";
import { Field, TextareaField } from "./ui/field";

export function UnitFields({
  register,
  errorFor,
}: {
  register: FormRegister;
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
