import { afterAll, inject } from "vitest";
import { closeDb } from "@/lib/db/client";
import { closeOwner } from "./owner";
import { reloadConfig } from "@/lib/config/env";

const embedded = inject("embedded");
process.env.DATABASE_URL = inject("appDatabaseUrl");
// On a real server the app logs in as agentcare_runtime itself; embedded, the session role is
// already set by the global setup.
process.env.DATABASE_SESSION_ROLE = "none";
process.env.DATABASE_POOL_MAX = embedded ? "1" : "12";
reloadConfig();

afterAll(async () => {
  await closeDb();
  await closeOwner();
});
