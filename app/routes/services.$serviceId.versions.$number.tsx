import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Badge } from "../components/ui/badge";
import { ButtonLink } from "../components/ui/button";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { formatLocal } from "../domain/interview";
import { readVersion, versionNumber } from "../models/service-version-view.server";
import { versionSignoffs } from "../models/signoff-read.server";
import { can } from "../domain/roles";
import { SIGNOFF_STATUS_LABELS } from "../domain/signoff";
import { statusTone } from "../components/signoff/signoff-people";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Charter` : "Service version · Charter" }];

/** One frozen version of a service, read as a whole; everyone who reads services reads it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { capability: "services:read" });
  const serviceId = requireIdParam(params.serviceId);
  const number = versionNumber(params.number);
  if (number === null) throw notFound(`Versions are numbered 1, 2, 3 and so on: “${String(params.number).slice(0, 40)}” is not one.`);
  const [found, signoffs] = await Promise.all([readVersion({ serviceId, number }), versionSignoffs(serviceId)]);
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
    signoff: signoffs[number] ?? null,
    canSubmit: can(user.role, "services:edit"),
  });
}

export default function ServiceVersion() {
  const { service, title, version, previous, next, latest, signoff, canSubmit } = useLoaderData<typeof loader>();
  const submittable = canSubmit && version.number === latest && (!signoff || signoff.status === "withdrawn");
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
        <Panel title="Sign-off">
          <div className="row">
            {signoff ? (
              <>
                <Badge tone={statusTone(signoff.status)}>{SIGNOFF_STATUS_LABELS[signoff.status]}</Badge>
                <Link to={`/signoff/${signoff.requestId}`}>The sign-off request</Link>
              </>
            ) : (
              <span className="muted">Not sent for sign-off.</span>
            )}
            <a href={`${base}/versions/${version.number}.pdf`} className="btn btn-secondary btn-sm">
              {signoff?.sealed ? "Signed PDF" : "PDF (draft copy)"}
            </a>
            {submittable ? <ButtonLink to={`${base}/versions/${version.number}/submit`}>Send for sign-off</ButtonLink> : null}
          </div>
          {signoff?.status === "rejected" && canSubmit ? <p className="small muted">Rejected versions stay as they were: change the draft and create a new version to send again.</p> : null}
        </Panel>
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
