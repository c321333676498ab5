import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../api/client';
import { checkProof, encodeLeaf, leafHash } from './merkle';

export type WindowVerification = Schemas['WindowVerification'];
export type ReadingProof = Schemas['ReadingProofResponse'];

/** What the auditor asked to verify: a device (or all it may read) over a time range (ISO-8601). */
export interface VerifyRequest {
  device: string;
  from: string;
  to: string;
  /** When it was asked (epoch ms): asking the same range again asks the ledger again. */
  askedAt: number;
}

/** Verifies each anchored window of the range against its root on the ledger (`GET /api/v1/verify`). */
export function useVerification(request: VerifyRequest | undefined) {
  return useQuery({
    queryKey: ['verify', request],
    enabled: request !== undefined,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/verify', {
          params: { query: { device: request!.device || undefined, from: request!.from, to: request!.to } },
          signal,
        }),
      ),
    // A verification is a moment's judgement: kept while shown, never reused for a later question.
    staleTime: Infinity,
    gcTime: 0,
  });
}

/** A window's readings in leaf order, 500 a page (`GET /api/v1/windows/{windowId}/readings`). */
export function useWindowReadings(windowId: string) {
  return useInfiniteQuery({
    queryKey: ['window', windowId],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/windows/{windowId}/readings', {
          params: { path: { windowId }, query: { after: pageParam, limit: 500 } },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.nextAfter ?? undefined,
    // Read afresh each time the window is opened: the point is to see what the database holds now.
    gcTime: 0,
  });
}

/** The browser's own judgement of a proof: each check it made and whether all passed. */
export interface ProofCheck {
  /** The leaf text the browser encoded from the reading, when the gateway gave the reading. */
  leaf?: string;
  /** Whether that leaf hashes to the proof's leaf hash (absent without the reading). */
  leafMatches?: boolean;
  /** Null when the path folds to the root, otherwise why it does not. */
  pathProblem: string | null;
  /** Whether the proof's root is the window's root read from the ledger (absent when that root is not known). */
  rootOnLedger?: boolean;
  valid: boolean;
}

/**
 * Checks a reading's proof in the browser, trusting neither the gateway's `verified` nor its leaf hash: encodes the
 * leaf from the reading's fields, hashes it, folds the path and compares with the root the ledger holds.
 *
 * @param ledgerRoot the window's root as read from the ledger (the verification's `onChainRoot`), when known
 */
export async function checkReadingProof(proof: ReadingProof, ledgerRoot?: string | null): Promise<ProofCheck> {
  const leaf = proof.reading ? encodeLeaf(proof.reading) : undefined;
  const leafMatches = leaf === undefined ? undefined : (await leafHash(leaf)) === proof.leafHash;
  const pathProblem = await checkProof({
    leafHash: proof.leafHash,
    leafIndex: proof.leafIndex,
    leafCount: proof.leafCount,
    steps: proof.proof,
    root: proof.root,
  });
  const rootOnLedger = ledgerRoot ? ledgerRoot === proof.root : undefined;
  return {
    leaf,
    leafMatches,
    pathProblem,
    rootOnLedger,
    valid: leafMatches !== false && pathProblem === null && rootOnLedger !== false,
  };
}

/** A reading's proof and the browser's check of it. */
export function useReadingProof(readingId: number, ledgerRoot?: string | null) {
  return useQuery({
    queryKey: ['proof', readingId, ledgerRoot],
    queryFn: async ({ signal }) => {
      const proof = await unwrap(api.GET('/api/v1/readings/{id}/proof', { params: { path: { id: readingId } }, signal }));
      return { proof, check: await checkReadingProof(proof, ledgerRoot) };
    },
    gcTime: 0,
  });
}
