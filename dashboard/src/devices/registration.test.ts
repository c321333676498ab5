import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../common/digest';
import { json } from '../test/fixtures';
import { stubApi } from '../test/stubApi';
import { BATCH_SIZE, importDevices, parseDeviceCsv, tokensCsv } from './registration';

const HEADER = 'deviceId,deviceType,model,firmwareVersion,group';

describe('parseDeviceCsv', () => {
  it('reads_quoted_cells_and_turns_other_columns_into_metadata', () => {
    const { rows, problems } = parseDeviceCsv(`${HEADER},site\nm-1,sensor,"mote, v2",1.0.0,lab,"Room 4"\nm-2,sensor,mote,1.0.0,lab,\n`);

    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { deviceId: 'm-1', deviceType: 'sensor', model: 'mote, v2', firmwareVersion: '1.0.0', group: 'lab', metadata: { site: 'Room 4' } },
      { deviceId: 'm-2', deviceType: 'sensor', model: 'mote', firmwareVersion: '1.0.0', group: 'lab', metadata: undefined },
    ]);
  });

  it('names_the_missing_columns_and_imports_nothing', () => {
    const { rows, problems } = parseDeviceCsv('deviceId,model\nm-1,mote\n');

    expect(rows).toEqual([]);
    expect(problems).toEqual(['missing columns: deviceType, firmwareVersion, group']);
  });

  it('refuses_a_file_without_devices', () => {
    expect(parseDeviceCsv(`${HEADER}\n`).problems).toEqual(['no devices: the file has no line after its column names']);
  });
});

describe('importDevices', () => {
  it('sends_batches_of_500_with_only_token_hashes_and_keeps_the_tokens_of_registered_devices', async () => {
    const rows = Array.from({ length: BATCH_SIZE + 2 }, (_, i) => ({
      deviceId: `d-${i}`, deviceType: 'sensor', model: 'm', firmwareVersion: '1.0.0', group: 'g',
    }));
    const bodies: { devices: { deviceId: string; claimTokenSha256: string }[] }[] = [];
    stubApi({
      'POST /api/v1/devices:batch': async (request: Request) => {
        const body = (await request.json()) as (typeof bodies)[number];
        bodies.push(body);
        const items = body.devices.map((d, index) => ({
          index, deviceId: d.deviceId, outcome: d.deviceId === 'd-501' ? 'REFUSED' : 'REGISTERED',
          code: d.deviceId === 'd-501' ? 'DEVICE_EXISTS' : null,
        }));
        return json(200, { registered: 0, existing: 0, refused: 0, transactionId: 't', blockNumber: 1, items });
      },
    });
    const progress: number[] = [];

    const outcome = await importDevices(rows, (done) => progress.push(done));

    expect(bodies.map((b) => b.devices.length)).toEqual([500, 2]);
    expect(progress).toEqual([500, 502]);
    expect(outcome.results.find((r) => r.outcome === 'REFUSED')).toMatchObject({ index: 501, code: 'DEVICE_EXISTS' });
    expect(outcome.tokens).toHaveLength(501);
    const sentHash = bodies[1]!.devices[0]!.claimTokenSha256;
    const token = outcome.tokens.find((t) => t.deviceId === 'd-500')!.claimToken;
    expect(sentHash).toBe(await sha256Hex(token));
    expect(JSON.stringify(bodies)).not.toContain(token);
  });
});

describe('tokensCsv', () => {
  it('writes_one_line_per_device_under_a_header', () => {
    expect(tokensCsv([{ deviceId: 'd-1', claimToken: 'abc' }])).toBe('deviceId,claimToken\nd-1,abc\n');
  });
});
