"""Near-duplicate fingerprints: MinHash signatures and LSH bands (datasketch's MinHash)."""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

from common.text import skeleton

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
MIN_WORDS = 6
SIMILAR = 0.6  # estimated Jaccard similarity at which two texts are copies
_SEED = 7
_URL = re.compile(r"(?:https?://|www\.)\S+|\b\S+\.(?:com|net|org|io|ly|me|gg)\S*", re.I)
_NUMBER = re.compile(r"\d[\d,.]*")
_WORD = re.compile(r"\w+")
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=_SEED)
_PERMUTATIONS, _SCHEME = _TEMPLATE.permutations, _TEMPLATE.scheme


def signature(text: str) -> list[int] | None:
    """Return the MinHash signature of a text, or None when it is too short to compare.

    Texts are folded (`skeleton`), numbers and links are replaced by placeholders so that "$1,100
    weekly" and "$1,200 weekly" look the same, and the word 3-shingles are hashed into a 64-value
    MinHash. Sixteen bands of four values each are hashed into 64-bit integers: two texts whose
    Jaccard similarity is around 0.5 or more share at least one band with high probability, so
    candidate copies are found by indexed equality lookups whose cost does not grow with history.
    """
    folded = _NUMBER.sub("0", _URL.sub(" url ", skeleton(text)))
    words = _WORD.findall(folded)
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[i : i + 3]).encode("utf-8") for i in range(len(words) - 2)}
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=_PERMUTATIONS, scheme=_SCHEME)
    minhash.update_batch(list(shingles))
    return [int(value) for value in minhash.hashvalues]


def bands(sig: list[int]) -> list[int]:
    """Return the signature's band hashes as signed 64-bit integers (for a BigIntegerField)."""
    hashed = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS]
        digest = hashlib.blake2b(repr((band, chunk)).encode(), digest_size=8).digest()
        hashed.append(int.from_bytes(digest, "big", signed=True))
    return hashed


def similarity(first: list[int], second: list[int]) -> float:
    """Return the estimated Jaccard similarity of two signatures."""
    return float(np.mean(np.asarray(first) == np.asarray(second)))
