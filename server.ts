import { ConfigError, readConfig, type Config } from "./app/config.server";
import { ensureFreshBuild } from "./app/http/build.server";
import { startSamrad } from "./app/http/server.server";
import { DEMO_PASSWORD } from "./db/seed/agreements";
import { demoLogins } from "./db/seed/demo";

// A stray rejection is a bug to log, not a reason to take every meeting's minutes down with it.
process.on("unhandledRejection", (reason) => console.error("[samråd] unhandled rejection", reason));

let config: Config;
try {
  config = readConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Samråd startar inte: ${error.message}`);
  process.exit(1);
}
// Tests build once for the whole run (npm test); production builds here when the sources changed.
if (config.isProduction) ensureFreshBuild();
const started = Date.now();
const samrad = await startSamrad(config);

console.log(`Samråd är igång på ${samrad.url} (${Date.now() - started} ms)`);
if (samrad.seeded) console.log("Demodata från de fyra överenskommelserna har lagts in.");
if (config.seedDemo) {
  console.log(`Demokonton (lösenord ${DEMO_PASSWORD}): ${demoLogins().join(", ")}`);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.log(`${signal}: stänger ner…`);
    samrad.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
