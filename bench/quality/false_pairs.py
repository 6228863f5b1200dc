#!/usr/bin/env python3
"""Lists the false merges (and summarises the splits) of a resolver run.

usage: false_pairs.py --truth truth.csv --export export.csv
           [--records records.jsonl] [--persons persons.csv]
           [--examples N] [--split-examples N] [--show N] [--quiet]

`export.csv` is `idres export --addr ADDR` (source,source_id,profile_id).
records.jsonl and persons.csv (written by gen_households.py) default to the
truth file's folder; persons.csv is optional (without it, relations are
guessed from the records).

A profile is wrongly merged when it holds records of several true persons.
Each pair of true persons that share a profile is put in one category, the
first that fits:

  single-shared-identifier  a record of one of them carries no name and a
                            single identifier, which the other one's
                            records carry too (a landline, a family e-mail)
  placeholder               they share a filler phone (0000000000,
                            0600000000, ...)
  twins                     twins (persons.csv), or same family name and
                            birth date at one address
  parent-child              a parent and a child of the same given name
  household                 any other two persons of one household
                            (spouses, siblings, grandparents, flatmates)
  namesake-email            unrelated persons with the same given and family
                            name whose e-mails both spell that name
  namesake                  the same, without two such e-mails
  other                     anything else

For every category the report gives the false record pairs, the person
pairs and the profiles (by the category of their largest person pair), and
for N examples the two closest records side by side with a field-by-field
agreement line. Then the split persons (records of one person in several
profiles): the missed record pairs by what the separated records share
with the rest of their person. Standard library only.
"""

import argparse
import collections
import csv
import json
import os
import sys
import unicodedata

JUNK_PHONES = {"0000000000", "0600000000", "0102030405", "0612345678"}


def fold(text):
    text = unicodedata.normalize("NFD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def norm_phone(v):
    d = "".join(c for c in v if c.isdigit())
    if d.startswith("0033"):
        d = "0" + d[4:]
    elif d.startswith("33") and len(d) == 11:
        d = "0" + d[2:]
    elif len(d) == 9:
        d = "0" + d
    return d


def norm_email(v):
    return v.strip().lower()


def norm_id(t, v):
    if t == "phone":
        return norm_phone(v)
    if t == "email":
        return norm_email(v)
    return "".join(c for c in v.upper() if c.isalnum())


def read_assignment(path, column):
    out = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            out[(row["source"], row["source_id"])] = row[column]
    return out


class Rec:
    """The fields of a record that the report compares."""

    def __init__(self, d):
        self.key = (d["source"], d["source_id"])
        n = d.get("name", {})
        self.given = n.get("given", "")
        self.family = n.get("family", "")
        self.full = n.get("full", "")
        if self.full and not (self.given or self.family):
            parts = self.full.split()
            if parts and parts[0].isupper() and len(parts) > 1:
                self.family, self.given = parts[0], " ".join(parts[1:])
            else:
                self.given, self.family = " ".join(parts[:-1]), parts[-1]
        self.ids = [(i["type"], norm_id(i["type"], i["value"]), i["value"])
                    for i in d.get("identifiers", ())]
        self.birth = d.get("birth_date") or d.get("birth_date_text", "")
        a = d.get("address", {})
        self.line1 = a.get("line1", "")
        self.postal = a.get("postal_code", "")
        self.city = a.get("city", "")
        self.observed = d.get("observed_at", "")
        self.has_name = bool(self.given or self.family)

    def values(self, kind=None):
        return {v for t, v, _ in self.ids if kind is None or t == kind}

    def show(self):
        ids = " ".join(f"{t}={raw}" for t, _, raw in self.ids)
        name = f"{self.given} / {self.family}" if self.has_name else "-"
        place = " ".join(x for x in (self.line1, self.postal, self.city) if x)
        return (f"{self.key[0]}:{self.key[1]} | {name} | {ids or '-'} | "
                f"dob {self.birth or '-'} | {place or '-'}")


def edits_le(a, b, k):
    """True when a and b are at most k edits apart (small k)."""
    if abs(len(a) - len(b)) > k:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1,
                         prev[j - 1] + (ca != cb))
        if min(cur) > k:
            return False
        prev = cur
    return prev[-1] <= k


def level(a, b):
    a, b = fold(a), fold(b)
    if not a or not b:
        return "missing"
    if a == b:
        return "same"
    if a.replace(" ", "") == b.replace(" ", "") or a in b.split() or \
            b in a.split():
        return "part"
    if a[0] == b[0] and (len(a) == 1 or len(b) == 1):
        return "initial"
    return "close" if edits_le(a, b, 2) else "differs"


