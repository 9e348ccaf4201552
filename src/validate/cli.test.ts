import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from './cli';

const VALID = `apiVersion: v1
kind: ConfigMap
metadata:
  name: config
data:
  a: "1"
`;
const INVALID = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: two
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources: {requests: {cpu: 100m}}
`;
const WARNING = `apiVersion: v1
kind: Pod
metadata:
  name: pod
spec:
  containers:
    - name: c
      image: busybox:latest
      resources: {requests: {cpu: 10m}}
`;

describe('validate CLI', () => {
  let tmp: string;
  let out: string[];
  let err: string[];
  const run = (...argv: string[]): Promise<number> => main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  const write = (name: string, text: string): string => {
    const file = path.join(tmp, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-cli-'));
    out = [];
    err = [];
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('exits 0 with a summary when everything is valid', async () => {
    write('a/config.yaml', VALID);
    expect(await run(tmp)).toBe(0);
    expect(out).toEqual(['0 errors, 0 warnings in 1 file']);
  });

  it('prints one line per violation and exits 1 on errors', async () => {
    const file = write('web.yml', INVALID);
    write('config.yaml', VALID);
    expect(await run(tmp)).toBe(1);
    expect(out).toEqual([`${file} Deployment/web .spec.replicas: must be integer`, '1 error, 0 warnings in 2 files']);
  });

  it('reports YAML syntax errors as file:line:col', async () => {
    const file = write('broken.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [x}\n');
    expect(await run(file)).toBe(1);
    expect(out[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: YAML syntax error: `));
    expect(out[1]).toBe('1 error, 0 warnings in 1 file');
  });

  it('passes with warnings, fails on them with --warnings-as-errors', async () => {
    const file = write('pod.yaml', WARNING);
    const line = `${file} Pod/pod .spec.containers[0].image: image "busybox:latest" uses the mutable tag "latest": pin a version tag or a digest (warning)`;
    expect(await run(tmp)).toBe(0);
    expect(out).toEqual([line, '0 errors, 1 warning in 1 file']);
    out = [];
    expect(await run('--warnings-as-errors', tmp)).toBe(1);
    expect(out).toEqual([line, '0 errors, 1 warning in 1 file']);
  });

  it('--quiet prints only what fails the run', async () => {
    write('pod.yaml', WARNING);
    const bad = write('web.yaml', INVALID);
    expect(await run('--quiet', tmp)).toBe(1);
    expect(out).toEqual([`${bad} Deployment/web .spec.replicas: must be integer`]);
  });

  it('reports a missing path on stderr and exits 1', async () => {
    const missing = path.join(tmp, 'nope');
    expect(await run(missing)).toBe(1);
    expect(err).toEqual([`${missing}: no such file or directory`]);
  });

  it('reports a directory without YAML files', async () => {
    write('readme.txt', 'x');
    expect(await run(tmp)).toBe(1);
    expect(err).toEqual([`no *.yaml or *.yml file found in ${tmp}`]);
  });

  it('exits 2 on usage errors, 0 on --help', async () => {
    expect(await run()).toBe(2);
    expect(err.join('\n')).toMatch(/missing required argument 'paths'/);
    expect(await run('--bogus', tmp)).toBe(2);
    expect(await run('--help')).toBe(0);
    expect(out.join('\n')).toMatch(/Usage: validate \[options\] <paths\.\.\.>/);
    expect(out.join('\n')).toMatch(/--warnings-as-errors/);
  });
});
