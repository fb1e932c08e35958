import type { AreaHealth, JobHealth, ReleaseHealth, RunMark } from './release-health.js';

const MARK_TEXT: Record<RunMark, string> = { pass: '✓', fail: '✗', other: '·' };

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Only http(s) links are rendered as links: a run URL comes from a webhook payload. */
function link(url: string | null, text: string): string {
  if (url === null || !/^https?:\/\//i.test(url)) return escapeHtml(text);
  return `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`;
}

function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}

function jobRow(job: JobHealth): string {
  const pattern = job.recent.map((mark) => `<span class="${mark}">${MARK_TEXT[mark]}</span>`).join('');
  const rate = job.passRate === null ? '–' : `${Math.round(job.passRate * 100)}%`;
  const last = job.lastRun
    ? link(job.lastRun.url, `${MARK_TEXT[job.lastRun.mark]} ${job.lastRun.finishedAt ?? 'unknown time'}`)
    : 'no run in the window';
  const issue = job.issue
    ? `${link(job.issue.url, `${job.issue.repository}#${job.issue.number}`)}: ${job.issue.failures} failure${
        job.issue.failures === 1 ? '' : 's'
      }${job.issue.stage ? ` at ${escapeHtml(job.issue.stage)}` : ''}${
        job.issue.ackedBy ? `, acked by @${escapeHtml(job.issue.ackedBy)}` : ''
      }${job.issue.muted ? ', muted' : ''}`
    : '';
  return `<tr class="${job.status}"><td>${escapeHtml(job.repository)}</td><td><code>${escapeHtml(
    job.job,
  )}</code></td><td class="status">${job.status}</td><td class="pattern">${pattern}</td><td>${rate} of ${
    job.runs
  }</td><td>${last}</td><td>${issue}</td></tr>`;
}

function areaSection(area: AreaHealth): string {
  const title = area.area === null ? 'No service area' : `Area ${area.area}`;
  const severity = area.severity ? ` <span class="severity">${area.severity}</span>` : '';
  return `<section class="area ${area.status}">
<h2>${escapeHtml(title)}${severity}: ${area.status}${area.failing > 0 ? ` (${area.failing} failing)` : ''}</h2>
<table>
<thead><tr><th>repository</th><th>job</th><th>status</th><th>recent runs</th><th>pass rate</th><th>last run</th><th>tracking issue</th></tr></thead>
<tbody>
${area.jobs.map(jobRow).join('\n')}
</tbody>
</table>
</section>`;
}

/**
 * The dashboard page: one self-contained HTML document (no script, inline style), refreshed by
 * the browser every minute. Every value from a payload or config is escaped.
 */
export function renderDashboard(health: ReleaseHealth): string {
  const { totals } = health;
  const body =
    health.areas.length === 0
      ? '<p>No release run in the window yet. Runs appear here once Sheriff receives their statuses, workflow runs or ProwJobs.</p>'
      : health.areas.map(areaSection).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="60">
<title>Sheriff: release health</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1f2328; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #d0d7de; }
tr.failing td.status, section.failing h2 { color: #cf222e; }
tr.passing td.status, section.passing h2 { color: #1a7f37; }
.pattern .fail { color: #cf222e; } .pattern .pass { color: #1a7f37; } .pattern .other { color: #6e7781; }
.severity { font-size: .8em; border: 1px solid #d0d7de; border-radius: 1em; padding: 0 .5em; }
.totals span { margin-right: 1.5rem; }
</style>
</head>
<body>
<h1>Release health</h1>
<p class="totals"><span>${totals.failing} of ${totals.jobs} release jobs failing</span><span>${
    totals.openIssues
  } open tracking issues</span><span>${totals.episodes30d} episodes in 30 days</span><span>median time to detect ${duration(
    totals.mttdSecondsMedian,
  )}</span><span>median time to recover ${duration(totals.timeToRecoverySecondsMedian)}</span></p>
${body}
<p><small>Runs of the last ${health.windowDays} days; generated ${escapeHtml(health.generatedAt)}. JSON: <a href="/api/v1/release-health">/api/v1/release-health</a>.</small></p>
</body>
</html>
`;
}
