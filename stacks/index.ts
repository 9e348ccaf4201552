/**
 * Pulumi program (`main:` in Pulumi.yaml): deploys one comparison from the same construct tree `cdk8s synth`
 * renders. The stack file `stacks/Pulumi.<stack>.yaml` says which comparison, hardware and site values.
 * See docs/pulumi.md.
 */
import { runStackProgram } from '../src/pulumi/program';

const outputs = runStackProgram();

export const recipe = outputs.recipe;
export const hardware = outputs.hardware;
export const namespace = outputs.namespace;
export const configurations = outputs.configurations;
export const frontendUrls = outputs.frontendUrls;
export const artifactPaths = outputs.artifactPaths;
export const artifacts = outputs.artifacts;
export const perfJobs = outputs.perfJobs;
export const resourceNames = outputs.resourceNames;
