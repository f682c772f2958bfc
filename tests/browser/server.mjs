// Starts the real caremarket server on a free loopback port over a fresh
// copy of the demo register, and stops it at the end.
import { spawn, execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

export const binary = process.env.CAREMARKET_BINARY
export const outputDir = process.env.CAREMARKET_TEST_OUTPUT

// The demo register, built once per build tree (again when the binary is newer).
function demoDatabase () {
  mkdirSync(outputDir, { recursive: true })
  const db = join(outputDir, 'demo.db')
  if (!existsSync(db) || statSync(db).mtimeMs < statSync(binary).mtimeMs) {
    rmSync(db, { force: true })
    rmSync(db + '-wal', { force: true })
    execFileSync(binary, ['demo', '--db', db + '.building'], { stdio: ['ignore', 'ignore', 'inherit'] })
    copyFileSync(db + '.building', db)
    rmSync(db + '.building', { force: true })
    rmSync(db + '.building-wal', { force: true })
    rmSync(db + '.building-shm', { force: true })
  }
  return db
}

export async function startServer () {
  const db = join(outputDir, `run-${process.pid}.db`)
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true })
  copyFileSync(demoDatabase(), db)
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
      for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true })
      return result
    }
  }
}
