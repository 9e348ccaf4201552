import { clone, deployment, dgd, md } from '../__fixtures__/manifests';
import { formatViolation } from '../violation';
import { imagePinnedRule, imageReference } from './image-pinned';

const withImage = (image: string): Record<string, unknown> => {
  const d = clone(deployment()) as { spec: { template: { spec: { containers: { image: string }[] } } } };
  const container = d.spec.template.spec.containers[0];
  if (container !== undefined) container.image = image;
  return d as unknown as Record<string, unknown>;
};
const lines = (docs: Record<string, unknown>[]): string[] => imagePinnedRule.check(docs.map((d) => md(d))).map(formatViolation);

describe('imageReference', () => {
  it('parses registries with ports, tags and digests', () => {
    expect(imageReference('registry:5000/repo/name:1.2')).toEqual({ tag: '1.2' });
    expect(imageReference('registry:5000/repo/name')).toEqual({});
    expect(imageReference('name@sha256:abc')).toEqual({ digest: 'sha256:abc' });
  });
});

describe('image-pinned rule', () => {
  it('accepts version tags and digests', () => {
    expect(lines([withImage('python:3.10-slim'), withImage('python@sha256:0123'), dgd()])).toEqual([]);
  });

  it('warns on :latest', () => {
    const found = imagePinnedRule.check([md(withImage('python:latest'))]);
    expect(found.map((v) => v.severity)).toEqual(['warning']);
    expect(found.map(formatViolation)).toEqual([
      'set/manifests.yaml Deployment/vllm-serve .spec.template.spec.containers[0].image: image "python:latest" uses the mutable tag "latest": pin a version tag or a digest (warning)',
    ]);
  });

  it('warns on untagged images and unexpanded placeholders', () => {
    expect(lines([withImage('registry:5000/python'), withImage('${VLLM_IMAGE}')])).toEqual([
      expect.stringContaining('image "registry:5000/python" has no tag'),
      expect.stringContaining('image "${VLLM_IMAGE}" contains an unexpanded placeholder'),
    ]);
  });

  it('checks the main container of Dynamo components', () => {
    const g = clone(dgd()) as { spec: { services: { Frontend: { extraPodSpec: { mainContainer: { image: string } } } } } };
    g.spec.services.Frontend.extraPodSpec.mainContainer.image = 'nvcr.io/nvidia/ai-dynamo/vllm-runtime';
    expect(lines([g as unknown as Record<string, unknown>])).toEqual([
      expect.stringContaining('DynamoGraphDeployment/agg .spec.services.Frontend.extraPodSpec.mainContainer.image: image "nvcr.io/nvidia/ai-dynamo/vllm-runtime" has no tag'),
    ]);
  });
});
