import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { conditionText } from "../components/guide/condition-text";
import { QuestionInput } from "../components/guide/question-input";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Badge } from "../components/ui/badge";
import { EmptyState } from "../components/ui/empty-state";
import { PageHeader } from "../components/ui/page-header";
import { Panel } from "../components/ui/panel";
import { isVisible } from "../domain/guide";
import { getGuide, getVersion } from "../models/guide.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Preview: ${data?.title ?? "guide"} · Charter` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "guides:read" });
  const guideId = requireIdParam(params.guideId);
  const number = Number(params.number);
  if (!Number.isInteger(number) || number < 1) throw notFound();
  const [found, version] = await Promise.all([getGuide(guideId), getVersion(guideId, number)]);
  if (!found || !version) throw notFound("That guide version does not exist.");
  return json({ guideId, title: found.guide.title, number, status: version.status, content: version.content });
}

/** The guide as the interviewer will see it; answers here are not saved, and conditions apply as you answer. */
export default function PreviewGuide() {
  const { guideId, title, number, status, content } = useLoaderData<typeof loader>();
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  let n = 0;
  return (
    <>
      <PageHeader
        title={`Preview: ${title}`}
        description={
          <>
            Version {number} {status === "published" ? <Badge tone="success">Published</Badge> : <Badge tone="warning">Draft</Badge>} · Try
            answers to see the show-if conditions work; nothing here is saved.
          </>
        }
        breadcrumbs={[
          { to: "/guides", label: "Interview guides" },
          { to: `/guides/${guideId}`, label: title },
        ]}
      />
      {content.sections.length === 0 ? (
        <EmptyState title="This version has no sections yet">Add sections and questions in the editor to see them here.</EmptyState>
      ) : (
        <div className="stack-lg">
          {content.sections.map((section) => (
            <Panel key={section.id} title={section.title}>
              {section.purpose ? <p className="muted">{section.purpose}</p> : null}
              {section.questions.map((question) => {
                n += 1;
                if (!isVisible(question, answers)) {
                  return (
                    <p key={question.id} className="condition-note">
                      Q{n} is hidden until its condition holds ({conditionText(content, question)?.replace(/^Shown if /, "")}).
                    </p>
                  );
                }
                return (
                  <QuestionInput
                    key={question.id}
                    question={question}
                    number={n}
                    value={answers[question.id]}
                    onChange={(value) => setAnswers((a) => ({ ...a, [question.id]: value }))}
                  />
                );
              })}
            </Panel>
          ))}
        </div>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
