import { checkName, NameSyntax } from '../k8s-names';
import { asString, getPath, groupOf, kindOf, nameOf } from '../manifest-doc';
import { defineRule } from './rule';

/** Name syntax and length limit per `group/Kind`; other kinds are DNS-1123 subdomains of at most 253 characters. */
const NAME_POLICIES: Readonly<Record<string, { readonly syntax: NameSyntax; readonly max?: number; readonly why?: string }>> = {
  '/Service': { syntax: NameSyntax.DNS1035_LABEL, why: 'Service names are DNS labels' },
  '/Namespace': { syntax: NameSyntax.DNS1123_LABEL },
  'batch/Job': { syntax: NameSyntax.DNS1123_SUBDOMAIN, max: 63, why: 'the Job name is copied into the job-name label of its pods' },
  'batch/CronJob': { syntax: NameSyntax.DNS1123_SUBDOMAIN, max: 52, why: 'the controller appends an 11-character suffix to name its Jobs' },
};

/** RBAC objects accept any path segment name (`system:controller:x`), so only `/` and `%` are rejected. */
const PATH_SEGMENT_NAME_GROUPS = new Set(['rbac.authorization.k8s.io']);

/** `metadata.name` (required; syntax and length by kind) and `metadata.namespace` (DNS-1123 label). */
export const dnsNamesRule = defineRule({
  id: 'dns-name',
  severity: 'error',
  description:
    'Object names are valid DNS names of the length their kind allows (253 for most kinds, 63 for Services, Namespaces and Jobs, 52 for CronJobs).',
  find(docs, report) {
    for (const m of docs) {
      if (kindOf(m) === '') continue;
      const name = nameOf(m);
      if (name === undefined) {
        report(m, ['metadata', 'name'], 'required field is missing (kubectl apply needs a name)');
      } else if (PATH_SEGMENT_NAME_GROUPS.has(groupOf(m))) {
        if (/[/%]/.test(name) || name === '.' || name === '..') report(m, ['metadata', 'name'], `"${name}" may not contain '/' or '%' nor be '.' or '..'`);
      } else {
        const policy = NAME_POLICIES[`${groupOf(m)}/${kindOf(m)}`] ?? { syntax: NameSyntax.DNS1123_SUBDOMAIN };
        const problem = checkName(name, policy.syntax, policy.max);
        if (problem !== undefined) report(m, ['metadata', 'name'], policy.why === undefined ? problem : `${problem}: ${policy.why}`);
      }
      const namespace = asString(getPath(m.doc, ['metadata', 'namespace']));
      if (namespace !== undefined) {
        const problem = checkName(namespace, NameSyntax.DNS1123_LABEL);
        if (problem !== undefined) report(m, ['metadata', 'namespace'], problem);
      }
    }
  },
});
