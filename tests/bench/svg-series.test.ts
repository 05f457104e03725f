// The soak's chart (bench/lib/svg-series.mjs): samples over time, one panel per series on a shared time axis,
// with the targets drawn (a limit, or a band around the median after the first minute) and missing samples marked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seriesSvg, timeAxis } from '../../bench/lib/svg-series.mjs';

const measure = {
  title: 'Soak <storm> & more',
  series: {
    x: { label: 'seconds into the soak', values: [15, 30, 45, 60, 75, 90] },
    panels: [
      { label: 'daemon RSS', unit: 'MB', values: [60, 70, 80, 100, 100, 100], band: { after: 60, spread: 0.2 } },
      { label: 'daemon open fds', unit: '', values: [40, 41, 42, 43, 44, 45] },
      { label: 'daemon.log lag', unit: 's', values: [0.5, 1, null, 2, 1, 0.7], limit: 5 },
    ],
  },
};
const svg = seriesSvg(measure);
const paths = (cls: string) => [...svg.matchAll(new RegExp(`<path d="([^"]+)" class="${cls}"/>`, 'g'))].map((match) => match[1] ?? '');

describe('seriesSvg', () => {
  it('is one SVG document with the title and labels escaped', () => {
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*>/);
    assert.match(svg, /<\/svg>\n$/);
    assert.ok(svg.includes('Soak &lt;storm&gt; &amp; more'));
    for (const label of ['daemon RSS (MB)', 'daemon open fds', 'daemon.log lag (s)', 'seconds into the soak']) assert.ok(svg.includes(label), label);
  });

  it('draws one point per sample and breaks the line at a missing sample, marked on the axis', () => {
    assert.equal((svg.match(/<circle /g) ?? []).length, 17);
    const lines = paths('line');
    assert.equal(lines.length, 4, 'RSS and fds one line each, the lag two around the gap');
    assert.equal((svg.match(/class="missing"/g) ?? []).length, 1);
  });

  it('draws the lag limit and the RSS band around the median of the samples after the first minute', () => {
    assert.ok(svg.includes('target &lt; 5 s'));
    assert.ok(svg.includes('median after 60 s +20 %'));
    assert.ok(svg.includes('−20 %'));
    const guides = paths('guide').map((d) => Number(/^M[\d.]+ ([\d.]+)H/.exec(d)?.[1]));
    assert.equal(guides.length, 3);
    // The band's two lines sit at 120 and 80 MB of a 200 MB axis: the upper one higher on the page.
    const [upper, lower] = [guides[0] ?? 0, guides[1] ?? 0];
    assert.ok(upper < lower, `${upper} should be above ${lower}`);
  });

  it('says so when a series has no sample', () => {
    const empty = seriesSvg({ title: 'empty', series: { x: { label: 't', values: [15] }, panels: [{ label: 'lag', unit: 's', values: [null] }] } });
    assert.ok(empty.includes('no sample'));
  });
});

describe('timeAxis', () => {
  it('ends on the next whole minute past a minute, with a tick per minute (two past 12 minutes)', () => {
    assert.deepEqual(timeAxis(125), { span: 180, step: 60 });
    assert.deepEqual(timeAxis(606), { span: 660, step: 60 });
    assert.deepEqual(timeAxis(900), { span: 960, step: 120 });
    assert.deepEqual(timeAxis(45), { span: 50, step: null });
  });
});
