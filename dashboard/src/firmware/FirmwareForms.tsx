import { type FormEvent, useState } from 'react';
import { ErrorNotice } from '../common/ErrorNotice';
import { type CampaignRequest, type FirmwareImage, useCreateCampaign, useUploadFirmware } from './useFirmware';

/**
 * Uploads a firmware image with its signed `biotdm-firmware-manifest-v1` manifest (protocol/firmware-manifest-v1.md)
 * for a model of the admin's organisation. The files stay picked when the gateway refuses them.
 */
export function UploadForm() {
  const [model, setModel] = useState('');
  const [image, setImage] = useState<File>();
  const [manifest, setManifest] = useState<File>();
  const [missing, setMissing] = useState(false);
  const upload = useUploadFirmware();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMissing(!image || !manifest);
    if (image && manifest) {
      upload.mutate({ model, image, manifest: await manifest.text() });
    }
  }

  return (
    <form className="command-form" onSubmit={(e) => void submit(e)} aria-label="Upload firmware">
      <label>
        Model
        <input required value={model} onChange={(e) => setModel(e.target.value)} placeholder="Org1MSP/env-sensor" />
      </label>
      <label>
        Image
        <input type="file" onChange={(e) => setImage(e.target.files?.[0])} />
      </label>
      <label>
        Signed manifest (JSON)
        <input type="file" accept="application/json,.json" onChange={(e) => setManifest(e.target.files?.[0])} />
      </label>
      <button type="submit" disabled={upload.isPending}>
        Upload
      </button>
      {upload.data && (
        <p role="status">
          Published {upload.data.model} {upload.data.version} (sequence {upload.data.sequence}).
        </p>
      )}
      {missing && <p role="alert">Pick both the image and its signed manifest.</p>}
      {upload.error && <ErrorNotice error={upload.error} title="The firmware was not published" />}
    </form>
  );
}

const TARGETS = ['GROUP', 'MODEL', 'DEVICES'] as const;
const NEW_CAMPAIGN = {
  campaignId: '', firmware: '', target: 'GROUP', group: '', deviceIds: '', ratePerMinute: '60', firstStagePercent: '10',
  abortThresholdPercent: '5', abortMinDevices: '5',
};

/** The campaign request a form's values make: `firmware` is `model@version`, devices are separated by commas or spaces. */
export function campaignRequest(draft: typeof NEW_CAMPAIGN): CampaignRequest {
  const at = draft.firmware.lastIndexOf('@');
  return {
    campaignId: draft.campaignId,
    model: draft.firmware.slice(0, at),
    version: draft.firmware.slice(at + 1),
    target: draft.target,
    group: draft.target === 'GROUP' ? draft.group : undefined,
    deviceIds: draft.target === 'DEVICES' ? draft.deviceIds.split(/[\s,]+/).filter(Boolean) : undefined,
    ratePerMinute: Number(draft.ratePerMinute),
    firstStagePercent: Number(draft.firstStagePercent),
    abortThresholdPercent: Number(draft.abortThresholdPercent),
    abortMinDevices: Number(draft.abortMinDevices),
  };
}

/** Starts a staged, rate-limited campaign of a published, unrevoked version (operators). */
export function CampaignForm({ catalogue }: { catalogue: FirmwareImage[] }) {
  const [draft, setDraft] = useState(NEW_CAMPAIGN);
  const create = useCreateCampaign();
  const set = (key: keyof typeof NEW_CAMPAIGN) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });
  const usable = catalogue.filter((f) => !f.revokedAt);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(campaignRequest(draft), { onSuccess: () => setDraft(NEW_CAMPAIGN) });
  }

  return (
    <form className="command-form" onSubmit={submit} aria-label="Start a campaign">
      <label>
        Campaign ID
        <input required value={draft.campaignId} onChange={set('campaignId')} />
      </label>
      <label>
        Firmware
        <select required value={draft.firmware} onChange={set('firmware')}>
          <option value="">choose…</option>
          {usable.map((f) => (
            <option key={`${f.model}@${f.version}`} value={`${f.model}@${f.version}`}>
              {f.model} {f.version}
            </option>
          ))}
        </select>
      </label>
      <label>
        Target
        <select value={draft.target} onChange={set('target')}>
          {TARGETS.map((t) => <option key={t}>{t}</option>)}
        </select>
      </label>
      {draft.target === 'GROUP' && (
        <label>
          Group
          <input required value={draft.group} onChange={set('group')} />
        </label>
      )}
      {draft.target === 'DEVICES' && (
        <label>
          Device IDs
          <input required value={draft.deviceIds} onChange={set('deviceIds')} />
        </label>
      )}
      <label>
        Devices per minute
        <input type="number" min={1} required value={draft.ratePerMinute} onChange={set('ratePerMinute')} />
      </label>
      <label>
        First stage (%)
        <input type="number" min={1} max={100} required value={draft.firstStagePercent} onChange={set('firstStagePercent')} />
      </label>
      <label>
        Abort above failures (%)
        <input type="number" min={0} max={100} required value={draft.abortThresholdPercent} onChange={set('abortThresholdPercent')} />
      </label>
      <label>
        Abort after finished devices
        <input type="number" min={1} required value={draft.abortMinDevices} onChange={set('abortMinDevices')} />
      </label>
      <button type="submit" disabled={create.isPending}>
        Start campaign
      </button>
      {create.error && <ErrorNotice error={create.error} title="The campaign was not started" />}
    </form>
  );
}
