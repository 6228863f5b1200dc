#!/usr/bin/env python3
"""Generates French customers living in households, as eight channels
record them, with ground truth: a second synthetic generator, written
independently of gen_customers.py (it imports none of its modules and has
its own vocabulary, e-mail habits and noise model: hh_vocab.py, hh_noise.py).

`gen_households.py [--persons N] [--seed S] --out OUTDIR` writes
OUTDIR/records.jsonl (idres ingest format, one idres.v1.Record in proto3
JSON per line, sorted by observed_at), OUTDIR/truth.csv
(source,source_id,cluster; cluster = the real person) and OUTDIR/persons.csv
(one line per person: household, role, names, birth date, city, twin,
same-name parent/child and namesake groups), and a summary on stderr.
The output depends only on N and S. Standard library only.

What it models (see bench/datasets/README.md): households of one to three
generations at one address sharing a landline and sometimes a family
e-mail; spouses, married names; siblings with close given names; twins;
a son named after his father at the same address; unrelated namesakes
whose e-mails are built from the same name; moves, new phones, new
e-mails; records that carry one shared identifier only; typos and
reformatting of every field.
"""

import argparse
import csv
import json
import os
import sys
import time

from hh_channels import Channels
from hh_noise import (ascii_local, strip_accents)
from hh_population import (END, SOURCES, HOUSEHOLD_TYPES, weighted, at,
                           Generator)


# Summary helpers -------------------------------------------------------------


def fold(text):
    return " ".join(strip_accents(text).lower().replace("-", " ").split())


def namesake_groups(persons):
    """Groups of persons of different households with the same given and
    family name (as used at the end of the window)."""
    groups = {}
    for p in persons:
        groups.setdefault((fold(p.given), fold(p.family_at(END))), []).append(p)
    out = []
    for key, ps in groups.items():
        if len({p.hh.hid for p in ps}) >= 2:
            out.append((key, ps))
    return out


def isolated_records(recs_by_person):
    """Records sharing no identifier value with another record of their
    person: reachable only through names, dates and addresses."""
    n = 0
    for recs in recs_by_person:
        if len(recs) < 2:
            continue
        vals = []
        for rec in recs:
            vals.append({"".join(ch for ch in i["value"].lower()
                                 if ch.isalnum())[-9:]
                         for i in rec.get("identifiers", ())})
        for i, v in enumerate(vals):
            if not any(v & w for j, w in enumerate(vals) if j != i):
                n += 1
    return n


