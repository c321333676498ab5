import { useMutation, useQueryClient } from '@tanstack/react-query';
import Papa from 'papaparse';
import { api, type Schemas, unwrap } from '../api/client';
import { randomToken, sha256Hex } from '../common/digest';

export type RegisterRequest = Schemas['RegisterDeviceRequest'];
export type BatchItem = Schemas['RegisterDevicesRequest.Item'];
export type BatchResult = Schemas['RegisterDevicesResponse.Item'];

/** The largest batch `POST /api/v1/devices:batch` takes (docs/onboarding.md). */
export const BATCH_SIZE = 500;
/** The most rows one import reads, so a wrong file cannot hold the page for ever. */
export const MAX_IMPORT_ROWS = 100_000;
/** The columns every CSV row needs; any other column becomes a metadata entry. */
export const REQUIRED_COLUMNS = ['deviceId', 'deviceType', 'model', 'firmwareVersion', 'group'] as const;

/** A device to import: the registration fields and the metadata from the CSV's other columns. */
export type ImportRow = Omit<BatchItem, 'claimTokenSha256'>;

/**
 * Reads a CSV file of devices (RFC 4180, first line the column names; Papa Parse): one device per line with the
 * {@link REQUIRED_COLUMNS}; other non-empty cells become metadata entries named after their column.
 *
 * @returns the rows, or the problems found (line numbers count the header as line 1); never both
 */
export function parseDeviceCsv(text: string): { rows: ImportRow[]; problems: string[] } {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
  const problems = parsed.errors.slice(0, 10).map((e) => `line ${(e.row ?? 0) + 2}: ${e.message}`);
  const columns = parsed.meta.fields ?? [];
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    problems.push(`missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  }
  if (parsed.data.length > MAX_IMPORT_ROWS) {
    problems.push(`${parsed.data.length} devices: one import takes at most ${MAX_IMPORT_ROWS}`);
  }
  if (parsed.data.length === 0) {
    problems.push('no devices: the file has no line after its column names');
  }
  if (problems.length > 0) {
    return { rows: [], problems };
  }
  return { rows: parsed.data.map(toRow), problems: [] };
}

function toRow(cells: Record<string, string>): ImportRow {
  const metadata = Object.fromEntries(
    Object.entries(cells).filter(
      ([column, value]) => !(REQUIRED_COLUMNS as readonly string[]).includes(column) && value !== '',
    ),
  );
  return {
    deviceId: cells.deviceId ?? '',
    deviceType: cells.deviceType ?? '',
    model: cells.model ?? '',
    firmwareVersion: cells.firmwareVersion ?? '',
    group: cells.group ?? '',
    metadata: Object.keys(metadata).length > 0 ? metadata : undefined,
  };
}

/** What an import did: every item's answer, and the claim tokens of the devices it registered (to hand out once). */
export interface ImportOutcome {
  results: BatchResult[];
  tokens: { deviceId: string; claimToken: string }[];
}

/**
 * Registers devices in batches of {@link BATCH_SIZE}: for each device a new claim token, of which only the SHA-256
 * leaves the browser (protocol/provisioning.md). Stops at the first batch the gateway refuses as a whole.
 *
 * @param onProgress called after each batch with the number of devices answered so far
 * @throws ApiError when a batch is refused whole (its results so far are lost with it; a re-run answers `EXISTS`
 *     only for a device registered with the same token, so the earlier batches' devices are then `REFUSED`)
 */
export async function importDevices(rows: ImportRow[], onProgress: (done: number) => void): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { results: [], tokens: [] };
  for (let start = 0; start < rows.length; start += BATCH_SIZE) {
    const chunk = rows.slice(start, start + BATCH_SIZE);
    const tokens = chunk.map(() => randomToken());
    const devices = await Promise.all(
      chunk.map(async (row, i) => ({ ...row, claimTokenSha256: await sha256Hex(tokens[i]!) })),
    );
    const answer = await unwrap(api.POST('/api/v1/devices:batch', { body: { devices } }));
    for (const item of answer.items) {
      outcome.results.push({ ...item, index: start + item.index });
      if (item.outcome === 'REGISTERED') {
        outcome.tokens.push({ deviceId: chunk[item.index]!.deviceId, claimToken: tokens[item.index]! });
      }
    }
    onProgress(Math.min(rows.length, start + BATCH_SIZE));
  }
  return outcome;
}

/** The claim tokens as CSV (`deviceId,claimToken`), the form `biotdm` and installers read. */
export function tokensCsv(tokens: ImportOutcome['tokens']): string {
  return Papa.unparse({ fields: ['deviceId', 'claimToken'], data: tokens.map((t) => [t.deviceId, t.claimToken]) }, { newline: '\n' }) + '\n';
}

/** Registers one device (admins); the answer carries its claim token, shown this once. */
export function useRegisterDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RegisterRequest) => unwrap(api.POST('/api/v1/devices', { body: request })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['devices'] }),
  });
}
