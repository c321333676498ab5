import { useQuery } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../api/client';

export type Block = Schemas['BlockSummary'];
export type Transaction = Schemas['TransactionSummary'];

/** The ledger records whose history the audit screen reads (AuditOperations). */
export const HISTORY_KINDS = ['device', 'grant', 'command'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** A record's ledger history, newest first, each version with its transaction and writer. */
export function useHistory(kind: HistoryKind, id: string) {
  return useQuery({
    queryKey: ['audit', kind, id],
    enabled: id !== '',
    queryFn: ({ signal }) => {
      switch (kind) {
        case 'device':
          return unwrap(api.GET('/api/v1/audit/devices/{deviceId}', { params: { path: { deviceId: id } }, signal }));
        case 'grant':
          return unwrap(api.GET('/api/v1/audit/grants/{grantId}', { params: { path: { grantId: id } }, signal }));
        case 'command':
          return unwrap(api.GET('/api/v1/audit/commands/{commandId}', { params: { path: { commandId: id } }, signal }));
      }
    },
  });
}

/** The channel's height and newest block hash (qscc GetChainInfo). */
export function useChain() {
  return useQuery({ queryKey: ['audit', 'chain'], queryFn: ({ signal }) => unwrap(api.GET('/api/v1/audit/chain', { signal })) });
}

/** One block, decoded (qscc GetBlockByNumber). */
export function useBlock(blockNumber: number | undefined) {
  return useQuery({
    queryKey: ['audit', 'block', blockNumber],
    enabled: blockNumber !== undefined,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/audit/blocks/{blockNumber}', { params: { path: { blockNumber: blockNumber! } }, signal })),
    staleTime: Infinity,
  });
}

/** One transaction and its validation code (qscc GetTransactionByID). */
export function useTransaction(txId: string) {
  return useQuery({
    queryKey: ['audit', 'tx', txId],
    enabled: txId !== '',
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/audit/transactions/{txId}', { params: { path: { txId } }, signal })),
    staleTime: Infinity,
  });
}
