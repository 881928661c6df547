"""A deterministic, synthetic AMKG graph of a chosen size, with the shape of the real one.

The real dump (``dist/amkg.nq``, built by ``amkg build``) is copied ``n`` times: in copy ``k`` every instance
of a kind that grows with the data (hubs, observations, firms, firm cases, impacts, initiatives, programmes,
organisations, technologies of the SKOS tree, …) gets the IRI ``…/id/{kind}/{slug}-r{k}`` (values
``{owner}#…`` follow their owner), its labels get `` (r{k})`` appended, and every third copy also labels
them in German and French. Shared things — the ontology, the sources, places, units, indicators, sectors,
dimensions, schemes, datasets — stay one each, so the copies hang off the same classification and the
same named graphs, and every shape, page and competency question of the real graph applies. Statements
that name no copied instance would be exact duplicates and are written once. The data is *synthetic*
(for benchmarks only; nothing of it is a fact) and is written under ``bench/results/data/`` (git-ignored).

Each scale is a folder that ``amkg serve`` accepts as its dist/: ``amkg.nq`` and a ``manifest.json`` with
the real manifest's graphs and this dump's count, size and SHA-256; ``union.nq`` adds every statement
once more in the default graph, for engines that load the union rather than compute it.

    python -m bench.generate --statements 1000000 [--out bench/results/data]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from amkg.dist import DUMP, MANIFEST, read_manifest, sha256

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIST = ROOT / "dist"
OUT = ROOT / "bench" / "results" / "data"
UNION = "union.nq"
#: Kinds of instance that the copies multiply; all others under id/ are shared by every copy.
GROWING = (
    "hub",
    "observation",
    "firm",
    "case",
    "impact",
    "initiative",
    "programme",
    "org",
    "technology",
    "collaboration",
    "priority",
    "policy",
    "strategy",
    "person",
    "challenge",
    "comparison",
    "network",
)
_INSTANCE = re.compile(r"<(https://w3id\.org/amkg/id/(?:" + "|".join(GROWING) + r")/[^>#]+)")
_LABEL = re.compile(
    r"^(<https://w3id\.org/amkg/id/[^>]+> <http://www\.w3\.org/(?:2000/01/rdf-schema#label|"
    r"2004/02/skos/core#(?:prefLabel|altLabel))> \")((?:[^\"\\]|\\.)*)(\"@en)( <[^>]+> \.)$"
)
_GRAPH = re.compile(r" <[^<> ]+> \.$")
_BLANK = re.compile(r"_:(\w+)")
SCALES = {"ours": 0, "100k": 100_000, "1m": 1_000_000, "5m": 5_000_000}


def copy_lines(lines: list[str], k: int) -> list[str]:
    """Copy ``k`` of the dump's lines: its own instances and labels; lines naming none are left out."""
    out = []
    for line in lines:
        renamed = _INSTANCE.sub(lambda m: f"<{m.group(1)}-r{k}", line)
        if renamed == line:
            continue
        label = _LABEL.match(renamed)
        if label and renamed.split(" ", 1)[0] != line.split(" ", 1)[0]:
            head, text, _, tail = label.groups()
            out.append(f'{head}{text} (r{k})"@en{tail}')
            if k % 3 == 0:
                out += [f'{head}{text} (r{k})"@{lang}{tail}' for lang in ("de", "fr")]
        else:
            out.append(renamed)
    return out


def copy_source_lines(lines: list[str], k: int) -> list[str]:
    """Copy ``k`` of a source file's N-Triples (the build's input, where structured values are still blank
    nodes): :func:`copy_lines`, plus the blank nodes those lines reach, each relabelled for the copy so the
    copied instance gets values of its own."""
    block = copy_lines(lines, k)
    wanted, taken = set(_BLANK.findall(" ".join(block))), set()
    while wanted - taken:
        new = wanted - taken
        taken |= new
        # A blank node's lines naming a copied instance are in ``block`` already, renamed.
        more = [
            x
            for x in lines
            if x[2:].split(" ", 1)[0] in new and x.startswith("_:") and not _INSTANCE.search(x)
        ]
        block += more
        wanted |= set(_BLANK.findall(" ".join(more)))
    return [_BLANK.sub(lambda m: f"_:{m.group(1)}r{k}", line) for line in block]


def generate(statements: int, folder: Path, source: Path = SOURCE_DIST) -> dict[str, int]:
    """Write a dump of at least ``statements`` (the real one for 0) and its manifest into ``folder``."""
    lines = (source / DUMP).read_text(encoding="utf-8").splitlines()
    manifest = read_manifest(source) or {}
    made = read_manifest(folder) or {}
    if made.get("made_from") == [manifest.get("outputs", {}).get(DUMP, {}).get("sha256"), statements]:
        # Already made from this very dump: not written again (a server may be reading it).
        return {"statements": made["counts"]["quads"], "copies": made["copies"]}
    folder.mkdir(parents=True, exist_ok=True)
    dump = folder / DUMP
    source_sha = manifest.get("outputs", {}).get(DUMP, {}).get("sha256")
    written, copies = len(lines), 0
    with dump.open("w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
        while written < statements:
            copies += 1
            block = copy_lines(lines, copies)
            out.write("\n".join(block) + "\n")
            written += len(block)
    with (folder / UNION).open("w", encoding="utf-8") as out, dump.open(encoding="utf-8") as dumped:
        for line in dumped:
            out.write(line)
            out.write(_GRAPH.sub(" .", line.rstrip("\n")) + "\n")
    manifest["counts"] = {**manifest.get("counts", {}), "quads": written}
    manifest["outputs"] = {DUMP: {"bytes": dump.stat().st_size, "sha256": sha256(dump)}}
    manifest["synthetic"] = f"bench/generate.py: the real dump and {copies} renamed copies"
    manifest["made_from"], manifest["copies"] = [source_sha, statements], copies
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return {"statements": written, "copies": copies}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES, default="100k")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    print(generate(SCALES[args.scale], args.out / args.scale))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
