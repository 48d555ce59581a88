import type { CatalogueEntry, Feature } from '../../models/catalogue.ts';
import { canServe } from '../../models/defaults.ts';
import { ModelNotFoundError, ValidationError } from '../protocol/errors.ts';

type Checked = Pick<CatalogueEntry, 'name' | 'promptFormat' | 'unavailableReason'>;

/**
 * The checks a run makes before it starts on a model: it exists, it can run here, and it can serve the feature (a
 * script writer given a story prompt would answer with a script). The pickers offer only such models; a stale draft,
 * a saved default or another sender may still name one.
 */
export function usableModel<T extends Checked>(id: string, entry: T | undefined, feature: Feature): T {
  if (!entry) throw new ModelNotFoundError(`no model "${id}"`);
  if (entry.unavailableReason) throw new ModelNotFoundError(`"${entry.name}" cannot run here: ${entry.unavailableReason}`);
  if (!canServe(entry, feature)) throw new ValidationError(`"${entry.name}" only writes page scripts (Automate); pick another model here`);
  return entry;
}
