import { addMeasurement, bucketOf } from '../../models/first-token.ts';
import type { GenerateResult } from '../protocol/schemas.ts';
import { database, type PocketDb } from './db.ts';

/** Adds one generation's time to first token to this device's record (models/first-token.ts). */
export async function recordFirstToken(model: string, stats: GenerateResult['stats'], db: PocketDb = database()): Promise<void> {
  if (stats.tokensOut === 0 || !(stats.ttftMs > 0)) return;
  const bucket = bucketOf(stats.tokensIn);
  await db.transaction('rw', db.firstTokens, async () => {
    const row = await db.firstTokens.get([model, stats.backend, bucket]);
    await db.firstTokens.put(addMeasurement(row, model, stats.backend, stats.tokensIn, stats.ttftMs));
  });
}
