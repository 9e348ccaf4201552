import { asString } from '../manifest-doc';
import { allPodTemplates, containersOf } from '../pod-templates';
import { defineRule } from './rule';

/** The tag and digest of an image reference (`registry:5000/repo/name:tag@sha256:...`). */
export function imageReference(image: string): { readonly tag?: string; readonly digest?: string } {
  const at = image.indexOf('@');
  const digest = at < 0 ? undefined : image.slice(at + 1);
  const rest = at < 0 ? image : image.slice(0, at);
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : undefined;
  return { ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** Images are pinned to a tag other than `latest`, or to a digest, so that every run of a comparison uses the same bits. */
export const imagePinnedRule = defineRule({
  id: 'image-pinned',
  severity: 'warning',
  description: 'Container images are pinned to a version tag or a digest (not latest, not untagged).',
  find(docs, report) {
    for (const pod of allPodTemplates(docs)) {
      for (const c of containersOf(pod)) {
        const image = asString(c.container.image);
        if (image === undefined) continue;
        const path = [...c.path, 'image'];
        if (image.includes('${') || /\$[A-Z_]/.test(image)) {
          report(pod.owner, path, `image "${image}" contains an unexpanded placeholder`);
          continue;
        }
        const ref = imageReference(image);
        if (ref.digest !== undefined) continue;
        if (ref.tag === undefined) report(pod.owner, path, `image "${image}" has no tag (it means "latest"): pin a version tag or a digest`);
        else if (ref.tag === 'latest') report(pod.owner, path, `image "${image}" uses the mutable tag "latest": pin a version tag or a digest`);
      }
    }
  },
});
