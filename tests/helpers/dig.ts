/** The value at a dotted path (`spec.template.spec.containers.0.image`) of parsed JSON or YAML; undefined when a step is missing. */
export function dig(value: unknown, dotted: string): unknown {
  let current = value;
  for (const step of dotted.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}
