import { dgdFrontendService, isDgd } from '../dgd';
import type { JsonPath } from '../json-path';
import { asArray, asRecord, asString, getPath, isKind, nameOf, namespaceOf, type ManifestDoc } from '../manifest-doc';
import { containersOf, podTemplatesOf } from '../pod-templates';
import { defineRule } from './rule';

/** A Service a URL can target: declared, or created by the Dynamo operator for a graph's frontend. */
interface KnownService {
  /** Service name. */
  readonly name: string;
  /**
   * Namespace, when the object sets one.
   * @default - Not set (the namespace the set is deployed into).
   */
  readonly namespace?: string;
  /** Service ports. */
  readonly ports: readonly number[];
  /** What defines it, for messages (`Service x`, `DynamoGraphDeployment y`). */
  readonly origin: string;
}

function knownServices(docs: readonly ManifestDoc[]): KnownService[] {
  const out: KnownService[] = [];
  for (const m of docs) {
    const name = nameOf(m);
    if (name === undefined) continue;
    const namespace = namespaceOf(m);
    const ns = namespace === undefined ? {} : { namespace };
    if (isKind(m, '', 'Service')) {
      const ports = asArray(getPath(m.doc, ['spec', 'ports'])).flatMap((p) => {
        const port = asRecord(p)?.port;
        return typeof port === 'number' ? [port] : [];
      });
      out.push({ name, ...ns, ports, origin: `Service ${name}` });
    } else if (isDgd(m)) {
      const frontend = dgdFrontendService(m);
      if (frontend !== undefined) out.push({ name: frontend.name, ...ns, ports: [frontend.port], origin: `DynamoGraphDeployment ${name}` });
    }
  }
  return out;
}

/** `http(s)://host[:port]` where the host ends cleanly (not in the middle of a `${VAR}` or `$VAR`). */
const URL_PATTERN = /\bhttps?:\/\/([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::(\d+))?(?=[/\s"'`?#),;]|$)/g;
/** In-cluster DNS names: `svc`, or `svc.ns.svc[.cluster.local]`. */
const CLUSTER_HOST = /^([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)(?:\.([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\.svc(?:\.cluster\.local)?)?$/;

/** A URL found in a Job's container, pointing at an in-cluster Service. */
export interface ServiceUrl {
  /** The URL as written. */
  readonly url: string;
  /** Service name. */
  readonly service: string;
  /**
   * Namespace, when the URL names one.
   * @default - Not set.
   */
  readonly namespace?: string;
  /** Port (80 / 443 when the URL has none). */
  readonly port: number;
}

/** The in-cluster Service URLs in a string (external hosts, `localhost` and IP addresses are skipped). */
export function serviceUrlsIn(text: string): ServiceUrl[] {
  const out: ServiceUrl[] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const host = match[1] ?? '';
    const cluster = CLUSTER_HOST.exec(host);
    if (cluster === null || host === 'localhost' || /^\d+$/.test(cluster[1] ?? '')) continue;
    const port = match[2] !== undefined ? Number(match[2]) : match[0].startsWith('https') ? 443 : 80;
    out.push({ url: match[0], service: cluster[1] ?? '', ...(cluster[2] !== undefined ? { namespace: cluster[2] } : {}), port });
  }
  return out;
}

/** Strings of a container that can carry a target URL: env values, args, command. */
function containerStrings(container: Readonly<Record<string, unknown>>, base: JsonPath): { path: JsonPath; text: string }[] {
  const out: { path: JsonPath; text: string }[] = [];
  asArray(container.env).forEach((e, i) => {
    const value = asString(asRecord(e)?.value);
    if (value !== undefined) out.push({ path: [...base, 'env', i, 'value'], text: value });
  });
  for (const field of ['command', 'args']) {
    asArray(container[field]).forEach((a, i) => {
      if (typeof a === 'string') out.push({ path: [...base, field, i], text: a });
    });
  }
  return out;
}

/**
 * Every `http://<service>:<port>` a Job (or CronJob) targets, in an env var, an argument or its command, resolves to a
 * Service of the same manifest set with that port. A graph implies its frontend Service `<dgd>-frontend` on port 8000.
 */
export const jobTargetUrlRule = defineRule({
  id: 'job-target-url',
  severity: 'error',
  description:
    'Every http://<service>:<port> URL a Job targets resolves to a Service of the same manifest set (a DynamoGraphDeployment implies <dgd>-frontend:8000).',
  find(docs, report) {
    const services = knownServices(docs);
    for (const m of docs) {
      if (!isKind(m, 'batch', 'Job') && !isKind(m, 'batch', 'CronJob')) continue;
      for (const pod of podTemplatesOf(m)) {
        for (const c of containersOf(pod)) {
          for (const { path, text } of containerStrings(c.container, c.path)) {
            for (const url of serviceUrlsIn(text)) {
              const candidates = services.filter(
                (s) => s.name === url.service && (url.namespace === undefined || s.namespace === undefined || s.namespace === url.namespace),
              );
              if (candidates.length === 0) {
                const known = services.map((s) => `${s.name}:${s.ports.join('/')}`).join(', ') || 'none';
                report(m, path, `target URL ${url.url} names Service "${url.service}", which is not in this manifest set (Services: ${known})`);
              } else if (!candidates.some((s) => s.ports.includes(url.port))) {
                const ports = candidates.flatMap((s) => s.ports).join(', ');
                report(m, path, `target URL ${url.url} uses port ${url.port}, but ${candidates[0]?.origin ?? url.service} exposes port ${ports}`);
              }
            }
          }
        }
      }
    }
  },
});
