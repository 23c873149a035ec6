import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { UploadForm, VerificationDetails } from "../components/signoff/verification";
import { verificationOf } from "../models/verify.server";
import { notFound } from "../utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.v.service}, version ${data.v.number}: verification · Charter` : "Verification · Charter" }];

/** Public: where a document's footer link and QR code lead. What the version is and who agreed it, and a way to check a file against it. */
export async function loader({ params }: LoaderFunctionArgs) {
  const v = await verificationOf(params.versionId ?? "");
  if (!v) throw notFound("No Charter document has this link. Check that it was copied in full.");
  return json({ v });
}

export default function VerifyVersion() {
  const { v } = useLoaderData<typeof loader>();
  return (
    <div className="stack-lg verify-page">
      <section className="panel" aria-labelledby="verify-heading">
        <h1 id="verify-heading" className="panel-title">
          {v.service}, version {v.number}
        </h1>
        <p>
          {v.agreed
            ? "This version was agreed in Charter. Its signed PDF is sealed: check below that the file you hold is that PDF, byte for byte."
            : "This version has not been agreed: any copy of it is a draft, marked so on every page."}
        </p>
        <VerificationDetails v={v} />
      </section>
      <section className="panel" aria-labelledby="check-heading">
        <h2 id="check-heading" className="panel-title">
          Check your copy
        </h2>
        <UploadForm />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
