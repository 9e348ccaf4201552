import { groupOf, kindOf, nameOf, namespaceOf, type ManifestDoc } from '../manifest-doc';
import { defineRule } from './rule';

/**
 * No two objects of the same kind, name and namespace in one manifest set. The configurations of a comparison are
 * deployed one after another into one namespace, so a second object silently replaces the first.
 */
export const uniqueObjectsRule = defineRule({
  id: 'unique-object',
  severity: 'error',
  description: 'No two objects of the same kind/name/namespace across the files of one comparison directory.',
  find(docs, report) {
    const first = new Map<string, ManifestDoc>();
    for (const m of docs) {
      const name = nameOf(m);
      if (name === undefined || kindOf(m) === '') continue;
      const namespace = namespaceOf(m);
      const key = JSON.stringify([groupOf(m), kindOf(m), namespace ?? '', name]);
      const previous = first.get(key);
      if (previous === undefined) {
        first.set(key, m);
        continue;
      }
      const where = previous.file === m.file ? `document ${previous.index + 1} of the same file` : `${previous.file} (document ${previous.index + 1})`;
      const ns = namespace === undefined ? 'the same namespace' : `namespace ${namespace}`;
      report(m, ['metadata', 'name'], `duplicate object: ${kindOf(m)} "${name}" is also defined in ${where}; both would be applied to ${ns}, the last one wins`);
    }
  },
});
