import { Form, useNavigation } from "@remix-run/react";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { FormError, TextareaField } from "../ui/field";
import { Panel } from "../ui/panel";
import { formatLocal } from "../../domain/interview";
import { SUSPECT_REASON_LABELS } from "../../domain/suspect";
import type { SuspectView } from "../../models/suspect.server";

type SuspectItem = SuspectView;

/**
 * The clauses of the agreed version that something upstream put in doubt, grouped by what
 * happened, each clause with its own words; relationship managers clear them with a note.
 */
export function SuspectPanel({ versionNumber, items, canEdit, errors }: { versionNumber: number | null; items: SuspectItem[]; canEdit: boolean; errors?: { ids?: string; note?: string; form?: string } }) {
  const busy = useNavigation().state === "submitting";
  if (!versionNumber || !items.length) return null;
  const groups = new Map<string, SuspectItem[]>();
  for (const i of items) groups.set(`${i.reason}|${i.detail}`, [...(groups.get(`${i.reason}|${i.detail}`) ?? []), i]);
  const clauses = new Set(items.map((i) => i.clauseId)).size;
  return (
    <section id="suspect" aria-label="Suspect clauses">
      <Panel title={`Suspect clauses (${clauses})`}>
        <p className="small">
          Something these clauses of version {versionNumber} rest on has changed since it was agreed. Check each with the business: clear it if it still holds, or
          change the definition and agree a new version.
        </p>
        <Form method="post" preventScrollReset>
          <input type="hidden" name="intent" value="clear-suspects" />
          <FormError message={errors?.form} />
          <ul className="suspect-groups">
            {[...groups.values()].map((group) => (
              <li key={`${group[0]!.reason}|${group[0]!.detail}`} className="suspect-group">
                <p>
                  <Badge tone="warning">{SUSPECT_REASON_LABELS[group[0]!.reason]}</Badge> {group[0]!.detail}
                  <span className="muted small"> · {formatLocal(group[0]!.flaggedAt)}</span>
                </p>
                <ul className="suspect-clauses">
                  {group.map((i) => (
                    <li key={i.id}>
                      {canEdit ? (
                        <label className="choice">
                          <input type="checkbox" name="ids" value={i.id} /> <span className="muted small">{i.clause.kind}:</span> {i.clause.text}
                        </label>
                      ) : (
                        <>
                          <span className="muted small">{i.clause.kind}:</span> {i.clause.text}
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {errors?.ids ? <p className="field-error">{errors.ids}</p> : null}
          {canEdit ? (
            <div className="stack">
              <TextareaField label="Why the chosen clauses still hold" name="note" rows={2} help="What you checked, and with whom. Kept with the clauses and in the audit trail." error={errors?.note} />
              <div className="row">
                <Button type="submit" variant="secondary" size="sm" disabled={busy}>
                  Clear the chosen clauses
                </Button>
              </div>
            </div>
          ) : null}
        </Form>
      </Panel>
    </section>
  );
}
