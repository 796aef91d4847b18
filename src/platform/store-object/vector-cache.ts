// The store's vectors held in memory as int8 for brute-force cosine search (the local VectorIndex).
import type { Sql } from "./sql";

/**
 * int8 with a per-vector scale keeps 100k chunks × 256 dims at ~26 MB, inside the 128 MB an isolate shares
 * with everything else; float32 would need 100 MB. Scores are exact to ~1% — candidates are re-ranked by fusion.
 */
export class VectorCache {
  private constructor(
    readonly chunkIds: Int32Array,
    readonly fileIds: string[],
    private readonly data: Int8Array,
    private readonly scales: Float32Array,
    readonly dimensions: number,
  ) {}

  get size(): number {
    return this.chunkIds.length;
  }

  /** Loads the vectors of completed files' current generation. */
  static load(sql: Sql): VectorCache {
    const rows = sql.all<{ chunk_id: number; file_id: string; embedding: ArrayBuffer }>(
      `SELECT v.chunk_id, v.file_id, v.embedding FROM vectors v
         JOIN chunks c ON c.chunk_id = v.chunk_id
         JOIN files f ON f.file_id = c.file_id AND f.generation = c.generation AND f.status = 'completed'`,
    );
    const dimensions = rows[0] ? rows[0].embedding.byteLength / 4 : 0;
    const chunkIds = new Int32Array(rows.length);
    const fileIds: string[] = new Array(rows.length);
    const data = new Int8Array(rows.length * dimensions);
    const scales = new Float32Array(rows.length);
    rows.forEach((r, i) => {
      const v = new Float32Array(r.embedding);
      let max = 0;
      for (let d = 0; d < dimensions; d++) max = Math.max(max, Math.abs(v[d]!));
      const scale = max > 0 ? max / 127 : 1;
      const base = i * dimensions;
      for (let d = 0; d < dimensions; d++) data[base + d] = Math.round(v[d]! / scale);
      scales[i] = scale;
      chunkIds[i] = r.chunk_id;
      fileIds[i] = r.file_id;
    });
    return new VectorCache(chunkIds, fileIds, data, scales, dimensions);
  }

  /** Top-k by dot product (vectors are L2-normalized, so this is cosine), optionally only for some files. */
  search(query: Float32Array, k: number, allowed: Set<string> | null): Array<{ chunkId: number; score: number }> {
    const dims = this.dimensions;
    if (this.size === 0 || query.length !== dims) return [];
    // Quantize the query too, so the inner loop multiplies small integers (V8 keeps them unboxed).
    let qmax = 0;
    for (let d = 0; d < dims; d++) qmax = Math.max(qmax, Math.abs(query[d]!));
    const qscale = qmax > 0 ? qmax / 127 : 1;
    const q = new Int32Array(dims);
    for (let d = 0; d < dims; d++) q[d] = Math.round(query[d]! / qscale);
    const unrolled = dims - (dims % 4);
    const heapScores = new Float32Array(k);
    const heapIdx = new Int32Array(k);
    let heapSize = 0;
    const data = this.data;
    const scales = this.scales;
    for (let i = 0; i < this.size; i++) {
      if (allowed && !allowed.has(this.fileIds[i]!)) continue;
      const base = i * dims;
      // Four independent sums: about twice as fast as one in V8 at 100k × 256 (measured), exact in integers.
      let a = 0;
      let b = 0;
      let c = 0;
      let e = 0;
      for (let d = 0; d < unrolled; d += 4) {
        a += q[d]! * data[base + d]!;
        b += q[d + 1]! * data[base + d + 1]!;
        c += q[d + 2]! * data[base + d + 2]!;
        e += q[d + 3]! * data[base + d + 3]!;
      }
      for (let d = unrolled; d < dims; d++) a += q[d]! * data[base + d]!;
      const score = (a + b + c + e) * scales[i]! * qscale;
      if (heapSize < k) {
        heapScores[heapSize] = score;
        heapIdx[heapSize] = i;
        heapSize++;
        siftUp(heapScores, heapIdx, heapSize - 1);
      } else if (score > heapScores[0]!) {
        heapScores[0] = score;
        heapIdx[0] = i;
        siftDown(heapScores, heapIdx, heapSize);
      }
    }
    const out: Array<{ chunkId: number; score: number }> = [];
    for (let i = 0; i < heapSize; i++) out.push({ chunkId: this.chunkIds[heapIdx[i]!]!, score: heapScores[i]! });
    return out.sort((a, b) => b.score - a.score || a.chunkId - b.chunkId);
  }
}

// A min-heap of the k best scores so far: O(n log k) instead of sorting every chunk.
function siftUp(s: Float32Array, idx: Int32Array, i: number): void {
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (s[p]! <= s[i]!) return;
    swap(s, idx, i, p);
    i = p;
  }
}

function siftDown(s: Float32Array, idx: Int32Array, n: number): void {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < n && s[l]! < s[m]!) m = l;
    if (r < n && s[r]! < s[m]!) m = r;
    if (m === i) return;
    swap(s, idx, i, m);
    i = m;
  }
}

function swap(s: Float32Array, idx: Int32Array, a: number, b: number): void {
  const ts = s[a]!;
  s[a] = s[b]!;
  s[b] = ts;
  const ti = idx[a]!;
  idx[a] = idx[b]!;
  idx[b] = ti;
}