def reachable_pairs(recs_by_person):
    """(true pairs, pairs whose records are connected within their person
    by realistic evidence): a shared identifier value, or the same given
    and family name with the same birth date or street line on both."""
    def ident(i):
        v = i["value"].strip().lower()
        if i["type"] == "phone":
            d = "".join(c for c in v if c.isdigit())
            d = "0" + d[4:] if d.startswith("0033") else \
                "0" + d[2:] if d.startswith("33") and len(d) == 11 else d
            return None if d in ("0000000000", "0600000000", "0102030405",
                                 "0612345678") else \
                ("phone", "0" + d if len(d) == 9 else d)
        return (i["type"], "".join(c for c in v if c.isalnum() or c in "@.+"))

    total = reach = 0
    for recs in recs_by_person:
        n = len(recs)
        total += n * (n - 1) // 2
        parent = list(range(n))

        def find(x):
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x
        feats = []
        for rec in recs:
            ids = {ident(i) for i in rec.get("identifiers", ())} - {None}
            nm = rec.get("name", {})
            name = (fold(nm.get("given", "")), fold(nm.get("family", "")))
            feats.append((ids, name if all(name) else None,
                          rec.get("birth_date"),
                          fold(rec.get("address", {}).get("line1", ""))))
        for i in range(n):
            for j in range(i + 1, n):
                a, b = feats[i], feats[j]
                if a[0] & b[0] or (a[1] and a[1] == b[1] and (
                        (a[2] and a[2] == b[2]) or (a[3] and a[3] == b[3]))):
                    parent[find(i)] = find(j)
        sizes = {}
        for i in range(n):
            sizes[find(i)] = sizes.get(find(i), 0) + 1
        reach += sum(k * (k - 1) // 2 for k in sizes.values())
    return total, reach


def generate(args):
    gen = Generator(args.seed)
    while len(gen.persons) < args.persons:
        kind = weighted(gen.r, HOUSEHOLD_TYPES)
        gen.count("households")
        gen.count("households_" + kind)
        gen.household(kind, args.persons - len(gen.persons))
    # Renumber clusters in creation order after the trims.
    for i, p in enumerate(gen.persons, 1):
        p.pid, p.cluster = i, f"Q{i:07d}"
    ch = Channels(gen)
    rows = []
    recs_by_person = []
    for p in gen.persons:
        recs = ch.records(p)
        recs_by_person.append([rec for _, rec in recs])
        for t, rec in recs:
            rows.append((t, len(rows), rec, p.cluster))
    rows.sort(key=lambda x: (x[0], x[1]))
    os.makedirs(args.out, exist_ok=True)
    per_source = {s: 0 for s in SOURCES}
    with open(os.path.join(args.out, "records.jsonl"), "w",
              encoding="utf-8") as out, \
            open(os.path.join(args.out, "truth.csv"), "w", newline="",
                 encoding="utf-8") as tf:
        truth = csv.writer(tf, lineterminator="\n")
        truth.writerow(["source", "source_id", "cluster"])
        for _, _, rec, cluster in rows:
            out.write(json.dumps(rec, ensure_ascii=False,
                                 separators=(",", ":")) + "\n")
            truth.writerow([rec["source"], rec["source_id"], cluster])
            per_source[rec["source"]] += 1
    groups = namesake_groups(gen.persons)
    group_of = {}
    for i, (_, ps) in enumerate(groups, 1):
        for p in ps:
            group_of[p.pid] = f"N{i}"
    with open(os.path.join(args.out, "persons.csv"), "w", newline="",
              encoding="utf-8") as pf:
        w = csv.writer(pf, lineterminator="\n")
        w.writerow(["cluster", "household", "household_kind", "role",
                    "gender", "given", "family", "married_family",
                    "birth_date", "city", "twin_group", "junior_group",
                    "namesake_group", "origin", "family_email", "landline"])
        for p in gen.persons:
            y, m, d = p.birth
            w.writerow([p.cluster, f"H{p.hh.hid:06d}", p.hh.kind, p.role,
                        p.gender, p.given, p.family, p.married or "",
                        f"{y:04d}-{m:02d}-{d:02d}",
                        p.hh.addresses[0][1]["city"], p.twin_group,
                        p.junior_group, group_of.get(p.pid, ""), p.origin,
                        p.hh.family_email or "",
                        p.hh.landlines[0][1] or ""])
    s = gen.stats
    stats = {"records": len(rows), "persons": len(gen.persons),
             "records_per_person": round(len(rows) / len(gen.persons), 2)}
    stats.update(sorted((k, v) for k, v in s.items()
                        if k.startswith("households")))
    for k in ("multigen_households", "persons_in_households_2plus",
              "spouse_pairs", "married_couples", "family_emails",
              "twin_pairs", "close_name_siblings", "same_name_parent_child",
              "namesakes_made", "namesakes_same_city"):
        stats[k] = s.get(k, 0)
    same_city = sum(1 for _, ps in groups
                    if len({p.hh.addresses[0][1]["city"] for p in ps})
                    < len(ps))
    stats["namesake_groups"] = len(groups)
    stats["namesake_persons"] = sum(len(ps) for _, ps in groups)
    stats["namesake_groups_same_city"] = same_city
    def spells(p):
        f = ascii_local(p.family_at(END)).replace("-", "")
        return any(f and f in ascii_local(e.split("@")[0]).replace("-", "")
                   for _, e in p.emails)
    stats["namesake_persons_with_name_email"] = sum(
        1 for _, ps in groups for p in ps if spells(p))
    stats["twin_persons"] = sum(1 for p in gen.persons if p.twin_group)
    stats["junior_persons"] = sum(1 for p in gen.persons if p.junior_group)
    for k in sorted(s):
        if k not in stats:
            stats[k] = s[k]
    stats["records_sharing_no_identifier"] = isolated_records(recs_by_person)
    total, reach = reachable_pairs(recs_by_person)
    stats["true_pairs"] = total
    stats["reachable_pairs"] = reach
    stats["recall_ceiling"] = round(reach / total, 4) if total else 1.0
    stats.update((f"records_{k}", v) for k, v in per_source.items())
    return stats


def positive_int(text):
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text}: must be > 0")
    return value


def main(argv):
    parser = argparse.ArgumentParser(
        description="Generate French households' multichannel customer "
        "records with ground truth (records.jsonl, truth.csv, persons.csv).")
    parser.add_argument("--persons", type=positive_int, default=4000,
                        help="number of real persons (default: %(default)s; "
                        "records ~ 2.5x)")
    parser.add_argument("--seed", type=int, default=1,
                        help="random seed (default: %(default)s)")
    parser.add_argument("--out", required=True, help="output folder")
    args = parser.parse_args(argv)
    began = time.monotonic()
    try:
        stats = generate(args)
    except OSError as e:
        print(f"gen_households.py: error: {e}", file=sys.stderr)
        return 1
    print(f"gen_households.py: wrote {args.out} in "
          f"{time.monotonic() - began:.1f}s", file=sys.stderr)
    for key, value in stats.items():
        print(f"  {key}: {value}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
