// Containment on real paths: a folder that serves files (app://, attachment://) must not serve
// what a symbolic link planted inside it points to outside.
import { realpath } from 'node:fs/promises'
import { isAbsolute, relative, sep } from 'node:path'

/**
 * Whether `file`, with every symbolic link along it resolved, is still inside `root` (also
 * resolved). Throws when either does not exist.
 */
export async function isReallyInside(root: string, file: string): Promise<boolean> {
  const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)])
  const inside = relative(realRoot, realFile)
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside)
}
