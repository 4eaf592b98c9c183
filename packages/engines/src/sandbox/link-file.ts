import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The sandbox's "auth state": which virtual phone this session is linked to. It lives in the session's
 * data folder so it survives a server restart exactly like a real engine's auth does.
 */
export interface SandboxLink {
  phone: string;
  name: string;
  linkedAt: number;
}

const FILE_NAME = 'sandbox.json';

export function readLink(dataDir: string): SandboxLink | undefined {
  let raw: string;
  try {
    raw = readFileSync(join(dataDir, FILE_NAME), 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    throw new Error(`Cannot read the sandbox link state: ${(error as Error).message}`);
  }
  // A damaged file is treated like lost auth on a real engine: the session shows a QR code again.
  try {
    const parsed: unknown = JSON.parse(raw);
    return isLink(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves a half-written link. */
export function writeLink(dataDir: string, link: SandboxLink): void {
  const path = join(dataDir, FILE_NAME);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(link, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

export function deleteLink(dataDir: string): void {
  rmSync(join(dataDir, FILE_NAME), { force: true });
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

function isLink(value: unknown): value is SandboxLink {
  if (typeof value !== 'object' || value === null) return false;
  const link = value as Record<string, unknown>;
  return (
    typeof link.phone === 'string' &&
    /^\d+$/.test(link.phone) &&
    typeof link.name === 'string' &&
    typeof link.linkedAt === 'number'
  );
}
