// Starts the real caremarket server on a free loopback port over a fresh
// copy of the demo register, and stops it at the end.
import { spawn, execFileSync } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

export const binary = process.env.CAREMARKET_BINARY
export const outputDir = process.env.CAREMARKET_TEST_OUTPUT

// The audit trail's key lives beside its database (<db>.audit-key, made by
// `demo`): a copy of the database goes with a copy of its key, kept private.
function copyKey (from, to) {
  copyFileSync(from + '.audit-key', to + '.audit-key')
  chmodSync(to + '.audit-key', 0o600)
}

// The demo register, built once per build tree (again when the binary is newer).
function demoDatabase () {
  mkdirSync(outputDir, { recursive: true })
  const db = join(outputDir, 'demo.db')
  if (!existsSync(db) || !existsSync(db + '.audit-key') || statSync(db).mtimeMs < statSync(binary).mtimeMs) {
    rmSync(db, { force: true })
    rmSync(db + '-wal', { force: true })
    rmSync(db + '.audit-key', { force: true })
    rmSync(db + '.building.audit-key', { force: true })
    execFileSync(binary, ['demo', '--db', db + '.building'], { stdio: ['ignore', 'ignore', 'inherit'] })
    copyFileSync(db + '.building', db)
    copyKey(db + '.building', db)
    rmSync(db + '.building.audit-key', { force: true })
    rmSync(db + '.building', { force: true })
    rmSync(db + '.building-wal', { force: true })
    rmSync(db + '.building-shm', { force: true })
  }
  return db
}

export async function startServer () {
  const db = join(outputDir, `run-${process.pid}.db`)
  for (const suffix of ['', '-wal', '-shm', '.audit-key']) rmSync(db + suffix, { force: true })
  const demo = demoDatabase()
  copyFileSync(demo, db)
  copyKey(demo, db)
  const child = spawn(binary, ['serve', '--db', db, '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout })
  const url = await new Promise((resolve, reject) => {
    child.once('exit', code => reject(new Error(`caremarket serve exited with ${code} before listening`)))
    lines.on('line', line => {
      const m = line.match(/^listening on (http:\/\/\S+)/)
      if (m) resolve(m[1])
    })
  })
  return {
    url,
    async stop () {
      const exited = new Promise(resolve => child.once('exit', (code, signal) => resolve({ code, signal })))
      child.kill('SIGTERM')
      const result = await exited
      for (const suffix of ['', '-wal', '-shm', '.audit-key']) rmSync(db + suffix, { force: true })
      return result
    }
  }
}
