// Against the real Secret Service (gnome-keyring, started by the test command).
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { KeyManager, createKeytarStore } from '../../../src/main/secrets/keychain'

const service = `seed-chat-test-${randomUUID()}`
const store = createKeytarStore(service)
afterEach(async () => {
  await store.delete()
})

describe('keychain', () => {
  it('sets, gets and deletes the key in the OS keychain', async () => {
    expect(await store.get()).toBeNull()
    await store.set('sk-live-abcdefgh1234')
    expect(await store.get()).toBe('sk-live-abcdefgh1234')
    // A second store on the same entry sees it: it is in the keychain, not in this object.
    expect(await createKeytarStore(service).get()).toBe('sk-live-abcdefgh1234')
    await store.delete()
    expect(await store.get()).toBeNull()
  })

  it('reports only the last four characters of the key', async () => {
    const keys = new KeyManager(store)
    expect(await keys.status()).toEqual({
      keychain: 'available',
      keychainError: null,
      hasKey: false,
      last4: null,
      storage: null
    })
    const status = await keys.setKey('sk-live-abcdefgh1234')
    expect(status).toEqual({
      keychain: 'available',
      keychainError: null,
      hasKey: true,
      last4: '1234',
      storage: 'keychain'
    })
    expect(JSON.stringify(status)).not.toContain('abcdefgh')
    expect((await keys.deleteKey()).hasKey).toBe(false)
  })

  it('without a Secret Service, keeps the key in memory only and says why', async () => {
    // A child process whose session bus does not exist: the real keytar fails as it would on a
    // desktop without a keychain.
    const script = join(__dirname, '../../fixtures/no-keychain.ts')
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' },
      cwd: join(__dirname, '../../..')
    })
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!)
    expect(result.before).toMatchObject({ keychain: 'unavailable', hasKey: false })
    expect(result.before.keychainError).toBeTruthy()
    expect(result.after).toMatchObject({
      keychain: 'unavailable',
      hasKey: true,
      last4: '9876',
      storage: 'memory'
    })
    expect(result.keyForRequests).toBe('sk-mem-9876')
  })
})