def compare(x, y):
    """One line saying which fields of records x and y agree."""
    out = [f"given {level(x.given, y.given)}",
           f"family {level(x.family, y.family)}"]
    for kind in ("email", "phone", "customer_id", "loyalty_card",
                 "device_id", "social"):
        a, b = x.values(kind), y.values(kind)
        if not a or not b:
            continue
        if a & b:
            out.append(f"{kind} same")
        elif kind == "email" and any(
                edits_le(u, v, 2) or u.split("@")[0] == v.split("@")[0]
                for u in a for v in b):
            out.append("email close")
        else:
            out.append(f"{kind} differs")
    if x.birth and y.birth:
        out.append("dob same" if x.birth == y.birth else "dob differs")
    else:
        out.append("dob missing")
    if x.line1 and y.line1:
        out.append(f"street {level(x.line1, y.line1)}")
    elif x.postal and y.postal:
        out.append("postal same" if x.postal == y.postal else "postal differs")
    return ", ".join(out)


def closeness(x, y):
    """How much x and y have in common (to pick the pair to show)."""
    s = 3 * len(x.values() & y.values())
    s += (level(x.given, y.given) == "same") + \
        (level(x.family, y.family) == "same")
    s += bool(x.birth and x.birth == y.birth) + \
        bool(x.postal and x.postal == y.postal)
    return s


def name_built(email, given, family):
    local = email.split("@")[0]
    letters = "".join(c for c in local if c.isalpha())
    g = fold(given).replace(" ", "")
    f = fold(family).replace(" ", "")
    return bool(f) and len(f) >= 2 and f in letters and (
        not g or g in letters or letters.startswith(g[0]) or
        letters.endswith(g[0]))


