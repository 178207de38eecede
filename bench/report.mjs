// Statistics and the printed table of the bench, with the issue's targets checked.

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Reduces one run's raw samples to the figures the bench reports. */
export function summarize(run) {
  const work = [...run.frameWork].sort((a, b) => a - b);
  const kb = run.chars / 1024;
  return {
    complete: run.complete,
    chars: run.chars,
    elapsedMs: round(run.elapsedMs),
    mainThreadMs: round(run.mainThreadMs),
    busyPercent: round(run.busy * 100),
    layouts: run.layouts,
    ...(run.restored
      ? {
          restore: {
            chars: run.restored.chars,
            ms: round(run.restored.ms),
            longTasks: run.restored.longTasks.length,
            longestTaskMs: round(Math.max(0, ...run.restored.longTasks)),
          },
        }
      : {}),
    mainThreadMsPerKB: round(run.mainThreadMs / kb),
    layoutMs: round(run.layoutMs),
    styleMs: round(run.styleMs),
    frames: work.length,
    frameWorkMs: { p50: round(percentile(work, 50)), p95: round(percentile(work, 95)), max: round(work.at(-1) ?? 0) },
    longTasks: run.longTasks.length,
    longestTaskMs: round(Math.max(0, ...run.longTasks)),
    lastByteToPaintMs: run.lastByteToPaintMs === null ? null : round(run.lastByteToPaintMs),
    ...(run.blocks === undefined ? {} : { blocks: run.blocks }),
  };
}

function round(n) {
  return Math.round(n * 100) / 100;
}

function cell(run, naive) {
  const partial = run.complete ? '' : ` (stopped at ${Math.round(run.chars / 1024)} KB)`;
  return [
    `${run.busyPercent} %`,
    naive ? `${round(naive.mainThreadMs / run.mainThreadMs)}×` : '',
    `${round(run.mainThreadMs / 1000)} s${partial}`,
    `${run.longTasks}${run.longTasks ? ` (max ${run.longestTaskMs})` : ''}`,
    run.lastByteToPaintMs === null ? 'n/a' : `${run.lastByteToPaintMs}`,
    `${run.frameWorkMs.p50} / ${run.frameWorkMs.p95} / ${run.frameWorkMs.max}`,
    run.restore ? `${run.restore.ms} ms, ${run.restore.longTasks} long (max ${run.restore.longestTaskMs})` : '',
  ];
}

/** The issue's targets, each with the measured figure and whether it is met. */
function targetsOf(rows) {
  const row = (id) => rows.find((r) => r.id === id);
  const targets = [];
  const real = row('real');
  if (real) targets.push({ what: `${real.size}: busy`, value: `${real.incremental.busyPercent} %`, target: '≤ 8 %', met: real.incremental.busyPercent <= 8 });
  const restored = row('restored');
  if (restored) {
    targets.push({ what: `${restored.size}: busy`, value: `${restored.incremental.busyPercent} %`, target: '≤ 10 %', met: restored.incremental.busyPercent <= 10 });
    const r = restored.incremental.restore;
    targets.push({ what: 'restoring 1,000 messages: long tasks', value: `${r.longTasks} (max ${r.longestTaskMs} ms)`, target: '0', met: r.longTasks === 0 });
  }
  const at100 = row('100KB');
  if (at100) {
    targets.push({ what: `${at100.size}: busy`, value: `${at100.incremental.busyPercent} %`, target: '≤ 25 %', met: at100.incremental.busyPercent <= 25 });
    targets.push({ what: `${at100.size}: last byte → paint`, value: `${at100.incremental.lastByteToPaintMs} ms`, target: '≤ 50 ms', met: at100.incremental.lastByteToPaintMs <= 50 });
  }
  const mb = row('1MB');
  if (mb) targets.push({ what: `${mb.size}: tasks over 50 ms`, value: `${mb.incremental.longTasks} (max ${mb.incremental.longestTaskMs} ms)`, target: '0', met: mb.incremental.longTasks === 0 });
  return targets;
}

/** Prints the table and the targets; returns the targets for the JSON file. */
export function printTable(rows) {
  const header = ['answer', 'renderer', 'busy', 'naive / this', 'main thread', 'long tasks > 50 ms', 'last byte → paint ms', 'frame work ms p50/p95/max', 'restore'];
  const lines = [header];
  for (const row of rows) {
    lines.push([row.size, 'incremental', ...cell(row.incremental, row.naive)]);
    lines.push(['', 'naive', ...cell(row.naive)]);
  }
  const widths = header.map((_, i) => Math.max(...lines.map((line) => line[i].length)));
  console.log();
  for (const line of lines) console.log(line.map((text, i) => text.padEnd(widths[i])).join('  '));
  console.log('\nbusy: main-thread TaskDuration (CDP) over the answer\'s wall time; naive / this: ratio of main-thread time (a lower bound when the naive run was stopped).');
  const targets = targetsOf(rows);
  console.log('\nTargets:');
  for (const t of targets) console.log(`  ${t.met ? 'met   ' : 'MISSED'}  ${t.what}: ${t.value} (target ${t.target})`);
  return { targets };
}
