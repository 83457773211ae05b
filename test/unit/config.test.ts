import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../../app/config.server";
import { buildOutdated } from "../../app/http/build.server";

describe("modes", () => {
  it("is production unless NODE_ENV says development or test", () => {
    for (const NODE_ENV of [undefined, "", "production", "staging"]) {
      expect(readConfig({ NODE_ENV }), String(NODE_ENV)).toMatchObject({ isProduction: true, useBuild: true });
    }
    expect(readConfig({ NODE_ENV: "test" })).toMatchObject({ isProduction: false, useBuild: true, seedDemo: true });
    expect(readConfig({ NODE_ENV: "development" })).toMatchObject({ isProduction: false, useBuild: false, seedDemo: true });
  });

  it("seeds demo data in production only into the embedded database, or when asked to", () => {
    expect(readConfig({}).seedDemo).toBe(true);
    expect(readConfig({ DATABASE_URL: "postgres://db.kommun.se/samrad" }).seedDemo).toBe(false);
    expect(readConfig({ DATABASE_URL: "postgres://db.kommun.se/samrad", SEED_DEMO: "1" }).seedDemo).toBe(true);
  });
});

describe("listening address and PUBLIC_URL", () => {
  const refusal = (env: Record<string, string>) => {
    try {
      readConfig(env);
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
  };

  it("requires PUBLIC_URL in production unless the host is loopback", () => {
    expect(refusal({ HOST: "0.0.0.0" })).toMatch(/HOST=0\.0\.0\.0 kräver PUBLIC_URL/);
    expect(refusal({ HOST: "10.1.2.3", PUBLIC_URL: "" })).toMatch(/kräver PUBLIC_URL/);
    for (const HOST of ["127.0.0.1", "127.0.1.1", "::1", "localhost"]) expect(refusal({ HOST }), HOST).toBeUndefined();
    expect(readConfig({ HOST: "0.0.0.0", PUBLIC_URL: "https://samrad.kommun.se/" }).publicUrl).toBe("https://samrad.kommun.se");
  });

  it("refuses a non-loopback host in development and test", () => {
    for (const NODE_ENV of ["development", "test"]) {
      expect(refusal({ NODE_ENV, HOST: "0.0.0.0" }), NODE_ENV).toMatch(/lyssnar bara på loopback/);
      expect(refusal({ NODE_ENV, HOST: "0.0.0.0", PUBLIC_URL: "https://samrad.kommun.se" }), NODE_ENV).toMatch(/loopback/);
    }
  });

  it("takes PUBLIC_URL as an origin only", () => {
    expect(readConfig({ PUBLIC_URL: "HTTPS://Samrad.Kommun.se:443" }).publicUrl).toBe("https://samrad.kommun.se");
    expect(readConfig({ PUBLIC_URL: "http://samrad.kommun.se:8080" }).publicUrl).toBe("http://samrad.kommun.se:8080");
    for (const PUBLIC_URL of ["https://kommun.se/samrad", "https://samrad.kommun.se/?x=1", "ftp://samrad.kommun.se"]) {
      expect(refusal({ PUBLIC_URL }), PUBLIC_URL).toMatch(/PUBLIC_URL=/);
    }
  });
});

describe("mail and jobs", () => {
  it("delivers over SMTP_URL only when it is set, from MAIL_FROM or noreply at PUBLIC_URL's host", () => {
    expect(readConfig({}).smtpUrl).toBeUndefined();
    expect(readConfig({ SMTP_URL: "" }).smtpUrl).toBeUndefined();
    expect(readConfig({ SMTP_URL: "smtp://samrad:hemligt@smtp.kommun.se:587" }).smtpUrl).toBe("smtp://samrad:hemligt@smtp.kommun.se:587");
    expect(readConfig({ SMTP_URL: "smtps://smtp.kommun.se:465" }).smtpUrl).toBe("smtps://smtp.kommun.se:465");
    for (const SMTP_URL of ["smtp.kommun.se:587", "https://smtp.kommun.se"]) {
      expect(() => readConfig({ SMTP_URL }), SMTP_URL).toThrow(ConfigError);
    }
    expect(readConfig({ PUBLIC_URL: "https://samrad.kommun.se" }).mailFrom).toBe("Samråd <noreply@samrad.kommun.se>");
    expect(readConfig({ MAIL_FROM: "IOP <iop@kommun.se>" }).mailFrom).toBe("IOP <iop@kommun.se>");
  });

  it("runs the jobs unless JOBS=off, and under NODE_ENV=test only with JOBS=on", () => {
    expect(readConfig({}).jobs).toBe(true);
    expect(readConfig({ JOBS: "off" }).jobs).toBe(false);
    expect(readConfig({ NODE_ENV: "test" }).jobs).toBe(false);
    expect(readConfig({ NODE_ENV: "test", JOBS: "on" }).jobs).toBe(true);
    expect(readConfig({}).remindersCron).toBe("*/15 * * * *");
  });
});

describe("whether build/ must be rebuilt", () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  async function project() {
    const root = await mkdtemp(path.join(tmpdir(), "samrad-build-"));
    dirs.push(root);
    await mkdir(path.join(root, "app/routes"), { recursive: true });
    await mkdir(path.join(root, "build/server"), { recursive: true });
    const at = (file: string, seconds: number) => utimes(path.join(root, file), seconds, seconds);
    for (const file of ["app/routes/home.tsx", "package-lock.json", "build/server/index.js"]) await writeFile(path.join(root, file), "");
    for (const dir of ["app", "app/routes"]) await at(dir, 1000);
    await at("app/routes/home.tsx", 1000);
    await at("package-lock.json", 1000);
    await at("build/server/index.js", 2000);
    return { root, at };
  }

  it("is not needed when the build is newer than every source", async () => {
    const { root } = await project();
    expect(buildOutdated(root)).toBeUndefined();
  });

  it("is needed when the build is missing, a source changed or the dependencies were reinstalled", async () => {
    const a = await project();
    await rm(path.join(a.root, "build"), { recursive: true });
    expect(buildOutdated(a.root)).toBe("build/ saknas");

    const b = await project();
    await b.at("app/routes/home.tsx", 3000);
    expect(buildOutdated(b.root)).toBe("app är nyare än build/");

    const c = await project();
    await mkdir(path.join(c.root, "node_modules"));
    await writeFile(path.join(c.root, "node_modules/.package-lock.json"), "");
    expect(buildOutdated(c.root)).toBe("node_modules/.package-lock.json är nyare än build/");
  });

  it("notices a deleted source by its folder's time", async () => {
    const { root } = await project();
    await rm(path.join(root, "app/routes/home.tsx"));
    expect(buildOutdated(root)).toBe("app är nyare än build/");
  });
});

describe("worker processes", () => {
  it("runs one per CPU in production and one in development and tests, unless WEB_CONCURRENCY says", () => {
    expect(readConfig({}).workers).toBe(availableParallelism());
    expect(readConfig({ NODE_ENV: "development" }).workers).toBe(1);
    expect(readConfig({ NODE_ENV: "test" }).workers).toBe(1);
    expect(readConfig({ WEB_CONCURRENCY: "3" }).workers).toBe(3);
    expect(readConfig({ NODE_ENV: "test", WEB_CONCURRENCY: "2" }).workers).toBe(2);
    expect(readConfig({ WEB_CONCURRENCY: "" }).workers).toBe(availableParallelism());
  });

  it("refuses a WEB_CONCURRENCY that is not a whole number from 1 to 64, saying what to write", () => {
    for (const WEB_CONCURRENCY of ["0", "-1", "1.5", "2e1", "två", "65", " 2"]) {
      expect(() => readConfig({ WEB_CONCURRENCY }), WEB_CONCURRENCY).toThrow(/WEB_CONCURRENCY=.*heltal från 1 till 64/);
    }
  });
});
