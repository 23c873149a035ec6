import {
  json,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { UploadForm, VerificationDetails } from "../components/signoff/verification";
import { MAX_VERIFY_BYTES, TOO_LARGE, uploadProblem } from "../domain/verify";
import { rateLimit } from "../models/rate-limit.server";
import { verifyUpload, type UploadVerdict } from "../models/verify.server";
import { requestMeta } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Check a signed service definition · Charter" }];

/** Uploads each address may check in ten minutes. */
export const VERIFY_LIMIT = { limit: 10, windowSeconds: 600 };

interface ActionData {
  error?: string;
  verdict?: UploadVerdict;
  fileName?: string;
}

/**
 * Public: anyone holding a PDF can ask whether it is an agreed Charter document, byte for byte.
 * Rate-limited per address; the file is read in memory up to 20 MB and never stored.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const { ip } = requestMeta(request, context);
  const limit = await rateLimit(`verify:${ip || "unknown"}`, VERIFY_LIMIT);
  if (!limit.allowed) {
    return json<ActionData>({ error: `Too many checks from your address: try again in ${Math.ceil(limit.retryAfter / 60)} minute${limit.retryAfter > 60 ? "s" : ""}.` }, { status: 429, headers: { "Retry-After": String(limit.retryAfter) } });
  }
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return json<ActionData>({ error: "Choose the PDF to check." }, { status: 400 });
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_VERIFY_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return json<ActionData>({ error: TOO_LARGE }, { status: 413 });
    return json<ActionData>({ error: "The upload could not be read: try again." }, { status: 400 });
  }
  // A form filled in by a robot fills the hidden field too.
  if (typeof form.get("website") === "string" && form.get("website") !== "") return json<ActionData>({ error: "The upload could not be read: try again." }, { status: 400 });
  const file = form.get("document");
  if (!file || typeof file === "string") return json<ActionData>({ error: uploadProblem(null)! }, { status: 400 });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const problem = uploadProblem({ size: bytes.byteLength, name: file.name }, bytes);
  if (problem) return json<ActionData>({ error: problem }, { status: file.size > MAX_VERIFY_BYTES ? 413 : 400 });
  return json<ActionData>({ verdict: await verifyUpload(bytes), fileName: file.name.slice(0, 200) });
}

export default function Verify() {
  const data = useActionData<typeof action>();
  const verdict = data?.verdict;
  return (
    <div className="stack-lg verify-page">
      <section className="panel" aria-labelledby="verify-heading">
        <h1 id="verify-heading" className="panel-title">
          Check a signed service definition
        </h1>
        <p>Was this PDF agreed in Charter, and is it exactly the document that was signed? Choose the file to find out. It is compared and forgotten, not kept.</p>
        <UploadForm error={data?.error} />
      </section>
      {verdict?.kind === "match" ? (
        <section className="panel verdict verdict-ok" aria-labelledby="verdict-heading" role="status">
          <h2 id="verdict-heading" className="panel-title">
            This is an agreed Charter document
          </h2>
          <p>
            <strong>{data!.fileName}</strong> is byte for byte the signed PDF of {verdict.verification.service}, version {verdict.verification.number}.
          </p>
          <VerificationDetails v={verdict.verification} />
        </section>
      ) : verdict?.kind === "no_match" ? (
        <section className="panel verdict verdict-bad" aria-labelledby="verdict-heading" role="status">
          <h2 id="verdict-heading" className="panel-title">
            This file does not match any agreed document
          </h2>
          <p>
            <strong>{data!.fileName}</strong> is not, byte for byte, any document agreed in Charter (its SHA-256 is <code className="hash">{verdict.sha256}</code>).
            {verdict.claims
              ? verdict.claims.agreed
                ? " It names a version that was agreed, but it is not that version's signed file: it has been changed, or it is a draft copy. Ask for the signed PDF."
                : " It names a version that has not been agreed: it is a draft copy."
              : " It may have been changed, or it may not come from Charter."}
          </p>
          {verdict.claims ? (
            <>
              <h3>The version it names</h3>
              <VerificationDetails v={verdict.claims} />
            </>
          ) : null}
        </section>
      ) : null}
      <p className="small muted">
        <Link to="/about">About Charter</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
