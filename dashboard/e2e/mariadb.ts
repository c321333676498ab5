/**
 * Changes stored telemetry behind the gateway's back, as an attacker with database access would: the embedded MariaDB's
 * own client, its port from the gateway's log and the account from mariadb-credentials.properties (gateway-api
 * README, "Recomputing a whole window").
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { properties } from './global-setup';

/** Sets one reading's value text in the `telemetry` table. */
export function alterReading(dataDir: string, readingId: number, valueText: string): void {
  const base = join(tmpdir(), 'biotdm-mariadb');
  const version = readdirSync(base).find((d) => /^mariadb-.*-linux$/.test(d))!;
  const log = readFileSync(join(dataDir, 'logs/gateway.log'), 'utf8');
  const port = [...log.matchAll(/Embedded MariaDB listening on 127\.0\.0\.1:(\d+)/g)].at(-1)![1]!;
  const account = properties(readFileSync(join(dataDir, 'gateway/mariadb-credentials.properties'), 'utf8'));
  execFileSync(
    join(base, version, 'bin/mariadb'),
    ['-h', '127.0.0.1', '-P', port, '-u', account.user!, 'biotdm', '-e',
      `UPDATE telemetry SET value_text = '${valueText.replace(/'/g, "''")}' WHERE id = ${Math.trunc(readingId)}`],
    { env: { ...process.env, MYSQL_PWD: account.password }, stdio: ['ignore', 'inherit', 'inherit'] },
  );
}
