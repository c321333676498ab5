import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReadingProof, type ReadingProof } from './useVerify';

/** A proof as the gateway answers it, built from the shared vectors (5 leaves, leaf 1). */
function vectorProof(): ReadingProof {
  const v = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../protocol/vectors/leaf-v1.json'), 'utf8'));
  const tree = v.trees.find((t: { leaf_count: number }) => t.leaf_count === 5);
  const p = tree.proofs.find((q: { name: string }) => q.name === 'leaf 1');
  return {
    readingId: 41, reading: v.leaves[1].reading, leafHash: p.leaf_hash, leafIndex: p.leaf_index, leafCount: p.leaf_count,
    proof: p.steps, root: tree.root, hashScheme: 'biotdm-merkle-sha256-v1', windowId: 'Org1MSP-gw1-1', window: 1,
    startTime: 0, endTime: 10_000, transactionId: 'a'.repeat(64), blockNumber: 7, verified: true,
  };
}

describe('checkReadingProof', () => {
  it('accepts_a_reading_whose_leaf_and_path_reach_the_ledger_root', async () => {
    const proof = vectorProof();

    const check = await checkReadingProof(proof, proof.root);

    expect(check).toMatchObject({ leafMatches: true, pathProblem: null, rootOnLedger: true, valid: true });
    expect(check.leaf).toBe('biotdm-leaf-v1|6:mote-1|0|11:temperature|1700000000000|1:N|5:27.97|3:°C');
  });

  it('rejects_a_changed_value_whatever_the_gateway_says', async () => {
    const proof = vectorProof();

    const check = await checkReadingProof({ ...proof, reading: { ...proof.reading!, valueText: '27.98' } }, proof.root);

    expect(check.leafMatches).toBe(false);
    expect(check.valid).toBe(false);
  });

  it('rejects_a_proof_whose_root_is_not_the_one_on_the_ledger', async () => {
    const proof = vectorProof();

    const check = await checkReadingProof(proof, 'e'.repeat(64));

    expect(check).toMatchObject({ pathProblem: null, rootOnLedger: false, valid: false });
  });

  it('checks_the_path_of_a_withheld_reading_from_its_leaf_hash', async () => {
    const proof = vectorProof();

    const check = await checkReadingProof({ ...proof, reading: null, proof: proof.proof.slice(1) });

    expect(check.leafMatches).toBeUndefined();
    expect(check.pathProblem).toMatch(/sides/);
    expect(check.valid).toBe(false);
  });
});
