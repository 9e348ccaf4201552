import { dgdDerivedNamesRule } from './dgd-derived-names';
import { dnsNamesRule } from './dns-names';
import { gpuRequestsLimitsRule } from './gpu-requests-limits';
import { imagePinnedRule } from './image-pinned';
import { jobBackoffLimitRule } from './job-backoff-limit';
import { jobTargetUrlRule } from './job-target-urls';
import { labelSyntaxRule } from './label-syntax';
import { pvcExistsRule } from './pvc-references';
import { resourceRequestsRule } from './resource-requests';
import type { Rule } from './rule';
import { serviceSelectorRule, workloadSelectorRule } from './selectors';
import { uniqueObjectsRule } from './unique-objects';
import { dgdVolumeMountRule, podVolumeMountRule } from './volume-mounts';

export { defineRule, type Report, type Rule, type RuleDefinition } from './rule';
export {
  dgdDerivedNamesRule,
  dgdVolumeMountRule,
  dnsNamesRule,
  gpuRequestsLimitsRule,
  imagePinnedRule,
  jobBackoffLimitRule,
  jobTargetUrlRule,
  labelSyntaxRule,
  podVolumeMountRule,
  pvcExistsRule,
  resourceRequestsRule,
  serviceSelectorRule,
  uniqueObjectsRule,
  workloadSelectorRule,
};

/** The semantic checks run by default, in report order. */
export const defaultRules: readonly Rule[] = [
  dnsNamesRule,
  labelSyntaxRule,
  dgdDerivedNamesRule,
  uniqueObjectsRule,
  workloadSelectorRule,
  serviceSelectorRule,
  podVolumeMountRule,
  dgdVolumeMountRule,
  pvcExistsRule,
  jobTargetUrlRule,
  gpuRequestsLimitsRule,
  imagePinnedRule,
  resourceRequestsRule,
  jobBackoffLimitRule,
];
