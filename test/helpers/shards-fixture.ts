import { randomBytes } from "node:crypto";
import { openPostgresStore } from "../../src/store/open.js";
import type { GuildSpec } from "../fake-discord/index.js";
import { dropSchemaLater } from "./postgres-schemas.js";

const DISCORD_EPOCH = 1_420_070_400_000n;

/** One guild per shard: Discord routes a guild to shard `(id >> 22) % count`, so the ids are chosen for it. */
export function oneGuildPerShard(count: number): GuildSpec[] {
  const ms = BigInt(Date.now()) - DISCORD_EPOCH;
  const first = ms - (ms % BigInt(count));
  return Array.from({ length: count }, (_, shard) => ({
    id: ((first + BigInt(shard)) << 22n).toString(),
    name: `Shard ${shard} server`,
  }));
}

export interface TestSchema {
  /** DATABASE_URL for the processes: the test server, with `search_path` set to the schema. */
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated schema. Migrated here, before the shards start, because Kysely's migrator looks for
 * its own tables in every schema when none is named, and the contract suite's schemas may exist too.
 */
export async function createTestSchema(serverUrl: string): Promise<TestSchema> {
  const schema = `star_shards_${randomBytes(6).toString("hex")}`;
  const store = await openPostgresStore(serverUrl, { schema, max: 1 });
  await store.close();
  const options = encodeURIComponent(`-c search_path=${schema}`);
  return {
    url: `${serverUrl}${serverUrl.includes("?") ? "&" : "?"}options=${options}`,
    drop: () => dropSchemaLater(serverUrl, schema),
  };
}
