/** The value of `app.kubernetes.io/managed-by` on everything this project synthesizes. */
export const MANAGED_BY = 'dynamo-recipes-iac';

/**
 * The recommended Kubernetes labels of one object of a comparison.
 * @param recipe comparison name (`app.kubernetes.io/name`), e.g. `qwen36`
 * @param component what the object is for (`app.kubernetes.io/component`), e.g. `dynamo-fd-ec`, `model-download`
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/
 */
export function recipeLabels(recipe: string, component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': recipe,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
}
