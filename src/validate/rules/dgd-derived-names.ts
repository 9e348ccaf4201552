import { dgdComponentObjectName, dgdComponents, dgdFrontendServiceName, FRONTEND_COMPONENT_TYPE, isDgd } from '../dgd';
import { checkName, NameSyntax } from '../k8s-names';
import { nameOf } from '../manifest-doc';
import { defineRule } from './rule';

/**
 * The names the Dynamo operator derives from a graph must be valid DNS labels of at most 63 characters:
 * the frontend Service `<dgd>-frontend`, and `<dgd>-<component lowercased>` for each component's objects and labels.
 * A graph whose own name is fine (up to 253 characters) can still produce names the operator cannot create.
 */
export const dgdDerivedNamesRule = defineRule({
  id: 'dgd-derived-name',
  severity: 'error',
  description:
    "Names the Dynamo operator derives from a graph (`<dgd>-frontend` Service, `<dgd>-<component>` objects) are DNS labels of at most 63 characters.",
  find(docs, report) {
    for (const m of docs.filter(isDgd)) {
      const dgdName = nameOf(m);
      if (dgdName === undefined) continue;
      const components = dgdComponents(m);
      const reported = new Set<string>();
      if (components.some((c) => c.componentType === FRONTEND_COMPONENT_TYPE)) {
        const service = dgdFrontendServiceName(dgdName);
        const problem = checkName(service, NameSyntax.DNS1035_LABEL);
        if (problem !== undefined) {
          reported.add(service);
          report(m, ['metadata', 'name'], `derived frontend Service name (<dgd>-frontend): ${problem}`);
        }
      }
      for (const c of components) {
        const derived = dgdComponentObjectName(dgdName, c.name);
        if (reported.has(derived)) continue;
        const problem = checkName(derived, NameSyntax.DNS1123_LABEL);
        if (problem !== undefined) {
          reported.add(derived);
          report(m, c.path, `derived name of component ${c.name} (<dgd>-<component lowercased>): ${problem}`);
        }
      }
    }
  },
});
