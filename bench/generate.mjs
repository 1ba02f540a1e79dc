#!/usr/bin/env node
// Seeded generator for benchmark data: N tickets (generic format) with surveys for about 30 % of
// them, plus the same tickets in the Zendesk legacy-export shape (kpi-and-formats.md A.1).
//
//   node bench/generate.mjs --tickets 1000000 [--seed 42] [--agents 120] [--ids uuid] [--out bench/data/1m]
//
// Writes tickets.csv, surveys.csv and zendesk-tickets.csv. Same seed and size → same bytes.
// The data is built to exercise what the KPIs depend on, not only the happy path:
// - ticket ids 1000001, 1000002 … (`--ids uuid`: UUID-shaped text ids in the generic files, the same
//   rows otherwise; the Zendesk shape keeps its numbers);
// - 120 agents in 12 teams (`--agents N`: N agents in max(12, N / 10) teams), 3 % unassigned; names with commas, quotes and non-ASCII letters;
// - duplicate ticket ids (0.5 %): a stale open row and the solved row, in either order, so the
//   dedup rule (latest solved/update time wins) matters; duplicates never tie on that time;
// - negative first-response times (0.1 %, dropped from FRT), unreplied tickets, open tickets;
// - a quoted newline inside the tags cell (0.1 %), offsets other than Z (5 %);
// - several responses for 4 % of surveyed tickets (latest answer per KPI wins), offered but
//   unanswered surveys, survey rows naming another agent or team (they override the ticket's),
//   and orphan responses whose ticket is not in the export.
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../scripts/mulberry32.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const count = Number(args.tickets ?? 100_000);
const seed = Number(args.seed ?? 20261122);
const agentCount = Math.max(1, Math.floor(Number(args.agents ?? 120)));
const out = args.out ?? join('bench', 'data', String(count));
if (args.ids !== undefined && args.ids !== 'uuid') throw new Error(`--ids: "uuid" or nothing, not "${args.ids}"`);
/** The generic files' id for ticket number n: the number, or (--ids uuid) a UUID-shaped text made from it alone. */
const idOf = args.ids === 'uuid' ? uuidOf : (n) => n;
function uuidOf(n) {
  const word = (k) => {
    let h = Math.imul(n ^ Math.imul(k, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return ((h ^ (h >>> 16)) >>> 0).toString(16).padStart(8, '0');
  };
  const hex = word(1) + word(2) + word(3) + word(4);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
mkdirSync(out, { recursive: true });

const rand = mulberry32(seed);
const pick = (items) => items[Math.floor(rand() * items.length)];
const weighted = (pairs) => {
  let total = 0;
  for (const [, w] of pairs) total += w;
  let r = rand() * total;
  for (const [value, w] of pairs) if ((r -= w) < 0) return value;
  return pairs[pairs.length - 1][0];
};
const minutesAround = (median, spread) => Math.max(1, Math.round(median * Math.exp((rand() + rand() + rand() - 1.5) * spread)));

const first = ['Ana', 'Bo', 'José', 'Zoë', 'Łukasz', 'Priya', 'Kwame', 'Mei', 'Omar', 'Ines', 'Sven', 'Aroha'];
const last = ['Silva', 'Chen', 'Álvarez', 'Müller', 'Nowak', 'Raman', 'Mensah', 'Tanaka', 'Haddad', 'Costa'];
const teamNames = ['Billing', 'Technical', 'Returns & Exchanges', 'Onboarding', 'Enterprise', 'Payments',
  'Shipping', 'Accounts', 'Night Shift', 'Partners', 'VIP', 'Escalations'];
const teamCount = Math.max(teamNames.length, Math.round(agentCount / 10));
/** Past the 12 names (and 120 agents), a number keeps names apart: `Billing 2`, `Ana Silva 2`. */
const nth = (names, i) => names[i % names.length] + (i < names.length ? '' : ` ${Math.floor(i / names.length) + 1}`);
const agents = [];
for (let i = 0; i < agentCount; i++) {
  let name = `${first[i % first.length]} ${last[Math.floor(i / first.length) % last.length]}`;
  if (i >= first.length * last.length) name += ` ${Math.floor(i / (first.length * last.length)) + 1}`;
  if (i === 7) name = "O'Brien, Siobhan";
  if (i === 13) name = 'Zoë "Zed" Müller';
  agents.push({ name, index: i, team: nth(teamNames, i % teamCount), skill: 0.55 + rand() * 0.45 });
}
const channels = [['email', 5], ['chat', 3], ['phone', 2], ['web', 1]];
const priorities = [['low', 3], ['normal', 6], ['high', 2], ['urgent', 1]];
const tagPool = ['refund', 'login', 'shipping', 'bug', 'invoice', 'return', 'vip', 'password', 'damaged'];

const start = Date.UTC(2025, 0, 6); // Monday 2025-01-06
const days = 364;
const pad = (n, w = 2) => String(n).padStart(w, '0');
/** ISO-8601 with Z, or (for 1 in 20 values) the same instant written with a +02:00 / -05:00 offset. */
function iso(ms) {
  if (rand() < 0.05) {
    const off = rand() < 0.5 ? 120 : -300;
    const d = new Date(ms + off * 60_000);
    const sign = off < 0 ? '-' : '+';
    const a = Math.abs(off);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${sign}${pad(a / 60)}:${pad(a % 60)}`;
  }
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
/** Zendesk legacy CSV: account-zone wall time without an offset (the account zone is UTC here). */
function zendeskTime(ms) {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
const csv = (v) => (v === null || v === undefined ? '' : /[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

class Out {
  constructor(file, columns) {
    this.stream = createWriteStream(join(out, file));
    this.buffer = columns.join(',') + '\n';
    this.rows = 0;
  }
  async row(cells) {
    this.buffer += cells.map(csv).join(',') + '\n';
    this.rows++;
    if (this.buffer.length > 1 << 20) {
      const chunk = this.buffer;
      this.buffer = '';
      if (!this.stream.write(chunk)) await new Promise((resolve) => this.stream.once('drain', resolve));
    }
  }
  close() {
    this.stream.end(this.buffer);
    return new Promise((resolve) => this.stream.on('finish', resolve));
  }
}

const tickets = new Out('tickets.csv', ['ticket_id', 'created_at', 'first_response_at', 'solved_at', 'agent', 'team', 'channel', 'priority', 'status', 'agent_replies', 'customer_messages', 'reopens', 'escalated', 'tags']);
const surveys = new Out('surveys.csv', ['ticket_id', 'responded_at', 'agent', 'team', 'csat', 'nps', 'ces', 'csat_offered']);
const zendesk = new Out('zendesk-tickets.csv', ['Id', 'Requester', 'Requester id', 'Assignee', 'Group', 'Subject', 'Tags', 'Status', 'Priority', 'Via',
  'Ticket type', 'Created at', 'Updated at', 'Solved at', 'Satisfaction Score', 'Group stations', 'Assignee stations', 'Reopens', 'Replies',
  'First reply time in minutes', 'First resolution time in minutes', 'Full resolution time in minutes']);

const surveyRows = [];
let duplicates = 0;
for (let i = 0; i < count; i++) {
  const id = 1_000_001 + i;
  const created = start + Math.floor(rand() * days * 86_400) * 1000;
  const agent = rand() < 0.97 ? pick(agents) : null;
  const priority = weighted(priorities);
  const channel = weighted(channels);
  const frtMedian = { urgent: 20, high: 45, normal: 120, low: 300 }[priority] / (agent ? agent.skill : 1);
  const replied = agent !== null && rand() < 0.96;
  let firstResponse = replied ? created + minutesAround(frtMedian, 1.6) * 60_000 : null;
  if (firstResponse !== null && rand() < 0.001) firstResponse = created - minutesAround(30, 1) * 60_000; // clock skew in the source
  let solved = null;
  if (replied && rand() < 0.88) solved = Math.max(created, firstResponse) + minutesAround(600 / agent.skill, 1.8) * 60_000;
  const replies = replied ? weighted([[1, 5 * agent.skill], [2, 3], [3, 1.5], [4, 0.7], [6, 0.3]]) : 0;
  const customerMessages = replied ? Math.max(1, replies - (rand() < 0.5 ? 1 : 0) + (rand() < 0.2 ? 1 : 0)) : 1;
  const reopens = solved !== null && rand() < 0.12 * (1.6 - (agent?.skill ?? 1)) * 2 ? weighted([[1, 8], [2, 2]]) : 0;
  const escalated = rand() < (priority === 'urgent' ? 0.25 : 0.06);
  const status = solved === null ? (replied ? weighted([['open', 5], ['pending', 3], ['hold', 1]]) : 'new') : rand() < 0.7 ? 'closed' : 'solved';
  const tagCount = weighted([[0, 2], [1, 5], [2, 3]]);
  const tags = [...new Set(Array.from({ length: tagCount }, () => pick(tagPool)))].join(rand() < 0.001 ? '\n' : ' ');
  const row = [idOf(id), iso(created), firstResponse === null ? null : iso(firstResponse), solved === null ? null : iso(solved), agent?.name ?? null,
    agent?.team ?? null, channel, priority, status, replies, customerMessages, reopens, escalated ? 'true' : 'false', tags];
  // A duplicate: the same ticket exported earlier while still open (no solved time), before or after the solved row.
  const duplicate = solved !== null && rand() < 0.005;
  const stale = duplicate ? [idOf(id), row[1], row[2], null, agents[agent === null ? 0 : (agent.index + 1) % agents.length].name, row[5], channel, priority, 'open', Math.max(0, replies - 1), customerMessages, 0, 'false', ''] : null;
  const staleFirst = stale !== null && rand() < 0.5;
  if (staleFirst) await tickets.row(stale);
  await tickets.row(row);
  if (stale !== null && !staleFirst) await tickets.row(stale);
  if (stale !== null) duplicates++;

  const satisfaction = solved === null ? 'Not Offered' : null;
  let zendeskScore = satisfaction;
  if (solved !== null && rand() < 0.36) {
    const skill = agent.skill;
    const responses = rand() < 0.04 ? 2 : 1;
    let at = solved + minutesAround(240, 1.2) * 60_000;
    for (let r = 0; r < responses; r++) {
      const answered = rand() < 0.9;
      const csat = answered ? weighted([[5, 5 * skill], [4, 3], [3, 1.2], [2, 0.6 / skill], [1, 0.5 / skill]]) : null;
      const nps = answered && rand() < 0.6 ? weighted([[10, 4 * skill], [9, 3], [8, 2], [7, 1.5], [6, 1], [5, 0.6], [3, 0.4], [0, 0.2]]) : null;
      const ces = answered && rand() < 0.5 ? weighted([[7, 4 * skill], [6, 3], [5, 2], [4, 1], [3, 0.6], [2, 0.3], [1, 0.2]]) : null;
      const other = rand() < 0.05 ? pick(agents) : null;
      surveyRows.push([idOf(id), iso(at), other?.name ?? null, other !== null && rand() < 0.5 ? other.team : null, csat, nps, ces, 'true']);
      zendeskScore = csat === null ? 'Offered' : csat >= 4 ? 'Good' : 'Bad';
      at += minutesAround(600, 1) * 60_000;
    }
  } else if (solved !== null) {
    zendeskScore = rand() < 0.5 ? 'Offered' : 'Not Offered';
  }
  await zendesk.row([id, `Customer ${id % 50_000}`, 30_000_000 + (id % 50_000), agent?.name ?? null, agent?.team ?? null, `Question about ${tags.split(/\s/)[0] || 'an order'}`,
    tags.replace(/\n/g, ' '), status[0].toUpperCase() + status.slice(1), priority[0].toUpperCase() + priority.slice(1),
    { email: 'Mail', chat: 'Chat', phone: 'Phone call (incoming)', web: 'Web form' }[channel], 'Question', zendeskTime(created),
    zendeskTime(solved ?? created + 3_600_000), solved === null ? null : zendeskTime(solved), zendeskScore, escalated ? 2 : 1, 1, reopens, replies,
    firstResponse === null || firstResponse < created ? null : Math.round((firstResponse - created) / 60_000),
    solved === null ? null : Math.round((solved - created) / 60_000), solved === null ? null : Math.round((solved - created) / 60_000)]);
}
// Orphans: responses whose ticket is not in the export (older tickets, another brand).
const orphans = Math.max(6, Math.round(count / 2000));
for (let k = 0; k < orphans; k++) {
  const agent = rand() < 0.8 ? pick(agents) : null;
  surveyRows.push([idOf(900_000 - k), iso(start + Math.floor(rand() * days * 86_400_000)), agent?.name ?? null, agent?.team ?? null, pick([2, 4, 5, 5]), null, null, 'true']);
}
// Survey tools export in response order, not ticket order.
const order = surveyRows.map((row, i) => ({ key: Date.parse(row[1]), i }));
order.sort((a, b) => a.key - b.key || a.i - b.i);
for (const { i } of order) await surveys.row(surveyRows[i]);
await Promise.all([tickets.close(), surveys.close(), zendesk.close()]);
console.log(`wrote ${tickets.rows} ticket rows (${duplicates} duplicate ids), ${surveys.rows} survey rows and ${zendesk.rows} Zendesk-shape rows to ${out}`);
