// An app's `listen` addresses as a socket unit: systemd holds them and passes them to every instance from
// fd 3 with LISTEN_FDS, LISTEN_PID and LISTEN_FDNAMES, as svctl does (socket activation).
import type { AppSpec } from '@svctl/protocol';
import { quoteValue } from '../../startup/systemd-quote.js';
import { serviceNames, targetName } from './unit-names.js';

export function socketUnit(spec: AppSpec & { listen: string[] }): string {
  const [first] = serviceNames(spec);
  return `[Unit]
Description=sockets of ${spec.name} (svctl app, namespace ${spec.namespace})
PartOf=${targetName(spec.namespace)}

[Socket]
${spec.listen.map((address) => `ListenStream=${quoteValue(address)}`).join('\n')}
Service=${first ?? `${spec.name}.service`}
`;
}
