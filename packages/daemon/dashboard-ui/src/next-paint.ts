// Waiting for the browser to show what was just rendered.

/** Resolves once the next frame has been painted; in a hidden tab, whose frames do not run, at once. */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (document.hidden) setTimeout(resolve);
    else requestAnimationFrame(() => setTimeout(resolve));
  });
}
