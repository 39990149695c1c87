import { openSecret, type SecretKey } from '@upsell/datasets';
import { type Db, listDatasetSources, listDatasets } from '@upsell/db';

/**
 * What the start says about connected datasets it cannot read: all of them without
 * UPSELL_SECRET_KEY, or those whose secret the key does not open (another key sealed them). The
 * server starts all the same (the other datasets work, and a deployment does not go into a
 * restart loop); those datasets answer NOT_CONFIGURED until it is fixed.
 *
 * @example
 * for (const line of await unreadableSources(db, env.UPSELL_SECRET_KEY)) log(line);
 */
export async function unreadableSources(db: Db, key: SecretKey | undefined): Promise<string[]> {
  const sources = await listDatasetSources(db);
  if (sources.length === 0) return [];
  const names = new Map((await listDatasets(db)).map((dataset) => [dataset.id, dataset.name]));
  const named = (ids: string[]) => ids.map((id) => `"${names.get(id) ?? id}"`).join(', ');
  if (key === undefined) {
    return [
      `${sources.length} connected dataset(s) cannot be read: UPSELL_SECRET_KEY is not set (${named(sources.map((s) => s.datasetId))}); start with the key they were registered under`,
    ];
  }
  const unopened = sources.filter((source) => {
    try {
      openSecret(source.secret, key);
      return false;
    } catch {
      return true;
    }
  });
  return unopened.length === 0
    ? []
    : [
        `connected dataset(s) ${named(unopened.map((s) => s.datasetId))} cannot be read: UPSELL_SECRET_KEY does not open their URLs (another key sealed them); start with that key, or register them again`,
      ];
}
