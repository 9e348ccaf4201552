/**
 * Kubernetes name and label syntax (k8s.io/apimachinery/pkg/util/validation), as pure functions that return the
 * problem in words, or undefined when the value is valid.
 */

/** Longest DNS-1123 / DNS-1035 label (Service, Namespace names; label names and values). */
export const DNS1123_LABEL_MAX_LENGTH = 63;
/** Longest DNS-1123 subdomain (most object names, label key prefixes). */
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
/** Longest label value. */
export const LABEL_VALUE_MAX_LENGTH = 63;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** The syntaxes Kubernetes requires of names. */
export enum NameSyntax {
  /** RFC 1123 label: lowercase alphanumerics and '-', at most 63 characters (Namespaces, most derived names). */
  DNS1123_LABEL = 'DNS-1123 label',
  /** RFC 1035 label: like a DNS-1123 label but starting with a letter (Services). */
  DNS1035_LABEL = 'DNS-1035 label',
  /** RFC 1123 subdomain: labels joined by '.', at most 253 characters (most objects). */
  DNS1123_SUBDOMAIN = 'DNS-1123 subdomain',
}

const RULES: Readonly<Record<NameSyntax, { readonly re: RegExp; readonly max: number; readonly words: string }>> = {
  [NameSyntax.DNS1123_LABEL]: {
    re: DNS1123_LABEL,
    max: DNS1123_LABEL_MAX_LENGTH,
    words: "lowercase letters, digits and '-', starting and ending with a letter or digit",
  },
  [NameSyntax.DNS1035_LABEL]: {
    re: DNS1035_LABEL,
    max: DNS1123_LABEL_MAX_LENGTH,
    words: "lowercase letters, digits and '-', starting with a letter and ending with a letter or digit",
  },
  [NameSyntax.DNS1123_SUBDOMAIN]: {
    re: DNS1123_SUBDOMAIN,
    max: DNS1123_SUBDOMAIN_MAX_LENGTH,
    words: "lowercase letters, digits, '-' and '.', each '.'-separated part starting and ending with a letter or digit",
  },
};

/**
 * Checks a name against a syntax, with an optional tighter length limit (e.g. 63 for Job names).
 * @returns the problem, e.g. `"my_app" is not a valid DNS-1123 subdomain (lowercase letters, ...)`, or undefined
 */
export function checkName(name: string, syntax: NameSyntax, maxLength?: number): string | undefined {
  const rule = RULES[syntax];
  const max = Math.min(maxLength ?? rule.max, rule.max);
  if (name.length === 0) return 'must not be empty';
  if (name.length > max) return `"${name}" is ${name.length} characters; must be at most ${max} (${syntax})`;
  if (!rule.re.test(name)) return `"${name}" is not a valid ${syntax} (${rule.words})`;
  return undefined;
}

/** Checks a label (or annotation) key: `[prefix/]name`, prefix a DNS-1123 subdomain, name at most 63 characters. */
export function checkLabelKey(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined) {
    const problem = checkName(prefix, NameSyntax.DNS1123_SUBDOMAIN);
    if (problem !== undefined) return `label key "${key}": prefix ${problem}`;
  }
  if (name.length === 0) return `label key "${key}": name part must not be empty`;
  if (name.length > DNS1123_LABEL_MAX_LENGTH) {
    return `label key "${key}": name part is ${name.length} characters; must be at most ${DNS1123_LABEL_MAX_LENGTH}`;
  }
  if (!QUALIFIED_NAME_PART.test(name)) {
    return `label key "${key}" is invalid: alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric, with an optional DNS subdomain prefix and '/'`;
  }
  return undefined;
}

/** Checks a label value: empty, or at most 63 alphanumerics, '-', '_', '.', starting and ending with an alphanumeric. */
export function checkLabelValue(value: string): string | undefined {
  if (value.length > LABEL_VALUE_MAX_LENGTH) {
    return `label value "${value}" is ${value.length} characters; must be at most ${LABEL_VALUE_MAX_LENGTH}`;
  }
  if (value !== '' && !QUALIFIED_NAME_PART.test(value)) {
    return `label value "${value}" is invalid: alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric`;
  }
  return undefined;
}
