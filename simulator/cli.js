#!/usr/bin/env node
'use strict';
const { createSimulator, loadFixture } = require('./server');

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument: ${argv[i]}`);
    args[m[1]] = m[2] !== undefined ? m[2] : argv[++i];
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if ('help' in args) {
    console.log('usage: node simulator/cli.js [--port 8787] [--host 127.0.0.1] [--fixture path] '
      + '[--retry-duration-ms 2000] [--terminate-duration-ms 500] [--token-ttl-ms 86400000] [--token-margin-ms 0] '
      + '[--bulk-instances n] [--bulk-playbooks n] [--bulk-alerts n] [--bulk-audit-logs n] [--feed-every-ms 20000]');
    return;
  }
  const port = Number(args.port ?? process.env.SIMULATOR_PORT ?? 8787);
  const host = args.host ?? process.env.SIMULATOR_HOST ?? '127.0.0.1';
  const fixturePath = args.fixture ?? process.env.SIMULATOR_FIXTURE;
  const num = (v) => (v === undefined ? undefined : Number(v));
  const feedEveryMs = num(args['feed-every-ms'] ?? process.env.SIMULATOR_FEED_EVERY_MS);

  const sim = createSimulator({
    fixture: fixturePath ? loadFixture(fixturePath) : undefined,
    retryDurationMs: num(args['retry-duration-ms']),
    terminateDurationMs: num(args['terminate-duration-ms']),
    tokenTtlMs: num(args['token-ttl-ms']),
    tokenMarginMs: num(args['token-margin-ms']),
    // Extra generated records in the first workspace, for paging tests.
    bulk: {
      instances: num(args['bulk-instances']),
      playbooks: num(args['bulk-playbooks']),
      alerts: num(args['bulk-alerts']),
      auditLogs: num(args['bulk-audit-logs']),
    },
    // Demo: a new alert and a failing playbook instance every N ms (0 or unset = off).
    feed: feedEveryMs ? { everyMs: feedEveryMs } : undefined,
  });
  const { url } = await sim.start(port, host);
  const state = sim.state;
  const now = sim.now();
  const token = state.tokens.find((t) => !t.expiresAt || Date.parse(t.expiresAt) > now);

  console.log(`SecMaster simulator listening on ${url}`);
  console.log(`  project ID:   ${state.projectId}`);
  for (const ws of Object.values(state.workspaces)) console.log(`  workspace ID: ${ws.id}  (${ws.name})`);
  console.log(`  X-Auth-Token: ${token ? token.value : '(no valid token in fixture)'}`);
  const key = state.accessKeys.find((k) => !k.securityToken);
  const tempKey = state.accessKeys.find((k) => k.securityToken);
  if (key) console.log(`  AK / SK:      ${key.ak} / ${key.sk}`);
  if (tempKey) console.log(`  temporary AK: ${tempKey.ak} / ${tempKey.sk} (X-Security-Token: ${tempKey.securityToken})`);
  for (const u of state.iamUsers) {
    console.log(`  IAM user:     domain ${u.domainName}, user ${u.userName}, password ${u.password} `
      + `(POST ${url}/v3/auth/tokens, project ${state.projectName})`);
  }
  const generated = Object.entries(sim.bulk).filter(([k]) => k !== 'anchor').map(([k, n]) => `${n} ${k}`);
  if (generated.length) console.log(`  generated:    ${generated.join(', ')} in ${Object.values(state.workspaces)[0].name}`);
  if (sim.state.feed) {
    console.log(`  feed:         a new alert and a failing instance every ${sim.state.feed.everyMs} ms in ${Object.values(state.workspaces)[0].name}`);
  }
  console.log(`  control API:  ${url}/__sim/health`);

  let stopping = false;
  const shutdown = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, stopping simulator`);
    await sim.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
