import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../api/client';
import type { LiveEvent } from '../live/live';

export type FirmwareImage = Schemas['FirmwareImageRow'];
export type Campaign = Schemas['CampaignResponse'];
export type CampaignDevice = Schemas['CampaignDeviceRow'];
export type CampaignRequest = Schemas['CreateCampaignRequest'];
export type CampaignAction = 'pause' | 'resume' | 'cancel';

/** A device update's states in their order (docs/ota.md, ThingsBoard's OTA states). */
export const UPDATE_STATES = ['QUEUED', 'NOTIFIED', 'DOWNLOADING', 'DOWNLOADED', 'VERIFIED', 'UPDATING', 'UPDATED', 'FAILED'] as const;

/** The devices of a campaign shown at once (`GET …/campaigns/{id}/devices?limit=`; the gateway's maximum is 1000). */
export const CAMPAIGN_DEVICE_PAGE = 500;

/** The firmware catalogue, newest first (`GET /api/v1/firmware`). */
export function useFirmwareCatalogue() {
  return useQuery({
    queryKey: ['firmware'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/firmware', { params: { query: { limit: 200 } }, signal })),
  });
}

/**
 * The manifest as the `Firmware-Manifest` header carries it: its UTF-8 bytes in standard base64 (RFC 4648 §4), as
 * `base64 -w0 manifest.json` gives it in docs/ota.md.
 */
export function manifestHeader(manifestJson: string): string {
  const bytes = new TextEncoder().encode(manifestJson);
  let binary = '';
  bytes.forEach((b) => (binary += String.fromCharCode(b)));
  return btoa(binary);
}

/** Uploads an image with its signed manifest for `model` (admins of the manufacturer); the gateway checks both. */
export function useUploadFirmware() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ model, image, manifest }: { model: string; image: Blob; manifest: string }) =>
      unwrap(
        api.POST('/api/v1/firmware', {
          params: { query: { model }, header: { 'Firmware-Manifest': manifestHeader(manifest) } },
          headers: { 'Content-Type': 'application/octet-stream' },
          body: image as unknown as string,
          bodySerializer: (body) => body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['firmware'] }),
  });
}

/** The campaigns the person may see, newest first. */
export function useCampaigns() {
  return useQuery({
    queryKey: ['campaigns'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/firmware/campaigns', { params: { query: { limit: 100 } }, signal })),
  });
}

/** The first devices of one campaign with each one's update state, in campaign order. */
export function useCampaignDevices(campaignId: string | undefined) {
  return useQuery({
    queryKey: ['campaign-devices', campaignId],
    enabled: campaignId !== undefined,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/firmware/campaigns/{campaignId}/devices', {
          params: { path: { campaignId: campaignId! }, query: { limit: CAMPAIGN_DEVICE_PAGE } },
          signal,
        }),
      ),
  });
}

/** Starts a campaign (operators; their grants must cover `firmware-update` on each device). */
export function useCreateCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (campaign: CampaignRequest) => unwrap(api.POST('/api/v1/firmware/campaigns', { body: campaign })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['campaigns'] }),
  });
}

/** Pauses, resumes or cancels a campaign (operators). */
export function useCampaignAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ campaignId, action }: { campaignId: string; action: CampaignAction }) =>
      unwrap(api.POST(`/api/v1/firmware/campaigns/{campaignId}/${action}`, { params: { path: { campaignId } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['campaigns'] }),
  });
}

/**
 * A campaign's device rows after one `firmware` live event (protocol/websocket.md: `campaignId`, `state`, `reason`?
 * in `data`): the named device's row takes the new state; rows of other devices or campaigns stay as they are.
 */
export function applyFirmwareEvent(rows: CampaignDevice[], event: LiveEvent): CampaignDevice[] {
  const data = event.data as { campaignId?: unknown; state?: unknown; reason?: unknown };
  if (event.type !== 'firmware' || typeof data.state !== 'string') {
    return rows;
  }
  return rows.map((row) =>
    row.deviceId === event.deviceId && row.campaignId === data.campaignId
      ? {
          ...row,
          state: data.state as CampaignDevice['state'],
          reason: typeof data.reason === 'string' ? data.reason : null,
          updatedAt: event.timestamp,
        }
      : row,
  );
}

/** Which of pause, resume and cancel a campaign in `state` accepts (CampaignState). */
export function campaignActions(state: Campaign['state']): CampaignAction[] {
  if (state === 'RUNNING') {
    return ['pause', 'cancel'];
  }
  return state === 'PAUSED' ? ['resume', 'cancel'] : [];
}