class Persons:
    """persons.csv, or relations guessed from the records."""

    def __init__(self, path):
        self.rows = {}
        if path and os.path.exists(path):
            with open(path, newline="", encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    self.rows[row["cluster"]] = row

    def get(self, c, field):
        return self.rows.get(c, {}).get(field, "")


def category(a, b, recs_a, recs_b, persons):
    """The category of persons a and b, whose records recs_a and recs_b
    share a profile."""
    va = set().union(*(r.values() for r in recs_a))
    vb = set().union(*(r.values() for r in recs_b))
    pa, pb = persons.rows.get(a), persons.rows.get(b)
    for mine, other in ((recs_a, vb), (recs_b, va)):
        for r in mine:
            if not r.has_name and len(r.ids) == 1 and r.ids[0][1] in other:
                t, v, _ = r.ids[0]
                if t == "phone":
                    detail = "landline" if is_landline(v) else "mobile"
                elif t == "email" and pa and v in (
                        pa["family_email"].lower(), pb["family_email"].lower()):
                    detail = "family e-mail"
                else:
                    detail = t
                return "single-shared-identifier", detail
    shared_phones = {v for r in recs_a for v in r.values("phone")} & \
        {v for r in recs_b for v in r.values("phone")}
    if shared_phones & JUNK_PHONES:
        return "placeholder", ""
    if pa and pb:
        if pa["twin_group"] and pa["twin_group"] == pb["twin_group"]:
            return "twins", ""
        if pa["junior_group"] and pa["junior_group"] == pb["junior_group"]:
            return "parent-child", "/".join(sorted((pa["role"], pb["role"])))
        if pa["household"] == pb["household"]:
            return "household", household_relation(pa["role"], pb["role"])
        same_name = fold(pa["given"]) == fold(pb["given"]) and fold(
            pa["married_family"] or pa["family"]) == fold(
            pb["married_family"] or pb["family"])
    else:
        # Guess from the records: most frequent name, date and postal code.
        def mode(rs, f):
            c = collections.Counter(fold(getattr(r, f)) for r in rs
                                    if getattr(r, f))
            return c.most_common(1)[0][0] if c else ""
        ga, gb = mode(recs_a, "given"), mode(recs_b, "given")
        fa, fb = mode(recs_a, "family"), mode(recs_b, "family")
        da, db = mode(recs_a, "birth"), mode(recs_b, "birth")
        za, zb = mode(recs_a, "postal"), mode(recs_b, "postal")
        same_name = ga == gb and fa == fb and bool(ga)
        if fa == fb and da and da == db and za == zb and ga != gb:
            return "twins", "guessed"
        if same_name and za == zb and da != db:
            return "parent-child", "guessed"
        if fa == fb and za and za == zb:
            return "household", "guessed"
    if same_name:
        ea = [(e, r) for r in recs_a for e in r.values("email")]
        eb = [(e, r) for r in recs_b for e in r.values("email")]
        city = "same city" if pa and pb and pa["city"] == pb["city"] \
            else "other city" if pa and pb else ""
        if any(name_built(e, r.given, r.family) for e, r in ea) and any(
                name_built(e, r.given, r.family) for e, r in eb):
            return "namesake-email", city
        return "namesake", city
    return "other", ""


def household_relation(x, y):
    pair = tuple(sorted((x, y)))
    if pair in (("head", "spouse"), ("grandparent", "grandparent")):
        return "spouses"
    if pair in (("child", "child"), ("sibling", "sibling")):
        return "siblings"
    if "flatmate" in pair:
        return "flatmates"
    if pair == ("child", "grandparent"):
        return "grandparent/grandchild"
    if "child" in pair:
        return "parent/child"
    if "grandparent" in pair:
        return "parent/adult child or in-law"
    return "/".join(pair)


CATEGORIES = ("single-shared-identifier", "placeholder", "twins",
              "parent-child", "household", "namesake-email", "namesake",
              "other")


def is_landline(value):
    return len(value) == 10 and value[:2] in ("01", "02", "03", "04", "05",
                                              "09")


def split_pattern(stray, rest):
    """Why the records `stray` (a part of a person cut off from its
    largest part `rest`) were not linked: what they share with it."""
    shared = set()
    for x in stray:
        for y in rest:
            shared |= {(t, v) for t, v, _ in x.ids} & \
                {(t, v) for t, v, _ in y.ids}
    named = [r for r in stray if r.has_name]
    if shared:
        if all(t == "phone" and is_landline(v) for t, v in shared):
            return "shares a landline only" + (
                "" if named else " (no name)")
        kinds = sorted({t if t != "phone" else "mobile" for t, v in shared
                        if not (t == "phone" and is_landline(v))})
        return f"shares {'+'.join(kinds)} (kept apart)"
    if not named:
        return "no name, identifiers not seen elsewhere"
    if not any(y.has_name for y in rest):
        return "no name on the rest of the person, no shared identifier"
    best = 0
    labels = ("name differs (nickname, married name, typo, initial, swap)",
              "same given name only (no family name on one side)",
              "same given and family name only",
              "same name and postal code or street on both",
              "same name and the same birth date")
    for x in named:
        for y in rest:
            if not y.has_name:
                continue
            g, f = level(x.given, y.given), level(x.family, y.family)
            if g not in ("same", "part"):
                continue
            if f == "missing":
                best = max(best, 1)
                if x.birth and x.birth == y.birth:
                    best = max(best, 4)
                continue
            if f not in ("same", "part"):
                continue
            best = max(best, 2)
            if x.birth and x.birth == y.birth:
                best = 4
            elif (x.line1 and y.line1) or (x.postal and x.postal == y.postal):
                best = max(best, 3)
    return labels[best]


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--truth", required=True)
    ap.add_argument("--export", required=True)
    ap.add_argument("--records")
    ap.add_argument("--persons")
    ap.add_argument("--examples", type=int, default=3,
                    help="examples per category (default 3)")
    ap.add_argument("--show", type=int, default=0,
                    help="also list N wrongly merged profiles in full")
    ap.add_argument("--split-examples", type=int, default=0,
                    help="examples per split pattern (default 0)")
    ap.add_argument("--quiet", action="store_true",
                    help="counts only, no examples")
    args = ap.parse_args(argv)
    folder = os.path.dirname(os.path.abspath(args.truth))
    records_path = args.records or os.path.join(folder, "records.jsonl")
    persons = Persons(args.persons or os.path.join(folder, "persons.csv"))
    truth = read_assignment(args.truth, "cluster")
    pred = read_assignment(args.export, "profile_id")
    recs = {}
    with open(records_path, encoding="utf-8") as f:
        for line in f:
            r = Rec(json.loads(line))
            recs[r.key] = r
    keys = [k for k in truth if k in pred and k in recs]
    by_profile = collections.defaultdict(lambda: collections.defaultdict(
        list))
    by_person = collections.defaultdict(lambda: collections.defaultdict(list))
    for k in keys:
        by_profile[pred[k]][truth[k]].append(recs[k])
        by_person[truth[k]][pred[k]].append(recs[k])

    pair_counts = collections.Counter()     # false record pairs
    person_pairs = collections.Counter()
    profile_counts = collections.Counter()
    examples = collections.defaultdict(list)
    details = collections.defaultdict(collections.Counter)
    agree = collections.defaultdict(collections.Counter)
    bad_profiles = []
    for pid, people in by_profile.items():
        if len(people) < 2:
            continue
        bad_profiles.append(pid)
        names = sorted(people)
        best = None
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                cat, detail = category(a, b, people[a], people[b], persons)
                n = len(people[a]) * len(people[b])
                pair_counts[cat] += n
                person_pairs[cat] += 1
                if detail:
                    details[cat][detail] += 1
                if best is None or n > best[0]:
                    best = (n, cat)
                x, y = max(((x, y) for x in people[a] for y in people[b]),
                           key=lambda xy: closeness(*xy))
                for token in compare(x, y).split(", "):
                    agree[cat][token] += 1
                if len(examples[cat]) < args.examples:
                    examples[cat].append((pid, a, b, x, y))
        profile_counts[best[1]] += 1

    total_pred = sum(sum(len(v) for v in p.values()) *
                     (sum(len(v) for v in p.values()) - 1) // 2
                     for p in by_profile.values())
    false_pairs = sum(pair_counts.values())
    print(f"records={len(keys)} profiles={len(by_profile)} "
          f"wrongly_merged_profiles={len(bad_profiles)} "
          f"predicted_pairs={total_pred} false_pairs={false_pairs}")
    print(f"{'category':26s} {'false_pairs':>11s} {'person_pairs':>12s} "
          f"{'profiles':>8s}")
    for cat in CATEGORIES:
        if person_pairs[cat]:
            print(f"{cat:26s} {pair_counts[cat]:11d} {person_pairs[cat]:12d} "
                  f"{profile_counts[cat]:8d}")
    for cat in CATEGORIES:
        if details[cat]:
            print(f"  {cat}: " + ", ".join(
                f"{k} {v}" for k, v in details[cat].most_common()))
    print("closest record pair of each person pair, fields that agree "
          "(same/close/part/initial):")
    for cat in CATEGORIES:
        if agree[cat]:
            kept = [(k, v) for k, v in agree[cat].most_common()
                    if not k.endswith(("missing", "differs"))]
            print(f"  {cat} ({person_pairs[cat]}): " + ", ".join(
                f"{k} {v}" for k, v in kept))
    if not args.quiet:
        for cat in CATEGORIES:
            for pid, a, b, x, y in examples[cat]:
                print(f"\n[{cat}] profile {pid}: persons {a} and {b}")
                for who, rec in ((a, x), (b, y)):
                    print(f"  {who}: {rec.show()}")
                print(f"  agree: {compare(x, y)}")
        for pid in bad_profiles[:args.show]:
            print(f"\nprofile {pid}:")
            for person, rs in sorted(by_profile[pid].items()):
                for r in rs:
                    print(f"  {person}: {r.show()}")

    # Splits: a person's records outside their largest profile.
    missed = collections.Counter()
    missed_by_source = collections.Counter()
    split_examples = collections.defaultdict(list)
    split_persons = 0
    true_pairs = 0
    for person, parts in by_person.items():
        n = sum(len(v) for v in parts.values())
        true_pairs += n * (n - 1) // 2
        if len(parts) < 2:
            continue
        split_persons += 1
        ordered = sorted(parts.values(), key=len, reverse=True)
        main_part = ordered[0]
        for stray in ordered[1:]:
            pattern = split_pattern(stray, main_part)
            missed[pattern] += len(stray) * len(main_part)
            if len(split_examples[pattern]) < args.split_examples:
                x, y = max(((x, y) for x in stray for y in main_part),
                           key=lambda xy: closeness(*xy))
                split_examples[pattern].append((person, x, y))
            for r in stray:
                missed_by_source[r.key[0]] += 1
        for i, x in enumerate(ordered[1:], 1):
            for y in ordered[i + 1:]:
                missed["(between two cut-off parts)"] += len(x) * len(y)
    print(f"\nsplit persons={split_persons} of {len(by_person)}; "
          f"true_pairs={true_pairs} missed_pairs={sum(missed.values())}")
    for pattern, n in missed.most_common():
        print(f"  {n:7d}  {pattern}")
    print("  records cut off from their person's largest profile, by "
          "source: " + ", ".join(f"{s} {n}" for s, n in
                                 missed_by_source.most_common()))
    for pattern, exs in split_examples.items():
        for person, x, y in exs:
            print(f"\n[split: {pattern}] person {person}")
            print(f"  cut off: {x.show()}")
            print(f"  main:    {y.show()}")
            print(f"  agree: {compare(x, y)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
