import type { Permission } from '@jiaowu/contracts';

/** `METHOD /url` → who may call it. */
export type RouteAccess = Record<string, 'public' | 'signed-in' | Permission>;
