// Who may call what over the network gateway. The read set is defined per method (readOnly in its
// definition, methods/*.ts), never as a list here; everything else needs `admin`.
import type { MethodDefinition } from './define.js';

export const ROLES = ['read', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** True when a token of this role may call the method with these params (secret-revealing params need admin). */
export function roleAllows(role: Role, method: Pick<MethodDefinition, 'readOnly' | 'adminParams'>, params?: unknown): boolean {
  if (role === 'admin') return true;
  if (method.readOnly !== true) return false;
  const given = typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {};
  return !(method.adminParams ?? []).some((key) => given[key] !== undefined && given[key] !== false);
}

/** Mutating methods (every one not marked readOnly) are audited on every transport. */
export function isMutating(method: Pick<MethodDefinition, 'readOnly'>): boolean {
  return method.readOnly !== true;
}
