import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Badge } from "../components/ui/badge";
import { ButtonLink } from "../components/ui/button";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { formatLocal } from "../domain/interview";
import { readVersion, versionNumber } from "../models/service-version-view.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Charter` : "Service version · Charter" }];

/** One frozen version of a service, read as a whole; everyone who reads services reads it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "services:read" });
  const serviceId = requireIdParam(params.serviceId);
  const number = versionNumber(params.number);
  if (number === null) throw notFound(`Versions are numbered 1, 2, 3 and so on: “${String(params.number).slice(0, 40)}” is not one.`);
  const found = await readVersion({ serviceId, number });
  if (!found) throw notFound("That service does not exist.");
  const { service, version } = found;
  if (!version) throw notFound(`${service.name} has no version ${number}.`);
  const name = version.sections.find((s) => s.section === "Service")?.lines.find((l) => l.key === "name")?.text ?? service.name;
  return json({
    service: { id: service.id, name: service.name },
    title: `${name}, version ${number}`,
    version: { ...version, createdAt: version.createdAt.toISOString() },
    previous: service.versions.some((v) => v.number === number - 1) ? number - 1 : null,
    next: service.versions.some((v) => v.number === number + 1) ? number + 1 : null,
    latest: service.versions[0]?.number ?? number,
  });
}

export default function ServiceVersion() {
  const { service, title, version, previous, next, latest } = useLoaderData<typeof loader>();
  const base = `/services/${service.id}`;
  return (
    <>
      <PageHeader
        title={title}
        description={
          <>
            Frozen {formatLocal(version.createdAt)}
            {version.createdBy ? ` by ${version.createdBy}` : ""}. {version.number === latest ? "This is the latest version." : `The latest is version ${latest}.`}
          </>
        }
        breadcrumbs={[
          { to: "/services", label: "Services" },
          { to: base, label: service.name },
        ]}
        actions={
          <>
            {previous ? (
              <ButtonLink to={`${base}/compare?from=${previous}&to=${version.number}`} variant="secondary">
                Compare with version {previous}
              </ButtonLink>
            ) : null}
            <ButtonLink to={`${base}/compare?from=${version.number}&to=draft`} variant="secondary">
              Compare with the current draft
            </ButtonLink>
          </>
        }
      />
      <div className="stack-lg">
        <Panel title="This version's record">
          <dl className="details">
            <dt>Content hash</dt>
            <dd>
              <code className="hash">{version.hash}</code>
            </dd>
            <dt>Verification</dt>
            <dd>
              {version.verified ? (
                <Badge tone="success">Verified: the stored content matches its hash</Badge>
              ) : (
                <Badge tone="danger">Does not verify: the stored content no longer matches its hash</Badge>
              )}
            </dd>
            <dt>Since then</dt>
            <dd>{version.draftDiffers ? "The service has changed since this version." : "The service is as this version records it."}</dd>
          </dl>
          <nav aria-label="Other versions" className="row small version-nav">
            {previous ? <Link to={`${base}/versions/${previous}`}>← Version {previous}</Link> : null}
            {next ? <Link to={`${base}/versions/${next}`}>Version {next} →</Link> : null}
            <Link to={base}>The service as it stands</Link>
          </nav>
        </Panel>
        <Panel title="The definition, as frozen">
          <dl className="version-sections">
            {version.sections.map((s) => (
              <div key={s.section} className="version-section">
                <dt>{s.section}</dt>
                {s.section === "Needs answered" ? (
                  <dd>
                    <ul className="version-lines">
                      {version.needs.map((n) => (
                        <li key={n.id}>
                          <Link to={`/needs/${n.id}`}>{n.label}</Link>
                        </li>
                      ))}
                    </ul>
                  </dd>
                ) : s.lines.length === 1 || s.section === "Service" ? (
                  <dd className="pre-line">{s.lines.map((l) => l.text).join(", ")}</dd>
                ) : (
                  <dd>
                    <ul className="version-lines">
                      {s.lines.map((l) => (
                        <li key={l.key} className="pre-line">
                          {l.text}
                        </li>
                      ))}
                    </ul>
                  </dd>
                )}
              </div>
            ))}
          </dl>
        </Panel>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
