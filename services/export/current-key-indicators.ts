// During a matching key rotation's overlap a node sends each keyed indicator once per key in
// force, its current key first (services/core/validation/submission-payloads.ts). An export is
// read outside the matching network, where the second hash of the same value only counts the
// indicator twice: the export keeps keyed indicators under the report's first key id (its sender's
// current key) and every clear indicator. Pure.
import type { v1 } from '../core/mod.ts';

export function indicatorsToExport(indicators: readonly v1.IIndicator[] | null | undefined): v1.IIndicator[] {
  const list = indicators ?? [];
  const currentKeyId = list.find((indicator) => (indicator.keyed?.digest?.length ?? 0) > 0)?.keyed?.hashKeyId;
  return list.filter((indicator) => (indicator.keyed?.digest?.length ?? 0) === 0 || indicator.keyed?.hashKeyId === currentKeyId);
}
