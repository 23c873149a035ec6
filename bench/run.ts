import { autosaveLoad, bareInsertLoad, pacedAutosave, startInterviews } from "./autosave";
import { load, table } from "./load";
import { needsBench } from "./needs";
import { pdfBench } from "./pdf";
import { scoringGridBench } from "./rounds-grid";
import { roundsBench } from "./rounds";
import { signInCookie, startBenchServer } from "./server";

/**
 * npm run bench — the signed-in home page against a bare page of the same
 * build (/about: no loader of its own, the same document pipeline and root),
 * 50 connections for 10 s each; /healthz shows the cost of Express and Remix alone. Targets: home ≥ 60% of the bare route's
 * throughput, and home p95 < 50 ms. Then the autosave: 50 interviewers, each on their own
 * interview, saving with real revisions and idempotency keys, against a bare action doing one
 * INSERT (targets: ≥ 50% of its throughput, p95 < 50 ms).
 * Then the needs board and a need's page on 10,000 needs (bench/needs.ts; target p95 < 100 ms), and
 * a prioritisation round's results over 80,000 scores (bench/rounds.ts; target < 200 ms), and one
 * business lead's scoring grid for a round of 1,000 needs, half scored (bench/rounds-grid.ts: sequential
 * GETs, then one connection for BENCH_SECONDS; target p95 < 300 ms). Last, service-document PDFs
 * (bench/pdf.ts): a ~20-page document rendered in process (p50 < 1 s, RSS steady), the paced autosave
 * while 4 PDFs render in the worker pool (p95 < 100 ms), and headless Chromium on the same content.
 * Prints figures; the exit code is 0 either way.
 */
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const server = await startBenchServer();
try {
  const cookie = await signInCookie(server.url, "admin@meridian.example", "charter-demo");
  console.log(`Charter bench: production build, ${server.database}, 50 connections, ${DURATION} s per route.\n`);
  // Warm up both routes (JIT, prepared statements, caches).
  await load("warm-up", `${server.url}/about`, { duration: 2 });
  await load("warm-up", `${server.url}/`, { duration: 2, headers: { cookie } });
  const resource = await load("resource route (/healthz)", `${server.url}/healthz`, { duration: DURATION });
  const bare = await load("bare page (/about)", `${server.url}/about`, { duration: DURATION });
  const home = await load("signed-in home (/)", `${server.url}/`, { duration: DURATION, headers: { cookie } });
  table([resource, bare, home]);
  const ratio = home.rps / bare.rps;
  console.log(`\nhome / bare throughput: ${(ratio * 100).toFixed(1)}%  (target ≥ 60%: ${ratio >= 0.6 ? "met" : "NOT met"})`);
  console.log(`home p95: ${home.p95.toFixed(1)} ms  (target < 50 ms: ${home.p95 < 50 ? "met" : "NOT met"})`);
  if (home.non2xx > 0 || home.errors > 0) console.log(`WARNING: ${home.non2xx} non-2xx answers and ${home.errors} errors on the home page.`);

  // Autosave: 50 interviewers, each saving answers in their own interview.
  const rm = await signInCookie(server.url, "rm@meridian.example", "charter-demo");
  const interviews = await startInterviews(server.url, rm, 50);
  await bareInsertLoad(server.url, { duration: 2 });
  await autosaveLoad(server.url, rm, interviews, { duration: 2 });
  const bareInsert = await bareInsertLoad(server.url, { duration: DURATION });
  const autosave = await autosaveLoad(server.url, rm, interviews, { duration: DURATION });
  // The same 50 interviewers at a human pace: each saving twice a second (typing pauses are ~0.7 s apart at most).
  const paced = await pacedAutosave(server.url, rm, interviews, { duration: DURATION, perSecond: 2 });
  console.log("");
  table([bareInsert, autosave, paced]);
  const saveRatio = autosave.rps / bareInsert.rps;
  console.log(`\nautosave / bare action throughput: ${(saveRatio * 100).toFixed(1)}%  (target ≥ 50%: ${saveRatio >= 0.5 ? "met" : "NOT met"})`);
  console.log(`autosave p95, as fast as they can: ${autosave.p95.toFixed(1)} ms  (target < 50 ms: ${autosave.p95 < 50 ? "met" : "NOT met"})`);
  console.log(`autosave p95, at 2 saves/s each: ${paced.p95.toFixed(1)} ms  (target < 50 ms: ${paced.p95 < 50 ? "met" : "NOT met"})`);
  if (autosave.non2xx > 0 || autosave.errors > 0) console.log(`WARNING: ${autosave.non2xx} refused saves and ${autosave.errors} errors in the autosave run.`);
} finally {
  await server.stop();
}

// The needs board and a need's page on a workspace of 10,000 needs (bench/needs.ts).
await needsBench({ duration: DURATION, build: false });

// A round's results over 80,000 scores, in process (bench/rounds.ts).
await roundsBench();

// One lead's scoring grid on a round of 1,000 needs, through the production server (bench/rounds-grid.ts).
await scoringGridBench({ duration: DURATION, build: false });

// Service-document PDFs: in process, off the request thread under the autosave, and against headless Chromium (bench/pdf.ts).
await pdfBench({ duration: DURATION, build: false });
