/**
 * The Kubernetes manifests (manifests/kubernetes) as a cluster would take them: every object checked
 * offline against the official Kubernetes schemas (kubernetes-models: types, required fields, enums),
 * and the things that make the deployment work or not: the probes ask /healthz on the port the service
 * listens on, the Service reaches that port, web and worker run the same image, each pod's grace period
 * outlasts the service's stop, the secrets come from the Secret and nowhere else, and every variable is
 * one Arising reads, with values its configuration accepts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, type IContainer, Secret, Service } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../src/config';
import { STOP_DEADLINE_MS } from '../../src/main';

const root = path.resolve(__dirname, '../..');
const dir = path.join(root, 'manifests', 'kubernetes');

/** Variables of the contract's Release 0.2 that src/config.ts reads once the Redis Cluster work is in. */
const CONTRACT_CLUSTER_VARIABLES = ['REDIS_CLUSTER_NODES', 'REDIS_PASSWORD'];
/** Variables that hold credentials: only ever in the Secret. */
const SECRET_VARIABLES = [
  'REDIS_PASSWORD',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'MicrosoftAppPassword',
  'ADMIN_PASSWORD',
];

interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
}

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
};

const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
const objects: KubeObject[] = files.flatMap((file) =>
  parseAllDocuments(readFileSync(path.join(dir, file), 'utf8')).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`);
    return doc.toJS() as KubeObject;
  }),
);

function one<T extends KubeObject>(kind: string, name: string): T {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in ${dir}`);
  return found as T;
}

const web = new Deployment(one('Deployment', 'arising-web'));
const worker = new Deployment(one('Deployment', 'arising-worker'));
const configMap = new ConfigMap(one('ConfigMap', 'arising'));
const secret = new Secret(one('Secret', 'arising'));
const service = new Service(one('Service', 'arising-web'));

function containerOf(deployment: Deployment): IContainer {
  const container = deployment.spec?.template.spec?.containers[0];
  if (!container) throw new Error(`${deployment.metadata?.name} has no container`);
  return container;
}

/** The container port a probe's or Service's `port` names (by name or number). */
function portNumber(container: IContainer, port: string | number | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/** The environment the container gets: its own env, then the ConfigMap's and the Secret's. */
function environmentOf(deployment: Deployment): Record<string, string> {
  const container = containerOf(deployment);
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef?.name === configMap.metadata?.name) Object.assign(env, configMap.data);
    if (source.secretRef?.name === secret.metadata?.name) Object.assign(env, secret.stringData);
  }
  for (const variable of container.env ?? []) env[variable.name] = variable.value ?? '';
  return env;
}

/** The variables src/config.ts validates: the keys of its environment schema. */
function variablesArisingReads(): Set<string> {
  const source = readFileSync(path.join(root, 'src', 'config.ts'), 'utf8');
  const schema = source.slice(source.indexOf('const EnvSchema = z.object({'));
  const body = schema.slice(0, schema.indexOf('\n});'));
  return new Set([...body.matchAll(/^ {2}([A-Za-z_]+):/gm)].map((m) => m[1] ?? ''));
}

