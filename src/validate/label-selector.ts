import { asArray, asRecord, asString, asStringMap } from './manifest-doc';

/**
 * True when labels satisfy a selector: either a Service-style map (`{app: x}`) or a `LabelSelector`
 * (`matchLabels` + `matchExpressions` with In, NotIn, Exists, DoesNotExist).
 */
export function matchesSelector(selector: unknown, labels: Readonly<Record<string, string>>, form: 'map' | 'labelSelector'): boolean {
  const sel = asRecord(selector) ?? {};
  const matchLabels = form === 'map' ? asStringMap(sel) : asStringMap(sel.matchLabels);
  for (const [k, v] of Object.entries(matchLabels)) if (labels[k] !== v) return false;
  if (form === 'map') return true;
  for (const e of asArray(sel.matchExpressions)) {
    const expr = asRecord(e);
    const key = asString(expr?.key);
    if (expr === undefined || key === undefined) continue;
    const values = asArray(expr.values).map(String);
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    const value = labels[key];
    switch (expr.operator) {
      case 'In':
        if (!has || value === undefined || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (has && value !== undefined && values.includes(value)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** A selector as `k=v,k2=v2` (map form and matchLabels; expressions as `key Op [values]`). */
export function formatSelector(selector: unknown, form: 'map' | 'labelSelector'): string {
  const sel = asRecord(selector) ?? {};
  const parts = Object.entries(form === 'map' ? asStringMap(sel) : asStringMap(sel.matchLabels)).map(([k, v]) => `${k}=${v}`);
  if (form === 'labelSelector') {
    for (const e of asArray(sel.matchExpressions)) {
      const expr = asRecord(e);
      parts.push(`${String(expr?.key)} ${String(expr?.operator)}${expr?.values === undefined ? '' : ` [${asArray(expr.values).join(',')}]`}`);
    }
  }
  return parts.join(',');
}
