import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { db } from "../db.server";
import { rowsOf } from "./rows.server";

export interface Verification {
  versionId: string;
  service: string;
  number: number;
  contentHash: string;
  agreed: { at: string; sha256: string; pages: number } | null;
  people: { role: "approver" | "signer"; name: string; title: string; decision: "approved" | "rejected" | null; at: string | null }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What Charter can say in public of one version: the service, the number, and (once agreed) who approved and signed when. */
export async function verificationOf(versionId: string): Promise<Verification | null> {
  if (!UUID.test(versionId)) return null;
  const [row] = rowsOf<{ id: string; service: string; number: number; content_hash: string; agreed_at: string | null; sha256: string | null; pages: number | null; request_id: string | null }>(
    await db().execute(sql`
      select v.id, v.content->'service'->>'name' as service, v.number, v.content_hash, a.agreed_at, a.sha256, a.pages, a.request_id
      from service_versions v left join agreed_documents a on a.version_id = v.id
      where v.id = ${versionId}`),
  );
  if (!row) return null;
  const people = row.request_id
    ? rowsOf<{ role: "approver" | "signer"; name: string; title: string; decision: "approved" | "rejected" | null; decided_at: string | null }>(
        await db().execute(sql`
          select s.role, u.name, u.title, s.decision, s.decided_at from signoff_steps s join users u on u.id = s.user_id
          where s.request_id = ${row.request_id} order by s.role, s.position`),
      )
    : [];
  return {
    versionId: row.id,
    service: row.service,
    number: row.number,
    contentHash: row.content_hash,
    agreed: row.agreed_at && row.sha256 ? { at: new Date(row.agreed_at).toISOString(), sha256: row.sha256, pages: Number(row.pages) } : null,
    people: people.map((p) => ({ role: p.role, name: p.name, title: p.title, decision: p.decision, at: p.decided_at ? new Date(p.decided_at).toISOString() : null })),
  };
}

export type UploadVerdict =
  | { kind: "match"; sha256: string; verification: Verification }
  /** Not byte-for-byte any agreed document; `claims` is the version the file names in its footer, if any. */
  | { kind: "no_match"; sha256: string; claims: Verification | null };

/** Whether the bytes are exactly an agreed document's, and if not, which version the file says it is. */
export async function verifyUpload(bytes: Uint8Array): Promise<UploadVerdict> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const [hit] = rowsOf<{ version_id: string }>(await db().execute(sql`select version_id from agreed_documents where sha256 = ${sha256}`));
  if (hit) return { kind: "match", sha256, verification: (await verificationOf(hit.version_id))! };
  // The footer's link names the version: /verify/<id>. Look for it in the file's text (uncompressed link annotations).
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const named = /\/verify\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(text)?.[1];
  return { kind: "no_match", sha256, claims: named ? await verificationOf(named.toLowerCase()) : null };
}
