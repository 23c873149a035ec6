import type { LoaderFunctionArgs } from "@remix-run/node";
import { toGuideFile } from "../domain/guide-file";
import { slug } from "../domain/guide-edit";
import { getGuide, getVersion } from "../models/guide.server";
import { notFound, requireIdParam, requireUser } from "../utils/auth.server";

/** Downloads one version as a guide file that Charter can import. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { capability: "guides:read" });
  const guideId = requireIdParam(params.guideId);
  const number = Number(params.number);
  if (!Number.isInteger(number) || number < 1) throw notFound();
  const [found, version] = await Promise.all([getGuide(guideId), getVersion(guideId, number)]);
  if (!found || !version) throw notFound("That guide version does not exist.");
  const file = toGuideFile(found.guide, version.content);
  const name = `${slug(found.guide.title)}-v${number}.json`;
  return new Response(JSON.stringify(file, null, 2) + "\n", {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
