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

function cell(run) {
  const partial = run.complete ? '' : ` (stopped at ${Math.round(run.chars / 1024)} KB)`;
  return [
    `${run.mainThreadMsPerKB}`,
    `${run.frameWorkMs.p50} / ${run.frameWorkMs.p95} / ${run.frameWorkMs.max}`,
    `${run.longTasks}${run.longTasks ? ` (max ${run.longestTaskMs})` : ''}`,
    run.lastByteToPaintMs === null ? 'n/a' : `${run.lastByteToPaintMs}`,
    `${Math.round(run.mainThreadMs)}${partial}`,
  ];
}

/** Prints the table and the targets; returns the targets for the JSON file. */
export function printTable(rows) {
  const header = ['answer', 'renderer', 'main thread ms/KB', 'frame work ms p50/p95/max', 'long tasks >50 ms', 'last byte → paint ms', 'main thread ms'];
  const lines = [header];
  for (const row of rows) {
    lines.push([row.size, 'incremental', ...cell(row.incremental)]);
    lines.push(['', 'naive', ...cell(row.naive)]);
  }
  const widths = header.map((_, i) => Math.max(...lines.map((line) => line[i].length)));
  console.log();
  for (const line of lines) console.log(line.map((text, i) => text.padEnd(widths[i])).join('  '));

  const perKB = rows.map((row) => row.incremental.mainThreadMsPerKB);
  const at100 = rows.find((row) => row.size === '100 KB');
  const rich = rows.find((row) => row.size.includes('reasoning'));
  const targets = {
    flatPerKB: { ratio: round(Math.max(...perKB) / Math.min(...perKB)), target: '≤ 1.5' },
    p95At100KB: at100 && { ms: at100.incremental.frameWorkMs.p95, target: '≤ 4' },
    longTasksAt100KB: at100 && { count: at100.incremental.longTasks, target: '0' },
    p95WithReasoning: rich && { ms: rich.incremental.frameWorkMs.p95, target: '≤ 4' },
    longTasksWithReasoning: rich && { count: rich.incremental.longTasks, target: '0' },
    naiveRatioAt100KB: at100 && {
      ratio: round(at100.naive.mainThreadMs / at100.incremental.mainThreadMs),
      naiveComplete: at100.naive.complete,
      // The naive renderer's work per delta grows with the text: its total grows with the
      // square of the length, so a stopped run extrapolates by (full / reached)².
      estimatedRatio: round((at100.naive.mainThreadMs * (at100.bytes / at100.naive.chars) ** 2) / at100.incremental.mainThreadMs),
      target: '≥ 10',
    },
  };
  console.log('\nTargets (the naive ratio is a lower bound when the naive run was stopped early):');
  console.log(`  main thread per KB, max/min over sizes: ${targets.flatPerKB.ratio} (target ≤ 1.5)`);
  if (at100) {
    console.log(`  100 KB p95 frame work: ${targets.p95At100KB.ms} ms (target ≤ 4)`);
    console.log(`  100 KB long tasks: ${targets.longTasksAt100KB.count} (target 0)`);
    const naive = targets.naiveRatioAt100KB;
    const estimate = naive.naiveComplete ? '' : `; naive stopped early, measured lower bound, ~${Math.round(naive.estimatedRatio)}× extrapolated (quadratic)`;
    console.log(`  100 KB naive / incremental main thread: ${naive.ratio}× (target ≥ 10${estimate})`);
  }
  if (rich) {
    console.log(`  50 KB reasoning + 100 KB p95 frame work: ${targets.p95WithReasoning.ms} ms (target ≤ 4)`);
    console.log(`  50 KB reasoning + 100 KB long tasks: ${targets.longTasksWithReasoning.count} (target 0)`);
  }
  return { targets };
}
