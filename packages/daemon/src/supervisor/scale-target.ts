// pm2's `scale APP N|+N|-N|max`: the number of instances an app should have afterwards.
import { SvctlError } from '@svctl/protocol';

export function scaleTarget(app: string, current: number, requested: number | string, cpus: number): number {
  if (typeof requested === 'number') return requested;
  if (requested === 'max') return cpus;
  const target = current + Number.parseInt(requested, 10);
  if (target < 0) {
    throw new SvctlError('USAGE', `${app} has ${current} instance(s): cannot remove ${requested.slice(1)}`, { hint: `svctl scale ${app} 0 stops them all` });
  }
  return target;
}
