import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, installGlobals, type ServerBuild } from "@remix-run/node";
import express from "express";
import { closeDatabase } from "../app/db.server";
import { closePdfPool, warmPdfPool } from "../app/pdf/pool.server";
import { startBackgroundWork } from "../app/models/background.server";
import { EnvError, env as readEnv } from "../app/utils/env.server";
import { bootstrapWorkspace } from "../db/seed/bootstrap";
import { DEMO_LOGINS } from "../db/seed/demo-users";
import { ROLE_LABELS } from "../app/domain/roles";
import { openFromEnv } from "./open-database";
import { withDeadline } from "./deadline";
import { withDatabaseOutageAnswers } from "./database-outages";
import { bodyLimit, originCheck, securityHeaders } from "./security";

installGlobals({ nativeFetch: true });

const BUILD_PATH = path.resolve("build/index.js");

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

async function main() {
  let env;
  try {
    env = readEnv();
  } catch (error) {
    if (error instanceof EnvError) fail(error.message);
    throw error;
  }
  const production = env.NODE_ENV === "production";
  // Under `npm run dev` (remix dev) the build changes while we run; otherwise it is fixed.
  const devServer = Boolean(process.env.REMIX_DEV_ORIGIN);
  if (!fs.existsSync(BUILD_PATH)) fail("Charter is not built yet: run `npm run build` (or `npm start`, which builds).");

  const handle = await openFromEnv();
  const loadDemo = env.CHARTER_DEMO === "1" || (env.CHARTER_DEMO !== "0" && !production);
  const workspace = await bootstrapWorkspace({ loadDemo });

  let build = withDatabaseOutageAnswers((await import(pathToFileURL(BUILD_PATH).href)) as ServerBuild);
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY === "1" ? 1 : false);
  const security = {
    production,
    appOrigin: env.APP_ORIGIN || undefined,
    maxBodyBytes: 5_000_000,
    // The verify page reads PDFs up to 20 MB itself and says so in the page; a little above, for the form's own bytes.
    uploadLimits: { "/verify": 25_000_000 },
    connectSrc: devServer ? [`ws://localhost:${new URL(process.env.REMIX_DEV_ORIGIN!).port}`] : [],
  };
  app.use(securityHeaders(security));
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y", fallthrough: false }));
  // Only paths that look like files go to the disk; pages skip the stat() per request.
  const publicFiles = express.static("public", { maxAge: "1h", index: false });
  app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next()));
  app.use(originCheck(security));
  app.use(bodyLimit(security));

  const getLoadContext = (req: express.Request, res: express.Response) => ({
    cspNonce: res.locals.cspNonce as string,
    clientIp: req.ip ?? req.socket.remoteAddress ?? "",
  });
  if (!devServer) {
    app.all("*", withDeadline(createRequestHandler({ build, mode: production ? "production" : "development", getLoadContext }), { seconds: env.REQUEST_DEADLINE_SECONDS }));
  } else {
    // `remix dev` rebuilds into build/: pick up each new build without a restart.
    let version = fs.statSync(BUILD_PATH).mtimeMs;
    app.all("*", async (req, res, next) => {
      const mtime = fs.statSync(BUILD_PATH).mtimeMs;
      if (mtime !== version) {
        version = mtime;
        build = withDatabaseOutageAnswers((await import(`${pathToFileURL(BUILD_PATH).href}?t=${mtime}`)) as ServerBuild);
      }
      return createRequestHandler({ build, mode: "development", getLoadContext })(req, res, next);
    });
  }

  const server = app.listen(env.PORT, env.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    const shownHost = env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST;
    const lines = [
      "",
      `Charter is running at http://${shownHost}:${port}`,
      `Database: ${handle.driver === "pglite" ? `embedded PGlite in ${handle.location}` : `PostgreSQL at ${handle.location}`}`,
    ];
    if (workspace.state === "demo-loaded") lines.push("Loaded the demo workspace (Meridian Bank).");
    if (workspace.demo) {
      lines.push("", "Demo logins (password for each: " + DEMO_LOGINS[0]!.password + "):");
      for (const l of DEMO_LOGINS) lines.push(`  ${ROLE_LABELS[l.role].padEnd(22)} ${l.email}`);
    }
    if (workspace.state === "empty") {
      lines.push("", "The workspace has no users yet. Create the first admin with:", "  npm run user:create-admin -- --email you@example.com --name \"Your Name\"");
    }
    console.log(lines.join("\n") + "\n");
    if (devServer) void broadcastDevReady(build);
    // PDF workers take a couple of seconds to load: start them now rather than on the first PDF asked for.
    warmPdfPool().catch((error) => console.warn("The PDF workers could not start yet; they will on the first PDF:", error));
    stopBackground = startBackgroundWork();
  });
  let stopBackground = () => {};
  // A proxy or load balancer in front keeps idle connections open for about a minute (nginx, cloud
  // load balancers: 60 s). Node closes them after 5 s, so the proxy could send a request down a
  // connection just closed and answer 502: keep them longer than the proxy does.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Charter…`);
    stopBackground();
    server.close();
    server.closeAllConnections?.();
    Promise.all([closePdfPool(), closeDatabase()])
      .catch((error) => console.error("Closing the database failed:", error))
      .finally(() => process.exit(0));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
