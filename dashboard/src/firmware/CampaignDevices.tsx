import { useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { DataTable } from '../common/DataTable';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatTime } from '../common/format';
import { useLiveEvents } from '../live/useLiveEvents';
import { applyFirmwareEvent, CAMPAIGN_DEVICE_PAGE, type CampaignDevice, useCampaignDevices } from './useFirmware';

const column = createColumnHelper<CampaignDevice>();
const COLUMNS = [
  column.accessor('position', { header: '#' }),
  column.accessor('deviceId', { header: 'Device' }),
  column.accessor('stage', { header: 'Stage' }),
  column.accessor('state', { header: 'State', cell: ({ row: { original: d } }) => (d.reason ? `${d.state} (${d.reason})` : d.state) }),
  column.accessor('updateTxId', { header: 'Update transaction', cell: (i) => (i.getValue() ? <code>{i.getValue()!.slice(0, 16)}…</code> : '—') }),
  column.accessor('updatedAt', { header: 'Changed', cell: (i) => formatTime(i.getValue()) }),
];

/**
 * One campaign's devices (the first CAMPAIGN_DEVICE_PAGE), each update state changed in place by the `firmware` live
 * events, and reloaded after the live connection came back (events are not replayed).
 */
export function CampaignDevices({ campaignId }: { campaignId: string }) {
  const devices = useCampaignDevices(campaignId);
  const queryClient = useQueryClient();
  const key = ['campaign-devices', campaignId];
  useLiveEvents(
    (event) => queryClient.setQueryData<CampaignDevice[]>(key, (rows) => rows && applyFirmwareEvent(rows, event)),
    { types: ['firmware'] },
    () => void queryClient.invalidateQueries({ queryKey: key }),
  );
  const rows = devices.data ?? [];
  return (
    <section aria-labelledby="campaign-devices-title">
      <h2 id="campaign-devices-title">Devices of campaign {campaignId}</h2>
      {devices.error && <ErrorNotice error={devices.error} title="The campaign's devices could not be loaded" />}
      {rows.length === CAMPAIGN_DEVICE_PAGE && <p className="muted">The first {CAMPAIGN_DEVICE_PAGE} devices.</p>}
      <DataTable label={`Device states in campaign ${campaignId}`} rows={rows} columns={COLUMNS} rowKey={(d) => d.deviceId} empty="No devices." />
    </section>
  );
}
