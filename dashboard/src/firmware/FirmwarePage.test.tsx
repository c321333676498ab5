import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sessions } from '../auth/session';
import { json, tokenFor } from '../test/fixtures';
import { renderAt } from '../test/render';
import { sent, stubApi } from '../test/stubApi';
import { describeCounts, FirmwarePage } from './FirmwarePage';
import { campaignRequest } from './FirmwareForms';
import { applyFirmwareEvent, type CampaignDevice, campaignActions, manifestHeader } from './useFirmware';

const image = {
  model: 'Org1MSP/env-sensor', version: '1.2.0', sequence: 3, size: 262_144, sha256: 'ab'.repeat(32), manifestJson: '{}',
  publishedBy: 'org1-admin', publishedAt: 1_764_000_000_000,
};
const campaign = {
  campaignId: 'c-1', model: image.model, version: image.version, state: 'RUNNING', stage: 1, ratePerMinute: 60,
  firstStagePercent: 10, abortThresholdPercent: 5, abortMinDevices: 5, deviceCount: 20, createdBy: 'org1-operator',
  createdAt: 1_764_000_000_000, counts: { QUEUED: 16, UPDATED: 3, FAILED: 1 },
};
const row = (deviceId: string, state: CampaignDevice['state']): CampaignDevice => ({
  campaignId: 'c-1', deviceId, ownerMsp: 'Org1MSP', position: 1, stage: 1, state, updatedAt: 1,
});
const event = (deviceId: string, data: Record<string, unknown>) => ({ type: 'firmware', deviceId, timestamp: 9, data });

describe('FirmwarePage', () => {
  it('moves_a_device_to_the_state_its_live_event_names_and_leaves_others', () => {
    const rows = [row('mote-1', 'NOTIFIED'), row('mote-2', 'NOTIFIED')];
    const after = applyFirmwareEvent(rows, event('mote-1', { campaignId: 'c-1', state: 'FAILED', reason: 'FIRMWARE_IMAGE_HASH_MISMATCH' }));
    expect(after[0]).toMatchObject({ state: 'FAILED', reason: 'FIRMWARE_IMAGE_HASH_MISMATCH', updatedAt: 9 });
    expect(after[1]).toBe(rows[1]);
    expect(applyFirmwareEvent(rows, event('mote-1', { campaignId: 'c-2', state: 'UPDATED' }))[0]!.state).toBe('NOTIFIED');
  });

  it('offers_only_the_actions_a_campaign_state_accepts', () => {
    expect(campaignActions('RUNNING')).toEqual(['pause', 'cancel']);
    expect(campaignActions('PAUSED')).toEqual(['resume', 'cancel']);
    expect(campaignActions('COMPLETED')).toEqual([]);
    expect(describeCounts(campaign.counts)).toBe('QUEUED 16 · UPDATED 3 · FAILED 1');
  });

  it('encodes_the_manifest_header_as_base64_of_its_utf8_bytes', () => {
    expect(atob(manifestHeader('{"note":"é"}'))).toBe('{"note":"\u00c3\u00a9"}');
  });

  it('builds_a_group_campaign_from_the_form_values', () => {
    const request = campaignRequest({
      campaignId: 'c-2', firmware: 'Org1MSP/env-sensor@1.2.0', target: 'GROUP', group: 'lab', deviceIds: 'x',
      ratePerMinute: '60', firstStagePercent: '10', abortThresholdPercent: '5', abortMinDevices: '5',
    });
    expect(request).toMatchObject({ model: 'Org1MSP/env-sensor', version: '1.2.0', group: 'lab', ratePerMinute: 60 });
    expect(request.deviceIds).toBeUndefined();
  });

  it('lets_an_operator_pause_a_running_campaign_and_see_its_devices', async () => {
    sessions.start(tokenFor('operator'));
    const fetch = stubApi({
      'GET /api/v1/firmware': [image],
      'GET /api/v1/firmware/campaigns': [campaign],
      'POST /api/v1/firmware/campaigns/c-1/pause': { ...campaign, state: 'PAUSED' },
      'GET /api/v1/firmware/campaigns/c-1/devices': [row('mote-1', 'UPDATED')],
    });
    renderAt('/firmware', [{ path: '/firmware', element: <FirmwarePage /> }]);
    await screen.findByText('QUEUED 16 · UPDATED 3 · FAILED 1');
    expect(screen.queryByRole('form', { name: 'Upload firmware' })).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Pause c-1' }));
    await userEvent.click(screen.getByRole('button', { name: 'Devices of c-1' }));

    const devices = await screen.findByRole('region', { name: 'Device states in campaign c-1' });
    expect(await within(devices).findByText('UPDATED')).toBeTruthy();
    expect(sent(fetch)).toContain('POST /api/v1/firmware/campaigns/c-1/pause');
  });

  it('uploads_an_image_with_its_manifest_in_the_header', async () => {
    sessions.start(tokenFor('admin'));
    const uploads: Request[] = [];
    stubApi({
      'GET /api/v1/firmware': [],
      'GET /api/v1/firmware/campaigns': [],
      'POST /api/v1/firmware': (r: Request) => (uploads.push(r), json(201, image)),
    });
    renderAt('/firmware', [{ path: '/firmware', element: <FirmwarePage /> }]);
    expect(screen.queryByRole('form', { name: 'Start a campaign' })).toBeNull();

    await userEvent.type(screen.getByLabelText('Model'), image.model);
    await userEvent.upload(screen.getByLabelText('Image'), new File([new Uint8Array([1, 2, 3])], 'image.bin'));
    // jsdom's File has no text(); browsers' has.
    const manifest = Object.assign(new File(['{"version":"1.2.0"}'], 'm.json', { type: 'application/json' }), {
      text: async () => '{"version":"1.2.0"}',
    });
    await userEvent.upload(screen.getByLabelText('Signed manifest (JSON)'), manifest);
    await userEvent.click(screen.getByRole('button', { name: 'Upload' }));

    expect((await screen.findByRole('status')).textContent).toContain('Published Org1MSP/env-sensor 1.2.0');
    expect(atob(uploads[0]!.headers.get('Firmware-Manifest')!)).toBe('{"version":"1.2.0"}');
    expect(new URL(uploads[0]!.url).searchParams.get('model')).toBe(image.model);
    expect(uploads[0]!.headers.get('Content-Type')).toBe('application/octet-stream');
  });
});
