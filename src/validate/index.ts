export { loadCrdSchemas, DEFAULT_CRD_PATH, toStructuralSchema, type CrdSchemas, type CrdVersionValidator } from './crd-schema';
export { isBuiltinKind, KUBERNETES_SCHEMA_VERSION } from './builtin-schema';
export { formatJsonPath, type JsonPath } from './json-path';
export { findManifestFiles, parseManifestText, readManifestFile, type ParsedManifestFile } from './load-manifests';
export type { ManifestDoc } from './manifest-doc';
export { defaultRules, defineRule, type Report, type Rule, type RuleDefinition } from './rules';
export { validateObjects, type ValidateOptions } from './validate-objects';
export { validateDirectory, validatePaths, type ValidatePathsOptions, type ValidationReport } from './validate-paths';
export { formatViolation, type Severity, type Violation } from './violation';
