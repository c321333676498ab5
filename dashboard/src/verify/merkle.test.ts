import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { toHex } from '../common/digest';
import { checkProof, encodeLeaf, expectedSides, type LeafReading, leafHash, merkleRoot } from './merkle';

/** The shared vectors every implementation reads (protocol/vectors/leaf-v1.json). */
interface Vectors {
  leaves: { reading: LeafReading; leaf: string; leaf_hex: string; leaf_hash: string }[];
  trees: {
    leaf_count: number;
    root: string;
    proofs: { name: string; leaf_hash: string; leaf_index: number; leaf_count: number; steps: { side: string; hash: string }[]; valid: boolean }[];
  }[];
}
const vectors = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../protocol/vectors/leaf-v1.json'), 'utf8'),
) as Vectors;

describe('biotdm-leaf-v1', () => {
  test.each(vectors.leaves.map((v) => [v.leaf, v]))('encodes %s as the vector does', async (_, vector) => {
    const leaf = encodeLeaf(vector.reading);
    expect(leaf).toBe(vector.leaf);
    expect(toHex(new TextEncoder().encode(leaf))).toBe(vector.leaf_hex);
    expect(await leafHash(leaf)).toBe(vector.leaf_hash);
  });

  test('no_unit_and_an_empty_unit_encode_differently', () => {
    const reading = vectors.leaves[0]!.reading;
    expect(encodeLeaf({ ...reading, unit: null })).toMatch(/\|-$/);
    expect(encodeLeaf({ ...reading, unit: '' })).toMatch(/\|0:$/);
  });
});

describe('biotdm-merkle-sha256-v1', () => {
  test.each(vectors.trees.map((t) => [t.leaf_count, t]))('the root of %i leaves is the vector root', async (count, tree) => {
    const hashes = vectors.leaves.slice(0, count).map((l) => l.leaf_hash);
    expect(await merkleRoot(hashes)).toBe(tree.root);
  });

  const proofs = vectors.trees.flatMap((t) => t.proofs.map((p) => [`${t.leaf_count} leaves, ${p.name}`, p, t.root] as const));
  test.each(proofs)('%s is judged as the vector says', async (_, p, root) => {
    const problem = await checkProof({ leafHash: p.leaf_hash, leafIndex: p.leaf_index, leafCount: p.leaf_count, steps: p.steps, root });
    expect(problem === null).toBe(p.valid);
  });

  test('sides_follow_the_position_and_skip_a_promoted_node', () => {
    expect(expectedSides(4, 5)).toEqual(['L']);
    expect(expectedSides(0, 1)).toEqual([]);
    expect(expectedSides(2, 3)).toEqual(['L']);
    expect(expectedSides(1, 8)).toEqual(['L', 'R', 'R']);
  });
});
