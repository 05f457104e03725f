// A measure's chart (bench/lib/svg-chart.mjs): bars at the medians on one scale per figure, whiskers for the
// spread, the floor as a dashed line, text for figures a supervisor does not have.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarize } from '../../bench/lib/measure.mjs';
import { chartSvg, niceMax } from '../../bench/lib/svg-chart.mjs';

const widthOf = (svg: string, color: string) => Number(new RegExp(`width="([\\d.]+)" height="16" fill="${color}"`).exec(svg)?.[1]);

describe('chartSvg', () => {
  const measure = {
    title: 'CLI <round trip> & more',
    rows: [
      {
        metric: 'list',
        unit: 'ms',
        better: 'lower',
        floor: summarize([25]),
        floorLabel: 'node -e 0',
        values: { svctl: summarize([40, 50, 60]), pm2: summarize([100]), supervisord: { na: 'no counterpart' } },
      },
      { metric: 'final state', values: { svctl: { text: 'errored' }, pm2: { text: 'errored' }, supervisord: { text: 'FATAL' } } },
    ],
  };
  const svg = chartSvg(measure);

  it('is one SVG document with the title escaped', () => {
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*>/);
    assert.match(svg, /<\/svg>\n$/);
    assert.ok(svg.includes('CLI &lt;round trip&gt; &amp; more'));
    assert.ok(!svg.includes('<round trip>'));
  });

  it('draws each median on the same scale within a figure', () => {
    const svctl = widthOf(svg, '#2b6cb0');
    const pm2 = widthOf(svg, '#c05621');
    assert.ok(svctl > 0 && pm2 > 0);
    assert.ok(Math.abs(pm2 / svctl - 2) < 0.01, `pm2 ${pm2} should be twice svctl ${svctl}`);
  });

  it('draws a whisker only for figures from several runs, and the floor', () => {
    assert.equal((svg.match(/class="spread"/g) ?? []).length, 1);
    assert.ok(svg.includes('class="floor"'));
    assert.ok(svg.includes('floor (node -e 0): 25 ms'));
  });

  it('writes what a supervisor lacks instead of a bar, and leaves out figures without any number', () => {
    assert.ok(svg.includes('n/a: no counterpart'));
    assert.ok(!svg.includes('final state'));
  });

  it('says so when a measure has no figure at all', () => {
    assert.ok(chartSvg({ title: 'empty', rows: [] }).includes('no figures in this run'));
  });
});

describe('niceMax', () => {
  it('rounds an axis up to 1, 2 or 5 times a power of ten', () => {
    assert.equal(niceMax(0.7), 1);
    assert.equal(niceMax(130), 200);
    assert.equal(niceMax(4100), 5000);
    assert.equal(niceMax(5000), 5000);
    assert.equal(niceMax(0), 1);
  });
});
