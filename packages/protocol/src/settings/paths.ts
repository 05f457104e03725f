import path from 'node:path';

// Linux limits a Unix socket path to 107 bytes (sun_path); past that listen() fails obscurely.
export const MAX_SOCKET_PATH_BYTES = 107;

export function socketPath(home: string): string {
  return path.join(home, 'daemon.sock');
}

export function pidFilePath(home: string): string {
  return path.join(home, 'daemon.pid');
}

export function daemonLogPath(home: string): string {
  return path.join(home, 'daemon.log');
}

export function defaultConfigPath(home: string): string {
  return path.join(home, 'config.json');
}
