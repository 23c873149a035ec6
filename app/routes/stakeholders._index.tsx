import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Button, ButtonLink } from "../components/ui/button";
import { EmptyState } from "../components/ui/empty-state";
import { Field, SelectField } from "../components/ui/field";
import { PageHeader } from "../components/ui/page-header";
import { Table } from "../components/ui/table";
import { can } from "../domain/roles";
import { LEVEL_LABELS } from "../domain/stakeholder";
import { unitOptions } from "../models/business-unit.server";
import { listStakeholders } from "../models/stakeholder.server";
import { requireUser } from "../utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Stakeholders · Charter" }];

const UUID = /^[0-9a-f-]{36}$/i;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "stakeholders:read" });
  const url = new URL(request.url);
  const unit = url.searchParams.get("unit") ?? "";
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const [stakeholders, units] = await Promise.all([
    listStakeholders({ unitId: UUID.test(unit) ? unit : undefined, q: q || undefined }),
    unitOptions(),
  ]);
  return json({
    stakeholders,
    units: units.map((u) => ({ value: u.id, label: u.name })),
    filter: { unit: UUID.test(unit) ? unit : "", q },
    canManage: can(user.role, "stakeholders:manage"),
  });
}

export default function Stakeholders() {
  const { stakeholders, units, filter, canManage } = useLoaderData<typeof loader>();
  const filtered = Boolean(filter.unit || filter.q);
  return (
    <>
      <PageHeader
        title="Stakeholders"
        description="The people in the business you interview. They do not sign in to Charter."
        actions={
          canManage ? (
            <>
              <ButtonLink to="/stakeholders/import" variant="secondary">
                Import from CSV
              </ButtonLink>
              <ButtonLink to="/stakeholders/new">Add a stakeholder</ButtonLink>
            </>
          ) : undefined
        }
      />
      <Form method="get" className="filters" role="search" aria-label="Filter stakeholders">
        <Field label="Search" name="q" defaultValue={filter.q} placeholder="Name, title or email" type="search" />
        <SelectField label="Business unit" name="unit" defaultValue={filter.unit} options={units} placeholder="All units" />
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        {filtered ? (
          <Link to="/stakeholders" className="btn btn-ghost">
            Clear
          </Link>
        ) : null}
      </Form>
      {stakeholders.length === 0 ? (
        filtered ? (
          <EmptyState title="No stakeholders match">Try another name or unit, or clear the filter.</EmptyState>
        ) : (
          <EmptyState
            title="No stakeholders yet"
            action={canManage ? <ButtonLink to="/stakeholders/import" variant="secondary">Import a CSV</ButtonLink> : undefined}
          >
            The people you will interview appear here: add them one by one, or import a spreadsheet of them.
          </EmptyState>
        )
      ) : (
        <Table caption={`${stakeholders.length} stakeholder${stakeholders.length === 1 ? "" : "s"}`}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Level</th>
              <th scope="col">Business unit</th>
              <th scope="col">Email</th>
            </tr>
          </thead>
          <tbody>
            {stakeholders.map((s) => (
              <tr key={s.id}>
                <td>
                  {canManage ? <Link to={`/stakeholders/${s.id}`}>{s.name}</Link> : s.name}
                  {s.title ? <div className="muted small">{s.title}</div> : null}
                </td>
                <td>{LEVEL_LABELS[s.level]}</td>
                <td>{s.unitName}</td>
                <td>{s.email ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
