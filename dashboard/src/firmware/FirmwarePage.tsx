import { useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { may } from '../auth/roles';
import { useSession } from '../auth/useSession';
import { DataTable } from '../common/DataTable';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatTime } from '../common/format';
import { useLiveEvents } from '../live/useLiveEvents';
import { CampaignDevices } from './CampaignDevices';
import { CampaignForm, UploadForm } from './FirmwareForms';
import { type Campaign, campaignActions, type FirmwareImage, UPDATE_STATES, useCampaignAction, useCampaigns, useFirmwareCatalogue } from './useFirmware';

const image = createColumnHelper<FirmwareImage>();
const CATALOGUE_COLUMNS = [
  image.accessor('model', { header: 'Model' }),
  image.accessor('version', { header: 'Version' }),
  image.accessor('sequence', { header: 'Sequence' }),
  image.accessor('size', { header: 'Bytes', cell: (i) => i.getValue().toLocaleString() }),
  image.accessor('sha256', { header: 'SHA-256', cell: (i) => <code title={i.getValue()}>{i.getValue().slice(0, 16)}…</code> }),
  image.accessor('publishedBy', { header: 'Published by' }),
  image.accessor('publishedAt', { header: 'Published', cell: (i) => formatTime(i.getValue()) }),
  image.accessor('revokedAt', {
    header: 'Revoked',
    cell: ({ row: { original: r } }) => (r.revokedAt ? `${formatTime(r.revokedAt)} (${r.revocationReason ?? 'no reason'})` : 'no'),
  }),
];

/** `UPDATED 3 · FAILED 1 · QUEUED 16`: the non-zero counts of a campaign's device states, in state order. */
export function describeCounts(counts: Campaign['counts']): string {
  const parts = UPDATE_STATES.filter((s) => (counts[s] ?? 0) > 0).map((s) => `${s} ${counts[s]}`);
  return parts.length ? parts.join(' · ') : 'no devices';
}

/**
 * Firmware: the signed catalogue (admins upload an image with its manifest), the rollout campaigns with their state
 * counts (operators start, pause, resume and cancel them), and one campaign's devices, their update states moving live
 * from the `firmware` events on `/ws/events`.
 */
export function FirmwarePage() {
  const role = useSession()?.user.role;
  const catalogue = useFirmwareCatalogue();
  const [selected, setSelected] = useState<string>();
  const queryClient = useQueryClient();
  const reload = () => void queryClient.invalidateQueries({ queryKey: ['campaigns'] });
  useLiveEvents(reload, { types: ['firmware'] }, reload);
  return (
    <section aria-labelledby="firmware-title">
      <h1 id="firmware-title">Firmware</h1>
      <h2>Catalogue</h2>
      {may(role, 'firmware.publish') && <UploadForm />}
      {catalogue.error && <ErrorNotice error={catalogue.error} title="The catalogue could not be loaded" />}
      <DataTable
        label="Firmware catalogue"
        rows={catalogue.data ?? []}
        columns={CATALOGUE_COLUMNS}
        rowKey={(r) => `${r.model}@${r.version}`}
        empty="No firmware published yet."
      />
      <h2>Campaigns</h2>
      {may(role, 'campaigns.run') && <CampaignForm catalogue={catalogue.data ?? []} />}
      <CampaignList operator={may(role, 'campaigns.run')} onShow={setSelected} />
      {selected && <CampaignDevices campaignId={selected} />}
    </section>
  );
}

const campaign = createColumnHelper<Campaign>();

function CampaignList(props: { operator: boolean; onShow: (campaignId: string) => void }) {
  const campaigns = useCampaigns();
  const action = useCampaignAction();
  const columns = [
    campaign.accessor('campaignId', { header: 'Campaign' }),
    campaign.accessor((c) => `${c.model} ${c.version}`, { id: 'firmware', header: 'Firmware' }),
    campaign.accessor('state', {
      header: 'State',
      cell: ({ row: { original: c } }) => (c.endReason ? `${c.state} (${c.endReason})` : c.state),
    }),
    campaign.accessor('stage', { header: 'Stage' }),
    campaign.accessor((c) => describeCounts(c.counts), { id: 'devices', header: 'Devices' }),
    campaign.accessor('createdBy', { header: 'Started by' }),
    campaign.accessor('createdAt', { header: 'Started', cell: (i) => formatTime(i.getValue()) }),
    campaign.display({
      id: 'actions',
      header: 'Actions',
      cell: ({ row: { original: c } }) => (
        <span className="lifecycle">
          <button type="button" onClick={() => props.onShow(c.campaignId)}>
            Devices of {c.campaignId}
          </button>
          {props.operator &&
            campaignActions(c.state).map((a) => (
              <button key={a} type="button" disabled={action.isPending} onClick={() => action.mutate({ campaignId: c.campaignId, action: a })}>
                {a[0]!.toUpperCase() + a.slice(1)} {c.campaignId}
              </button>
            ))}
        </span>
      ),
    }),
  ];
  return (
    <>
      {campaigns.error && <ErrorNotice error={campaigns.error} title="Campaigns could not be loaded" />}
      {action.error && <ErrorNotice error={action.error} title="The campaign was not changed" />}
      <DataTable label="Campaigns" rows={campaigns.data ?? []} columns={columns} rowKey={(c) => c.campaignId} empty="No campaigns yet." />
    </>
  );
}
