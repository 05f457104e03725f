// The target grouping a namespace's apps: starting it starts them, stopping it stops them (PartOf=).
export function targetUnit(namespace: string, source: string, wants: readonly string[]): string {
  return `[Unit]
Description=svctl apps of namespace ${namespace} (from ${source})
${wants.length > 0 ? `Wants=${wants.join(' ')}\n` : ''}
[Install]
WantedBy=multi-user.target
`;
}
