// Preloaded into each CLI run by `npm run quality` (node --import): writes the process's CPU time at exit
// to $PASTICHE_CPU_REPORT, so the harness records CPU seconds next to wall time on a shared machine.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.PASTICHE_CPU_REPORT;
  if (!file) return;
  const { user, system } = process.cpuUsage();
  writeFileSync(file, JSON.stringify({ cpuSeconds: (user + system) / 1e6 }));
});
