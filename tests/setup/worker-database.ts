// Runs before each test file: gives the worker its own database cloned from the migrated template,
// so test files run in parallel without seeing each other's rows.
import { connectPostgres } from "../../db/connect";
import { inject } from "vitest";
import { TEMPLATE_DB, withDatabase } from "./global-postgres";
import { TEST_ENV } from "./test-env";
import { logger } from "../../lib/logger";

const baseUrl = inject("pgBaseUrl");
const name = `switchyard_test_${process.env.VITEST_POOL_ID ?? "0"}`;
const admin = connectPostgres(baseUrl, { max: 1, onnotice: () => {} });
const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
if (!exists) await admin.unsafe(`create database ${name} template ${TEMPLATE_DB}`);
await admin.end();

Object.assign(process.env, TEST_ENV, { DATABASE_URL: withDatabase(baseUrl, name) });
// The logger was loaded (through db/embedded) before LOG_LEVEL was set above.
logger.level = TEST_ENV.LOG_LEVEL;
