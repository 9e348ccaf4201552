import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ComparisonBuild } from './build';

/** A Kubernetes object as plain JSON. */
export type ManifestObject = Record<string, unknown>;

/** One output file: a path relative to the output folder and its objects, in apply order. */
export interface ManifestFile {
  /** `<hw>/<recipe>/<file>.k8s.yaml` */
  readonly path: string;
  /** The objects, in the order `kubectl apply -f` should create them. */
  readonly objects: readonly ManifestObject[];
}

/** File name of a comparison's shared prep (caches, download, dataset). */
export const PREP_FILE = 'prep.k8s.yaml';

/** Runs every construct's `node.validate()` and throws all messages at once, like `App.synth()` does. */
function validateTree(root: IConstruct): void {
  const errors = root.node.findAll().flatMap((c) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));
  if (errors.length > 0) throw new Error(`Validation failed:\n  ${errors.join('\n  ')}`);
}

function objectsOf(chart: Chart): ManifestObject[] {
  return chart.toJson() as ManifestObject[];
}

/**
 * Renders a built comparison into files: `<hw>/<recipe>/prep.k8s.yaml` and one `<hw>/<recipe>/<config>.k8s.yaml`
 * per configuration.
 */
export function renderComparison(build: ComparisonBuild): ManifestFile[] {
  validateTree(build.app);
  const dir = `${build.hardware.name}/${build.comparison.name}`;
  return [
    { path: `${dir}/${PREP_FILE}`, objects: objectsOf(build.prep) },
    ...build.configurations.map((c) => ({ path: `${dir}/${c.name}.k8s.yaml`, objects: objectsOf(c.chart) })),
  ];
}
