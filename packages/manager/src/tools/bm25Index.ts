/** A document's words with how much each counts: a word in a heavier field (a name) counts more. */
export type WeightedTerms = ReadonlyMap<string, number>;

/** BM25's saturation and length normalisation, the usual values. */
const K1 = 1.2;
const B = 0.75;
/** A query word that only starts an indexed word ("compress" in "compression") counts this much. */
const PREFIX_WEIGHT = 0.5;
/** Query words at least this long also match the indexed words they start. */
const MIN_PREFIX = 4;

interface Posting {
  /** Document id → weighted term frequency. */
  readonly docs: Map<number, number>;
}

/**
 * An inverted index ranked by Okapi BM25 with field weights folded into term frequencies (BM25F, simplified).
 * Adding or removing a document touches only that document's terms, so a change of one server's tools costs
 * what that server has, not the fleet. Search adds up each matching document's score in a flat array and keeps
 * the best `limit` in a small heap: no full sort of the matches.
 */
export class Bm25Index {
  private readonly postings = new Map<string, Posting>();
  /** Per document id: the document's terms (to remove it) and its weighted length; undefined once removed. */
  private terms: (WeightedTerms | undefined)[] = [];
  private lengths: number[] = [];
  private readonly free: number[] = [];
  private totalLength = 0;
  private count = 0;
  private scores = new Float64Array(0);

  get size(): number {
    return this.count;
  }

  /** Adds a document; returns its id. */
  add(terms: WeightedTerms): number {
    const docId = this.free.pop() ?? this.terms.length;
    let length = 0;
    for (const [term, weight] of terms) {
      length += weight;
      let posting = this.postings.get(term);
      if (!posting) {
        posting = { docs: new Map() };
        this.postings.set(term, posting);
      }
      posting.docs.set(docId, weight);
    }
    this.terms[docId] = terms;
    this.lengths[docId] = length;
    this.totalLength += length;
    this.count++;
    return docId;
  }

  remove(docId: number): void {
    const terms = this.terms[docId];
    if (!terms) return;
    for (const term of terms.keys()) {
      const posting = this.postings.get(term);
      posting?.docs.delete(docId);
      if (posting?.docs.size === 0) this.postings.delete(term);
    }
    this.terms[docId] = undefined;
    this.totalLength -= this.lengths[docId] ?? 0;
    this.count--;
    this.free.push(docId);
  }

  /** The best `limit` document ids for the query words, best first; ties go to the lower id. */
  search(words: readonly string[], limit: number): { docId: number; score: number }[] {
    if (this.count === 0 || limit <= 0) return [];
    if (this.scores.length < this.terms.length) this.scores = new Float64Array(this.terms.length * 2);
    const scores = this.scores;
    const touched: number[] = [];
    const average = this.totalLength / this.count;
    for (const [posting, weight] of this.matching(words)) {
      const df = posting.docs.size;
      const idf = Math.log(1 + (this.count - df + 0.5) / (df + 0.5)) * weight;
      for (const [docId, tf] of posting.docs) {
        const norm = K1 * (1 - B + (B * (this.lengths[docId] ?? 0)) / average);
        if (scores[docId] === 0) touched.push(docId);
        scores[docId] = (scores[docId] ?? 0) + (idf * tf * (K1 + 1)) / (tf + norm);
      }
    }
    const best = topK(touched, scores, limit);
    for (const docId of touched) scores[docId] = 0;
    return best;
  }

  /** The postings a query reaches, each with its weight: its own words, and the longer words they start. */
  private matching(words: readonly string[]): Map<Posting, number> {
    const reached = new Map<Posting, number>();
    const reach = (posting: Posting | undefined, weight: number) => {
      if (posting && (reached.get(posting) ?? 0) < weight) reached.set(posting, weight);
    };
    for (const word of new Set(words)) {
      reach(this.postings.get(word), 1);
      if (word.length < MIN_PREFIX) continue;
      for (const [term, posting] of this.postings)
        if (term.length > word.length && term.startsWith(word)) reach(posting, PREFIX_WEIGHT);
    }
    return reached;
  }
}

/** The `k` highest-scoring document ids, best first (ties: lower id first), with a min-heap of size k. */
function topK(
  docIds: readonly number[],
  scores: Float64Array,
  k: number,
): { docId: number; score: number }[] {
  const heap: number[] = [];
  // a ranks below b: a lower score, or the same score and a higher id.
  const below = (a: number, b: number) =>
    (scores[a] as number) < (scores[b] as number) || (scores[a] === scores[b] && a > b);
  const swap = (i: number, j: number) => {
    const t = heap[i] as number;
    heap[i] = heap[j] as number;
    heap[j] = t;
  };
  const down = (start: number) => {
    for (let i = start; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && below(heap[l] as number, heap[m] as number)) m = l;
      if (r < heap.length && below(heap[r] as number, heap[m] as number)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (const docId of docIds) {
    if (heap.length < k) {
      heap.push(docId);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!below(heap[i] as number, heap[parent] as number)) break;
        swap(i, parent);
        i = parent;
      }
    } else if (below(heap[0] as number, docId)) {
      heap[0] = docId;
      down(0);
    }
  }
  return heap
    .sort((a, b) => (below(a, b) ? 1 : below(b, a) ? -1 : 0))
    .map((docId) => ({ docId, score: scores[docId] as number }));
}
