import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chartSummary } from '../../dashboard-ui/src/chart-summary.js';
import { formatCpu } from '../../dashboard-ui/src/format.js';
import { linePoints, scaleMax } from '../../dashboard-ui/src/line-points.js';

describe('the dashboard charts', () => {
  it('say the latest value, the range and the time covered, in words', () => {
    assert.equal(chartSummary([null, 1, 3.25, 2], formatCpu, 2000), 'latest 2.0%, min 1.0%, max 3.3% over the last 6 s (4 samples)');
    assert.equal(chartSummary([5], formatCpu, 2000), 'latest 5.0%, min 5.0%, max 5.0% (1 sample)');
    assert.equal(chartSummary(Array.from({ length: 60 }, () => 1), formatCpu, 5000), 'latest 1.0%, min 1.0%, max 1.0% over the last 5 min (60 samples)');
    assert.equal(chartSummary([null], formatCpu, 2000), 'no samples yet');
    assert.equal(chartSummary([], formatCpu, undefined), 'no samples yet');
  });

  it('draw the largest value at the top and 0 (or unknown) at the floor, oldest left', () => {
    assert.equal(linePoints([0, 10, null, 5], 30, 12), '0.0,11.0 10.0,1.0 20.0,11.0 30.0,6.0');
    assert.equal(scaleMax([0, null]), 1e-9);
    assert.equal(linePoints([0, 0], 10, 12), '0.0,11.0 10.0,11.0');
  });
});
