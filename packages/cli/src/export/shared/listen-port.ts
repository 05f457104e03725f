// The TCP port of a resolved `listen` address (`8080`, `127.0.0.1:8080`, `[::1]:8080`); undefined for a unix socket path.
export function listenPort(address: string): number | undefined {
  if (address.startsWith('/')) return undefined;
  const port = /(?:^|:)(\d+)$/.exec(address)?.[1];
  return port === undefined ? undefined : Number(port);
}