describe('the Kubernetes manifests', () => {
  it('are valid Kubernetes objects by the official schemas', () => {
    expect(objects.length).toBeGreaterThanOrEqual(5);
    for (const object of objects) {
      const Model = MODELS[`${object.apiVersion}/${object.kind}`];
      expect(Model).toBeDefined();
      if (Model) expect(() => new Model(object as never).validate()).not.toThrow();
    }
  });

  it('the schema check catches a broken object', () => {
    const broken = structuredClone(one('Deployment', 'arising-web')) as unknown as {
      spec: { template: { spec: { containers: { ports: { containerPort: unknown }[] }[] } } };
    };
    const [container] = broken.spec.template.spec.containers;
    if (container?.ports[0]) container.ports[0].containerPort = 'http';
    expect(() => new Deployment(broken as never).validate()).toThrow(/containerPort must be integer/);
  });

  it('kustomization.yaml applies every file but the example Secret', () => {
    const kustomization = parseAllDocuments(
      readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8'),
    )[0]?.toJS() as {
      resources: string[];
    };
    expect([...kustomization.resources].sort()).toEqual(
      files.filter((f) => f !== 'secret.example.yaml').sort(),
    );
  });

  it('probes the web pods on /healthz at the port the service listens on, which the Service reaches', () => {
    const container = containerOf(web);
    const listens = Number(environmentOf(web).PORT);
    expect(listens).toBe(loadConfig(environmentOf(web)).port);
    expect(container.readinessProbe?.httpGet?.path).toBe('/healthz');
    expect(portNumber(container, container.readinessProbe?.httpGet?.port)).toBe(listens);
    expect(container.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(portNumber(container, container.livenessProbe?.httpGet?.port)).toBe(listens);
    // A Redis outage fails readiness at once; liveness gives it a minute before a restart.
    const liveness = container.livenessProbe;
    expect((liveness?.periodSeconds ?? 10) * (liveness?.failureThreshold ?? 3)).toBeGreaterThanOrEqual(60);

    expect(service.spec?.selector).toEqual(web.spec?.template.metadata?.labels);
    expect(service.spec?.selector).not.toEqual(worker.spec?.template.metadata?.labels);
    const target = service.spec?.ports?.[0]?.targetPort;
    expect(portNumber(container, target)).toBe(listens);
  });

  it('runs web and workers from the same image, each in its role, each selecting its own pods', () => {
    expect(containerOf(web).image).toBe(containerOf(worker).image);
    expect(loadConfig(environmentOf(web)).role).toBe('web');
    expect(loadConfig(environmentOf(worker)).role).toBe('worker');
    for (const deployment of [web, worker]) {
      expect(deployment.spec?.template.metadata?.labels).toMatchObject(
        deployment.spec?.selector.matchLabels ?? {},
      );
    }
  });

  it('gives each pod longer than the service takes to stop on SIGTERM before it is killed', () => {
    const workerGrace = (worker.spec?.template.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    expect(workerGrace).toBeGreaterThan(STOP_DEADLINE_MS);
    // The web pods first wait out their preStop (while they leave the Service's endpoints), then stop.
    const preStop = containerOf(web).lifecycle?.preStop?.exec?.command ?? [];
    const preStopMs = preStop[0] === 'sleep' ? Number(preStop[1]) * 1000 : 0;
    const webGrace = (web.spec?.template.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    expect(webGrace).toBeGreaterThan(preStopMs + STOP_DEADLINE_MS);
  });

  it('takes the secrets from the Secret only, and points at a Redis Cluster with its password', () => {
    for (const name of SECRET_VARIABLES) {
      expect(Object.keys(configMap.data ?? {})).not.toContain(name);
      expect(Object.keys(secret.stringData ?? {})).toContain(name);
    }
    for (const deployment of [web, worker]) {
      const container = containerOf(deployment);
      expect(container.envFrom?.map((s) => s.secretRef?.name).filter(Boolean)).toEqual([
        secret.metadata?.name,
      ]);
      expect((container.env ?? []).map((e) => e.name)).not.toEqual(expect.arrayContaining(SECRET_VARIABLES));
      const env = environmentOf(deployment);
      expect(env.REDIS_CLUSTER_NODES).toMatch(/^[a-z0-9.-]+:\d+(,[a-z0-9.-]+:\d+)*$/);
      expect(env).toHaveProperty('REDIS_PASSWORD');
      expect(env).not.toHaveProperty('REDIS_URL');
    }
  });

  it('names only variables Arising reads, with values its configuration accepts', () => {
    const known = new Set([...variablesArisingReads(), ...CONTRACT_CLUSTER_VARIABLES]);
    expect(known).toContain('REDIS_PREFIX');
    for (const deployment of [web, worker]) {
      const env = environmentOf(deployment);
      expect(Object.keys(env).filter((name) => !known.has(name))).toEqual([]);
      expect(() => loadConfig(env)).not.toThrow();
    }
  });
});
