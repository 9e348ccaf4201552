import { checkLabelKey, checkLabelValue } from '../k8s-names';
import type { JsonPath } from '../json-path';
import { asRecord, getPath, isKind, isRecord } from '../manifest-doc';
import { defineRule } from './rule';

/** Fields whose value is a label map wherever they appear: labels, selectors, node selectors. */
const LABEL_MAP_FIELDS = new Set(['labels', 'matchLabels', 'nodeSelector']);

/**
 * Label keys and values: in `labels` and `matchLabels` maps anywhere in an object (metadata, pod templates, Dynamo
 * `extraPodMetadata`), in `nodeSelector`s (the scheduler compares them to node labels) and in Service selectors.
 */
export const labelSyntaxRule = defineRule({
  id: 'label-syntax',
  severity: 'error',
  description: "Label keys and values are valid: values at most 63 characters of alphanumerics, '-', '_', '.'.",
  find(docs, report) {
    for (const m of docs) {
      const maps: { path: JsonPath; map: Record<string, unknown> }[] = [];
      const walk = (value: unknown, path: JsonPath): void => {
        if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
        else if (isRecord(value)) {
          for (const [k, v] of Object.entries(value)) {
            if (k === 'annotations') continue;
            if (LABEL_MAP_FIELDS.has(k) && isRecord(v)) maps.push({ path: [...path, k], map: v });
            else walk(v, [...path, k]);
          }
        }
      };
      walk(m.doc, []);
      const serviceSelector = isKind(m, '', 'Service') ? asRecord(getPath(m.doc, ['spec', 'selector'])) : undefined;
      if (serviceSelector !== undefined) maps.push({ path: ['spec', 'selector'], map: serviceSelector });
      for (const { path, map } of maps) {
        for (const [key, value] of Object.entries(map)) {
          const keyProblem = checkLabelKey(key);
          if (keyProblem !== undefined) report(m, [...path, key], keyProblem);
          if (typeof value === 'string') {
            const valueProblem = checkLabelValue(value);
            if (valueProblem !== undefined) report(m, [...path, key], valueProblem);
          }
        }
      }
    }
  },
});
