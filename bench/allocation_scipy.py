"""The scipy peers of bench/allocation_bench.cpp: the allocation expanded to
one column per place, solved by linear_sum_assignment (dense) and
min_weight_full_bipartite_matching (sparse). Prints one line per solver:
name seconds objective note. Run by allocation_bench; needs Debian's
python3-scipy (/usr/bin/python3)."""
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

DENSE_LIMIT_BYTES = 2 * 1024**3  # a dense float64 matrix larger than this is not attempted


def main(path):
    t = time.perf_counter()
    with open(path, "rb") as f:
        rows, cols, nnz = np.fromfile(f, dtype=np.int64, count=3)
        r = np.fromfile(f, dtype=np.int32, count=nnz)
        c = np.fromfile(f, dtype=np.int32, count=nnz)
        w = np.fromfile(f, dtype=np.int64, count=nnz)
    print(f"load {time.perf_counter() - t:.3f} -1", flush=True)

    # Costs shifted by +1 so that no edge weighs 0 (a sparse zero is a missing
    # edge); every row is matched once, so the shift is exactly `rows`.
    t = time.perf_counter()
    m = csr_matrix((w.astype(np.float64) + 1.0, (r, c)), shape=(rows, cols))
    ri, ci = min_weight_full_bipartite_matching(m)
    total = int(round(m[ri, ci].sum())) - int(rows)
    print(f"min_weight_full_bipartite_matching {time.perf_counter() - t:.3f} {total} sparse {rows}x{cols}, {nnz} edges", flush=True)

    dense_bytes = int(rows) * int(cols) * 8
    if dense_bytes > DENSE_LIMIT_BYTES:
        print(f"linear_sum_assignment -1 -1 not run: the dense {rows}x{cols} matrix needs {dense_bytes / 1024**3:.1f} GiB", flush=True)
        return
    t = time.perf_counter()
    big = float(w.max() + 1) * float(rows) + 1.0  # dearer than any full assignment: never chosen
    dense = np.full((rows, cols), big)
    dense[r, c] = w
    ri, ci = linear_sum_assignment(dense)
    total = int(round(dense[ri, ci].sum()))
    print(f"linear_sum_assignment {time.perf_counter() - t:.3f} {total} dense {rows}x{cols}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
