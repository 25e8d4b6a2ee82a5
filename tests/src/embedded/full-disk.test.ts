// Guarantee: an embedded data directory whose disk fills up during an import fails with `DATA_DIR_FULL: ...`
// naming the directory, exit 4, no SQL and no stack trace; what was stored before stays whole, and once space is
// freed the directory opens and the same import completes.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@toolrisk/db';
import { apiKeys, tools } from '@toolrisk/db/testing';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_DIR } from '../harness/paths.js';
import { TOOLRISK_BIN } from '../harness/process.js';
import { findSmallDisk, type SmallDisk } from '../harness/small-disk.js';
import { expectNoHalfWrittenServer } from '../harness/whole-servers.js';

/** Room for the migrated database (about 40 MB, a 16 MB WAL segment of it) and the whole shipped catalogue. */
const DISK_BYTES = 160 * 1024 * 1024;
/** What the filler leaves free before the import: less than the catalogue needs, more than a lock file. */
const LEAVE_BYTES = 2_000_000;
const SMALL_FILE = 'azure-mcp.json';

/**
 * Runs inside the small disk (gone when it exits): each step's output lands in $OUT on the host's disk, and the
 * data directory, after the failure and once space is freed, is copied there to be opened afterwards.
 */
const SCRIPT = `
set -u
run() { step=$1; shift; "$NODE" "$BIN" "$@" >"$OUT/$step.out" 2>"$OUT/$step.err"; echo $? >"$OUT/$step.code"; }
run key keys create --name before
run small import "$SMALL"
"$NODE" -e '
  const fs = require("node:fs");
  const disk = fs.statfsSync(process.argv[1]);
  const free = disk.bavail * disk.bsize - Number(process.argv[2]);
  fs.writeFileSync(process.argv[1] + "/filler", Buffer.alloc(Math.max(0, free)));
' "$DISK" "$LEAVE"
run full import "$CATALOGUE"
rm -f "$DISK/filler"
run reopened keys list
cp -a "$DISK/db" "$OUT/after-full"
run again import "$CATALOGUE"
`;

interface Step {
  code: number;
  stdout: string;
  stderr: string;
}

function runOnSmallDisk(smallDisk: SmallDisk, disk: string, out: string): Promise<number | null> {
  const [file, ...args] = smallDisk(disk, DISK_BYTES, ['sh', '-c', SCRIPT]);
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LOG_LEVEL: 'warn',
    TOOLRISK_DATA_DIR: join(disk, 'db'),
    TOOLRISK_SEED: 'false',
    NODE: process.execPath,
    BIN: TOOLRISK_BIN,
    OUT: out,
    DISK: disk,
    LEAVE: String(LEAVE_BYTES),
    SMALL: join(SEED_DIR, SMALL_FILE),
    CATALOGUE: SEED_DIR,
  };
  return new Promise((resolve, reject) => {
    if (!file) return reject(new Error('no command'));
    const child = spawn(file, args, { env, stdio: 'ignore' });
    child.once('error', reject);
    child.once('close', resolve);
  });
}

async function step(out: string, name: string): Promise<Step> {
  const [code, stdout, stderr] = await Promise.all(
    ['code', 'out', 'err'].map((suffix) => readFile(join(out, `${name}.${suffix}`), 'utf8')),
  );
  return { code: Number(code), stdout: stdout ?? '', stderr: stderr ?? '' };
}

const found = await findSmallDisk();
if ('reason' in found)
  console.warn(`SKIPPED: a data directory on a full disk (no small disk here: ${found.reason})`);

describe.skipIf('reason' in found)(
  'an embedded data directory on a disk that fills up during an import',
  () => {
    let root: string;
    let out: string;
    let disk: string;
    beforeAll(async () => {
      if (!('smallDisk' in found)) return;
      root = await mkdtemp(join(tmpdir(), 'toolrisk-full-disk-'));
      out = join(root, 'out');
      disk = join(root, 'disk');
      await Promise.all([mkdir(out), mkdir(disk)]);
      expect(await runOnSmallDisk(found.smallDisk, disk, out)).toBe(0);
    }, 600_000); // five processes one after another, two importing the shipped catalogue, on a loaded machine
    afterAll(async () => {
      if (root) await rm(root, { recursive: true, force: true });
    });

    it('fails with DATA_DIR_FULL naming the directory, exit 4, and no SQL or stack trace', async () => {
      for (const name of ['key', 'small']) expect(await step(out, name)).toMatchObject({ code: 0 });
      const full = await step(out, 'full');
      expect(full.code).toBe(4);
      expect(full.stderr).toMatch(
        new RegExp(
          `^DATA_DIR_FULL: the disk holding ${join(disk, 'db')} is full \\(.*No space left on device\\)`,
        ),
      );
      expect(full.stderr).not.toMatch(/Failed query|insert into|INTERNAL_ERROR|\n\s+at /i);
    });

    it('keeps what was stored before whole: the key and the first server with every one of its tools', async () => {
      const expectedTools = (
        JSON.parse(await readFile(join(SEED_DIR, SMALL_FILE), 'utf8')) as { tools: unknown[] }
      ).tools.length;
      const reopened = await step(out, 'reopened');
      expect(reopened.code).toBe(0);
      expect(reopened.stdout).toMatch(/\bbefore\b.*\bactive\b/);
      const dataDir = join(out, 'after-full');
      // Servers the import stored before the disk filled are whole too; none is half-written.
      const { servers } = await expectNoHalfWrittenServer(dataDir);
      expect(servers).toBeGreaterThanOrEqual(1);
      const handle = await createDb({ dataDir });
      try {
        const keys = await handle.db.select({ name: apiKeys.name }).from(apiKeys);
        expect(keys).toEqual([{ name: 'before' }]);
        const current = await handle.db
          .select({ name: tools.name })
          .from(tools)
          .where(and(eq(tools.serverId, 'azure-mcp'), isNull(tools.removedAt)));
        expect(current.length).toBe(expectedTools);
      } finally {
        await handle.close();
      }
    });

    it('once space is freed, the same import completes on the same directory', async () => {
      const files = (await readdir(SEED_DIR)).filter((name) => name.endsWith('.json'));
      const again = await step(out, 'again');
      expect({ code: again.code, stderr: again.stderr }).toMatchObject({ code: 0 });
      expect(again.stdout).toContain(`imported ${files.length} of ${files.length} files`);
    });
  },
);
