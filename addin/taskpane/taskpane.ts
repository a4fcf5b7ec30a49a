/**
 * The shared-runtime page: registers the CIC custom functions, then drives the task pane. Each section's
 * logic lives in its own file; this one only wires them together.
 */
import { registerFunctions } from '../cells/register';
import { benchmarksReady, benchmarksSection } from './benchmarks-section';
import { inWorkbook } from './excel-host';
import { forecastSection } from './forecast-section';
import { laReady, laSection } from './la-section';
import { pane } from './pane';
import { refreshSection } from './refresh-section';
import { releaseSection } from './release-section';
import { renderStatus } from './status-view';

registerFunctions();

function start(): void {
  const workbook = inWorkbook();
  pane.source.onStatus((s) => renderStatus(s, workbook));
  renderStatus(pane.source.status, workbook);
  laSection();
  benchmarksSection();
  forecastSection();
  // The SSDA903 reader (a CSV parser and the demand sheets) loads when first used, not with every workbook.
  document.getElementById('demand-build')?.addEventListener('click', () => void import('./demand-section').then((m) => m.build()));
  const release = releaseSection(() => {
    laReady();
    benchmarksReady();
  });
  refreshSection(() => release.check());
  void release.check();
}

const office = globalThis.Office as typeof Office | undefined;
if (office?.onReady) void office.onReady(() => start());
else if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
