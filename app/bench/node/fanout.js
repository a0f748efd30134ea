// WebSocket fan-out, measured by an independent client: SOCKETS sockets of Node's `ws` in this
// one process subscribe to the event stream; games are created one at a time with POST
// /api/games, and for each the time from the HTTP response to the receipt by the last socket is
// recorded (and from the request, for reference). Prints p50/p90/p99/max in ms; then, over the
// measured events, the CPU time per event of this client and (with --server-pid) of the server,
// and this client's event-loop utilisation between the HTTP response and the last receipt (near 1:
// the client itself is the bottleneck).
//
//   node fanout.js BASE_URL TOKEN [--sockets 1000] [--events 300] [--warmup 30] [--server-pid PID]
//
// Every socket must receive every event exactly once and in order, or the run fails.
'use strict';
const fs = require('fs');
const { performance } = require('perf_hooks');
const WebSocket = require('ws');

function arg(name, fallback) {
  const i = process.argv.indexOf('--' + name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const base = process.argv[2];
const token = process.argv[3];
const SOCKETS = arg('sockets', 1000);
const EVENTS = arg('events', 300);
const WARMUP = arg('warmup', 30);
const TOTAL = WARMUP + EVENTS;
const SERVER_PID = arg('server-pid', 0);
const CLOCK_TICKS_PER_S = 100; // Linux's USER_HZ for /proc/PID/stat

const sockets = [];
// pending[i]: sockets that have not yet received event i; last[i]: when the last one did
const pending = new Array(TOTAL).fill(SOCKETS);
const last = new Array(TOTAL).fill(0n);
const first = new Array(TOTAL).fill(0n);
const waiters = new Map();
let problems = 0;

function connect(n) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(base.replace(/^http/, 'ws') + '/ws/questlog/', { perMessageDeflate: false });
    ws.received = 0;
    ws.lastId = -1;
    ws.on('open', () => resolve(ws));
    ws.on('error', reject);
    ws.on('message', (data) => {
      const now = process.hrtime.bigint();
      const id = JSON.parse(data).id;
      if (typeof id !== 'number' || id <= ws.lastId) { problems++; return; }
      ws.lastId = id;
      const i = ws.received++;
      if (i >= TOTAL) return;
      last[i] = now;
      if (first[i] === 0n) first[i] = now;
      if (--pending[i] === 0 && waiters.has(i)) waiters.get(i)();
    });
  });
}

async function post(path, body) {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
    body: JSON.stringify(body),
  });
  await response.text();
  return response.status;
}

async function registered() {
  const text = await (await fetch(base + '/metrics')).text();
  const m = text.match(/^questlog_websocket_clients\S* (\S+)/m);
  return m ? Number(m[1]) : 0;
}

/** The server's user + system CPU time so far, in ms (0 without --server-pid). */
function serverCpuMs() {
  if (!SERVER_PID) return 0;
  const fields = fs.readFileSync(`/proc/${SERVER_PID}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 1000 / CLOCK_TICKS_PER_S;
}

function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

(async () => {
  const t0 = Date.now();
  for (let i = 0; i < SOCKETS; i += 50) {
    const batch = [];
    for (let j = i; j < Math.min(SOCKETS, i + 50); j++) batch.push(connect(j));
    sockets.push(...await Promise.all(batch));
  }
  while (await registered() < SOCKETS) await new Promise((r) => setTimeout(r, 100));
  console.log(`sockets=${SOCKETS} connected_ms=${Date.now() - t0}`);

  const fromResponse = [];
  const fromRequest = [];
  const firstFromResponse = [];
  const loopUse = [];
  let clientCpu;
  let serverCpu;
  for (let i = 0; i < TOTAL; i++) {
    if (i === WARMUP) {
      clientCpu = process.cpuUsage();
      serverCpu = serverCpuMs();
    }
    const done = new Promise((resolve) => waiters.set(i, resolve));
    const requestAt = process.hrtime.bigint();
    const status = await post('/api/games', { name: `Fan-out bench ${process.pid} ${i} ${Date.now()}` });
    const responseAt = process.hrtime.bigint();
    const loopAtResponse = performance.eventLoopUtilization();
    if (status !== 201) throw new Error(`POST /api/games answered ${status}`);
    if (pending[i] > 0) {
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(
        `event ${i} reached ${SOCKETS - pending[i]} of ${SOCKETS} sockets in 30 s`)), 30000));
      await Promise.race([done, timeout]);
    }
    waiters.delete(i);
    if (i >= WARMUP) {
      fromResponse.push(Number(last[i] - responseAt) / 1e6);
      fromRequest.push(Number(last[i] - requestAt) / 1e6);
      firstFromResponse.push(Number(first[i] - responseAt) / 1e6);
      loopUse.push(performance.eventLoopUtilization(loopAtResponse).utilization);
    }
  }
  const cpu = process.cpuUsage(clientCpu);
  const clientCpuMs = (cpu.user + cpu.system) / 1000 / EVENTS;
  const serverCpuPerEvent = (serverCpuMs() - serverCpu) / EVENTS;
  if (problems > 0) throw new Error(`${problems} duplicate or out-of-order messages`);
  for (const [name, values] of [['from_response', fromResponse], ['from_request', fromRequest],
    ['first_socket_from_response', firstFromResponse]]) {
    values.sort((a, b) => a - b);
    console.log(`latency_${name}_ms p50=${pct(values, 0.5).toFixed(1)} p90=${pct(values, 0.9).toFixed(1)} `
      + `p99=${pct(values, 0.99).toFixed(1)} max=${values[values.length - 1].toFixed(1)} events=${values.length}`);
  }
  loopUse.sort((a, b) => a - b);
  console.log(`cpu_ms_per_event client=${clientCpuMs.toFixed(1)}`
    + (SERVER_PID ? ` server=${serverCpuPerEvent.toFixed(1)}` : '')
    + ` client_event_loop_busy p50=${pct(loopUse, 0.5).toFixed(2)} p90=${pct(loopUse, 0.9).toFixed(2)}`);
  sockets.forEach((ws) => ws.terminate());
  process.exit(0);
})().catch((e) => { console.error(e.message); process.exit(1); });
