// The resolved command line, moved into the image: svctl resolved it for this host (absolute paths, the
// node running svctl, tsx's loader by path). In the container the app file's folder is /app, node and tsx
// come from the image.
import type { AppSpec } from '@svctl/protocol';

/** Where the app file's folder is in the image (its WORKDIR). */
export const IMAGE_ROOT = '/app';

export interface HostPaths {
  /** The app file's folder. */
  root: string;
  /** The node binary the loader put in place of `node`. */
  node: string;
}

export function containerCommand(spec: AppSpec, host: HostPaths): string[] {
  return spec.command.map((word, index) => {
    if (index === 0 && !spec.shell && spec.interpreter === 'node') return 'node';
    let moved = inImage(word, host.root).replace(TSX_LOADER, 'tsx');
    if (spec.shell && spec.interpreter === 'node') moved = moved.split(host.node).join('node');
    return moved;
  });
}

/** A host path under the app file's folder, as the image has it; other text unchanged. */
export function inImage(text: string, root: string): string {
  if (text === root) return IMAGE_ROOT;
  return text.split(`${root}/`).join(`${IMAGE_ROOT}/`);
}

// `--import file:///.../node_modules/tsx/dist/loader.mjs`, which svctl adds for a .ts script.
const TSX_LOADER = /file:\/\/\S*\/tsx\/\S*?(?=['\s]|$)/g;
