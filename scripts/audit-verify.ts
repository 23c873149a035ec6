import { db } from "../app/db.server";
import { verifyAuditChain } from "../app/models/audit.server";
import { openFromEnv, run } from "../server/open-database";

/** npm run audit:verify — walks the audit chain; exits 1 and names the first broken event if any. */
run(async () => {
  const handle = await openFromEnv();
  const report = await verifyAuditChain(db());
  if (report.ok) {
    console.log(`Audit trail OK: ${report.checked} events, chain intact (${handle.location}). Last hash ${report.lastHash}.`);
    return 0;
  }
  console.error(`Audit trail BROKEN at event #${report.seq}: ${report.reason}. ${report.checked} events before it hold.`);
  return 1;
});
