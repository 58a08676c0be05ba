import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

// The Kubernetes manifests of docs/deploying.md, at the repository's root.
const DEPLOY = new URL('../../../deploy/', import.meta.url);

interface Manifest {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string };
  spec?: any;
  data?: Record<string, string>;
}

const files = readdirSync(DEPLOY).filter((name) => name.endsWith('.yaml'));
const manifests: (Manifest & { file: string })[] = files.flatMap((file) =>
  parseAllDocuments(readFileSync(new URL(file, DEPLOY), 'utf8')).map((document) => {
    expect(document.errors, file).toEqual([]);
    return { ...(document.toJS() as Manifest), file };
  }),
);
const find = (kind: string, name: string) =>
  manifests.find((m) => m.kind === kind && m.metadata?.name === name) as Manifest & { file: string };
const containersOf = (m: Manifest): any[] => m.spec?.template?.spec?.containers ?? [];

describe('deploy/*.yaml', () => {
  it('are Kubernetes objects, each with apiVersion, kind and a name, and no Secret with values in git', () => {
    expect(files.sort()).toEqual(['agent.yaml', 'mcp-servers.yaml', 'redis.yaml']);
    for (const m of manifests) {
      expect(m.apiVersion, m.file).toMatch(/^(v1|apps\/v1|policy\/v1)$/);
      expect(m.kind, m.file).toBeTruthy();
      expect(m.metadata?.name, m.file).toMatch(/^[a-z0-9-]+$/);
      expect(m.kind, m.file).not.toBe('Secret');
    }
  });

  it('run the agent as several replicas behind a Service without affinity, secrets from a Secret', () => {
    const agent = find('Deployment', 'agent');
    expect(agent.spec.replicas).toBeGreaterThanOrEqual(2);
    const env = containersOf(agent)[0].env as { name: string; value?: string; valueFrom?: any }[];
    for (const name of ['REDIS_URL', 'MCP_TOKEN_KEY'])
      expect(env.find((e) => e.name === name)?.valueFrom?.secretKeyRef?.name).toBe('agent-secrets');
    expect(find('Service', 'agent').spec.sessionAffinity).toBeUndefined();
    expect(find('PodDisruptionBudget', 'agent').spec.minAvailable).toBeLessThan(agent.spec.replicas);
    // Every Service selects pods some workload runs.
    for (const service of manifests.filter((m) => m.kind === 'Service')) {
      const selector = service.spec.selector as Record<string, string>;
      expect(
        manifests.some((m) =>
          Object.entries(selector).every(([k, v]) => m.spec?.template?.metadata?.labels?.[k] === v),
        ),
        `${service.metadata?.name} selects nothing`,
      ).toBe(true);
    }
  });

  it('keep what Redis holds across a restart (append-only file on a volume), keys evicted by TTL', () => {
    const config = find('ConfigMap', 'redis-config').data?.['redis.conf'] ?? '';
    expect(config).toMatch(/^appendonly yes$/m);
    expect(config).toMatch(/^maxmemory-policy volatile-ttl$/m);
    const redis = find('StatefulSet', 'redis');
    expect(redis.spec.volumeClaimTemplates[0].metadata.name).toBe('data');
    expect(containersOf(redis)[0].volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
  });

  it('pin handshake-era server sessions to a pod, and let modern-era servers balance freely', () => {
    expect(find('Service', 'mcp-handshake').spec.sessionAffinity).toBe('ClientIP');
    expect(find('Service', 'mcp-modern').spec.sessionAffinity).toBe('None');
  });

  it('bound every container', () => {
    for (const m of manifests)
      for (const container of containersOf(m))
        expect(container.resources?.limits, `${m.file} ${container.name}`).toBeDefined();
  });
});
