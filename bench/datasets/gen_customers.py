#!/usr/bin/env python3
"""Generates multichannel French customer records with ground truth.

`gen_customers.py --persons N --seed S --out OUTDIR` writes
OUTDIR/records.jsonl (idres ingest format, sorted by observed_at) and
OUTDIR/truth.csv (source,source_id,cluster). With --interactions it also
writes OUTDIR/interactions.jsonl: one idres.v1.RecordInteractionRequest
per line, in proto3 JSON. The output depends only on N and S.
A summary goes to stderr. See bench/datasets/README.md for what the data
contains. Standard library only.
"""

import argparse
import calendar
import csv
import json
import os
import random
import shutil
import sys
import tempfile
import time

from customer_links import link_records
from customer_people import Households, make_address, weighted
from french_vocab import (FAMILY_NAMES, INTENTS, NICKNAMES, phone_format,
                          strip_accents, typo)

# Generation parameters -----------------------------------------------------

START = calendar.timegm((2024, 1, 1, 0, 0, 0))
END = calendar.timegm((2026, 7, 1, 0, 0, 0))
FIELD_ORDER = ("source", "source_id", "observed_at", "identifiers", "name",
               "organization", "birth_date", "gender", "address", "attributes")
PLACEHOLDER_PHONE = "0000000000"
PLACEHOLDER_EMAIL = "test@test.com"
RECORD_COUNTS = ((1, 10), (2, 35), (3, 35), (4, 20))  # mean 2.65
HOUSEHOLD_SIZES = ((1, 55), (2, 25), (3, 12), (4, 8))
SOURCES = (("crm", 30), ("shop", 25), ("chat", 12), ("ivr", 10),
           ("app", 12), ("store", 11))
P_MARRIAGE = 0.06      # women with 2+ records: later records, new name
P_MOVE = 0.08          # persons with 2+ records: later records, new address
P_CHAIN = 0.05         # persons with 3+ records: email -> both -> phone
P_PLACEHOLDER = 0.012  # per phone / e-mail written


class Generator(Households):
    """Writes the records that channels hold about generated persons."""

    # Records ---------------------------------------------------------------

    def plan(self, p):
        """Returns the (source, force) list of p's records, oldest first, and
        schedules p's life events between them."""
        r = self.rng
        k = weighted(r, RECORD_COUNTS)
        if k >= 2 and p.gender == "F" and p.birth[0] <= 2000 and \
                r.random() < P_MARRIAGE:
            p.marry_cut = r.randint(1, k - 1)
            other = r.choice(FAMILY_NAMES)
            p.new_family = (f"{other}-{p.family}" if r.random() < 0.15
                            else other)
            self.stats["marriages"] += 1
        if k >= 2 and r.random() < P_MOVE:
            p.move_cut = r.randint(1, k - 1)
            same_city = r.random() < 0.5
            p.new_address = make_address(
                r, (p.address["city"], p.address["postal_code"])
                if same_city else None)
            self.stats["moves"] += 1
        if k >= 3 and p.email and p.mobile and r.random() < P_CHAIN:
            self.stats["chains"] += 1
            head = [("chat", "email"), ("shop", "both"), ("ivr", "phone")]
            return head + [(weighted(r, SOURCES), None) for _ in range(k - 3)]
        return [(weighted(r, SOURCES), None) for _ in range(k)]

    def records(self, p):
        """Yields p's records as (observed_at, record dict)."""
        r = self.rng
        plan = self.plan(p)
        stamps = sorted(r.randrange(START, END) for _ in plan)
        recs = []
        for i, (source, force) in enumerate(plan):
            rec = getattr(self, "_" + source)(p, i, force)
            if rec is None:  # the person lacks what this channel needs
                rec = self._crm(p, i, None)
            rec["_married"], rec["_moved"] = i >= p.marry_cut, i >= p.move_cut
            recs.append(rec)
        self.stats["linking_ids"] += link_records(r, p, recs, self._value)
        for rec, stamp in zip(recs, stamps):
            observed = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stamp))
            rec["observed_at"] = observed
            yield observed, {k: rec[k] for k in FIELD_ORDER if rec.get(k)}

    def _style(self, source):
        r = self.rng
        upper = r.random() < (0.35 if source in ("crm", "store") else 0.08)
        return r.random() < 0.25, upper  # (drop accents, upper-case family)

    def _text(self, text, drop_accents, upper=False):
        if drop_accents:
            text = strip_accents(text)
        return text.upper() if upper else text

    def _name(self, p, i, source, given=True, family=True, nick=0.0):
        r = self.rng
        drop, upper = self._style(source)
        name = {}
        if given:
            g = p.given
            if g in NICKNAMES and r.random() < nick:
                g = r.choice(NICKNAMES[g])
            elif r.random() < 0.03:
                g = typo(r, g)
            name["given"] = self._text(g, drop)
        if family:
            f = p.new_family if i >= p.marry_cut else p.family
            if r.random() < 0.03:
                f = typo(r, f)
            name["family"] = self._text(f, drop, upper)
        return name

    def _birth_date(self, p):
        y, m, d = p.birth
        if d <= 12 and d != m and self.rng.random() < 0.02:
            m, d = d, m  # day and month swapped by the source
        return f"{y:04d}-{m:02d}-{d:02d}"

    def _address(self, p, i, source, postal_only=False):
        r = self.rng
        a = p.new_address if i >= p.move_cut else p.address
        drop, upper = self._style(source)
        out = {"postal_code": a["postal_code"],
               "city": self._text(a["city"], drop, r.random() < 0.15)}
        if not postal_only:
            types = a["types"]
            kind = types[0] if r.random() < 0.7 else r.choice(types)
            line = f"{a['number']} {kind} {a['street']}"
            out = {"line1": self._text(line, drop, upper and
                                       r.random() < 0.3),
                   "line2": a["line2"], **out}
            if not a["line2"]:
                del out["line2"]
        if r.random() < 0.6:
            out["country"] = "FR"
        return out

    def _phone(self, digits):
        if self.rng.random() < P_PLACEHOLDER:
            self.stats["placeholders"] += 1
            return {"type": "phone", "value": PLACEHOLDER_PHONE}
        return {"type": "phone", "value": phone_format(self.rng, digits)}

    def _email(self, email):
        r = self.rng
        if r.random() < P_PLACEHOLDER:
            self.stats["placeholders"] += 1
            return {"type": "email", "value": PLACEHOLDER_EMAIL}
        if r.random() < 0.005:
            local, domain = email.split("@")
            email = typo(r, local) + "@" + domain
        elif r.random() < 0.1:
            email = email[0].upper() + email[1:]
        return {"type": "email", "value": email}

    def _value(self, p, kind):
        """Returns p's identifier of `kind` (customer_links.PERSONAL),
        making a customer id or loyalty card when p has none yet."""
        makers = {"customer_id": self.ids.customer_id,
                  "loyalty_card": self.ids.loyalty_card}
        if kind in makers:
            return self._ensure(p, kind, makers[kind])
        return getattr(p, kind)

    def _ensure(self, p, attr, make):
        if getattr(p, attr) is None:
            setattr(p, attr, make())
        return getattr(p, attr)

    def _crm(self, p, i, force):
        r = self.rng
        ids = []
        if r.random() < 0.95:
            ids.append({"type": "customer_id",
                        "value": self._ensure(p, "customer_id",
                                              self.ids.customer_id)})
        if r.random() < 0.85:
            ids.append(self._email(p.email))
        if p.mobile and r.random() < 0.75:
            ids.append(self._phone(p.mobile))
        if p.landline and r.random() < 0.3:
            ids.append(self._phone(p.landline))
        rec = {"source": "crm", "source_id": self.ids.source_id("CRM-", 7),
               "identifiers": ids, "name": self._name(p, i, "crm", nick=0.03)}
        if r.random() < 0.88:
            rec["birth_date"] = self._birth_date(p)
        if r.random() < 0.7:
            rec["gender"] = p.gender
        if r.random() < 0.95:
            rec["address"] = self._address(p, i, "crm")
        if r.random() < 0.3:
            rec["attributes"] = {"loyalty_tier": r.choice(
                ("bronze", "silver", "gold", "platinum"))}
        return rec

    def _shop(self, p, i, force):
        r = self.rng
        email = p.email
        if p.family_email and force is None and r.random() < 0.25:
            email = p.family_email
        ids = [self._email(email)]
        if p.mobile and (force == "both" or r.random() < 0.5):
            ids.append(self._phone(p.mobile))
        rec = {"source": "shop", "source_id": self.ids.source_id("WEB-", 8),
               "identifiers": ids}
        if r.random() < 0.95:
            rec["name"] = self._name(p, i, "shop", nick=0.1)
        if r.random() < 0.85:
            rec["address"] = self._address(p, i, "shop")
        if r.random() < 0.15:
            rec["birth_date"] = self._birth_date(p)
        if r.random() < 0.4:
            rec["attributes"] = {"newsletter": r.choice(("yes", "no"))}
        return rec

    def _chat(self, p, i, force):
        r = self.rng
        use_email = force == "email" or (force is None and
                                         (not p.mobile or r.random() < 0.55))
        ident = self._email(p.email) if use_email else self._phone(p.mobile)
        rec = {"source": "chat",
               "source_id": self.ids.session_id(),
               "identifiers": [ident]}
        if r.random() < 0.7:
            rec["name"] = self._name(p, i, "chat", family=False, nick=0.25)
        return rec

    def _ivr(self, p, i, force):
        r = self.rng
        phone = p.mobile
        if force is None and p.landline and (not phone or r.random() < 0.3):
            phone = p.landline
        if not phone:
            return None
        ids = [self._phone(phone)]
        if force is None and r.random() < 0.35:
            ids.append({"type": "customer_id",
                        "value": self._ensure(p, "customer_id",
                                              self.ids.customer_id)})
        return {"source": "ivr", "source_id": self.ids.source_id("CALL-", 9),
                "identifiers": ids}

    def _app(self, p, i, force):
        r = self.rng
        ids = [{"type": "device_id",
                "value": self._ensure(p, "device_id", self.ids.device_id)}]
        if r.random() < 0.9:
            ids.append(self._email(p.email))
        if p.mobile and r.random() < 0.2:
            ids.append(self._phone(p.mobile))
        rec = {"source": "app", "source_id": self.ids.source_id("APP-", 8),
               "identifiers": ids}
        if r.random() < 0.5:
            rec["name"] = self._name(p, i, "app", family=r.random() < 0.6,
                                     nick=0.25)
        return rec

    def _store(self, p, i, force):
        r = self.rng
        ids = [{"type": "loyalty_card",
                "value": self._ensure(p, "loyalty_card",
                                      self.ids.loyalty_card)}]
        if p.mobile and r.random() < 0.4:
            ids.append(self._phone(p.mobile))
        elif p.landline and r.random() < 0.15:
            ids.append(self._phone(p.landline))
        rec = {"source": "store",
               "source_id": self.ids.source_id("MAG-", 8),
               "identifiers": ids,
               "attributes": {"store": f"MAG-{r.randint(1, 180):03d}"}}
        if r.random() < 0.9:
            rec["name"] = self._name(p, i, "store", nick=0.05)
        if r.random() < 0.7:
            rec["address"] = self._address(p, i, "store", postal_only=True)
        if r.random() < 0.3:
            rec["birth_date"] = self._birth_date(p)
        return rec

    def interactions(self, p, recs):
        """Yields p's interaction events as RecordInteractionRequest dicts
        (proto3 JSON), each aimed at an e-mail or phone that one of p's
        records `recs` carries, so that it reaches p's profile. Draws from
        its own generator: records do not depend on --interactions."""
        r = self.interaction_rng
        idents = [i for rec in recs for i in rec.get("identifiers", ())
                  if i["type"] in ("email", "phone")
                  and i["value"] not in (PLACEHOLDER_EMAIL, PLACEHOLDER_PHONE)]
        if not idents or r.random() >= 0.6:
            return
        for _ in range(r.randint(1, 3)):
            intent, summary, has_order = r.choice(INTENTS)
            ident = r.choice(idents)
            channel = ("call" if ident["type"] == "phone" and
                       r.random() < 0.7 else r.choice(("chat", "email")))
            order = f"CMD-{r.randint(0, 99999999):08d}"
            interaction = {
                "channel": channel,
                "at": time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                    time.gmtime(r.randrange(START, END))),
                "actor_kind": "ACTOR_KIND_BOT" if channel == "chat"
                else "ACTOR_KIND_AGENT",
                "kind": {"chat": "INTERACTION_KIND_MESSAGE",
                         "call": "INTERACTION_KIND_CALL",
                         "email": "INTERACTION_KIND_EMAIL"}[channel],
                "summary": summary.format(order=order),
                "intent": intent}
            if has_order:
                interaction["facts"] = {"order_number": order}
            yield {"target": {"identifier": {"type": ident["type"],
                                             "value": ident["value"]}},
                   "interaction": interaction}


# Output --------------------------------------------------------------------


def generate(args):
    """Writes the output files; returns the summary counters."""
    gen = Generator(args.seed)
    gen.interaction_rng = random.Random(f"interactions-{args.seed}")
    os.makedirs(args.out, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".gen_customers.", dir=args.out)
    buckets = {}  # "YYYY-MM" -> temp file of "observed_at\tseq\tjson" lines
    per_source = {name: 0 for name, _ in SOURCES}
    seq = 0
    interactions = (open(os.path.join(args.out, "interactions.jsonl"), "w",
                         encoding="utf-8") if args.interactions else None)
    try:
        with open(os.path.join(args.out, "truth.csv"), "w", newline="",
                  encoding="utf-8") as truth_file:
            truth = csv.writer(truth_file, lineterminator="\n")
            truth.writerow(["source", "source_id", "cluster"])
            while gen.persons < args.persons:
                size = min(weighted(gen.rng, HOUSEHOLD_SIZES),
                           args.persons - gen.persons)
                for p in gen.household(size):
                    recs = []
                    for observed, rec in gen.records(p):
                        recs.append(rec)
                        month = observed[:7]
                        if month not in buckets:
                            buckets[month] = open(
                                os.path.join(tmp, month), "w",
                                encoding="utf-8")
                        line = json.dumps(rec, ensure_ascii=False,
                                          separators=(",", ":"))
                        buckets[month].write(f"{observed}\t{seq:010d}\t"
                                             f"{line}\n")
                        seq += 1
                        per_source[rec["source"]] += 1
                        truth.writerow([rec["source"], rec["source_id"],
                                        p.cluster])
                    if interactions:
                        for event in gen.interactions(p, recs):
                            interactions.write(json.dumps(
                                event, ensure_ascii=False,
                                separators=(",", ":")) + "\n")
        for f in buckets.values():
            f.close()
        # Merge: months in order, each sorted by time then generation order.
        with open(os.path.join(args.out, "records.jsonl"), "w",
                  encoding="utf-8") as out:
            for month in sorted(buckets):
                with open(os.path.join(tmp, month), encoding="utf-8") as f:
                    lines = f.readlines()
                lines.sort()
                out.writelines(line.split("\t", 2)[2] for line in lines)
    finally:
        for f in buckets.values():
            f.close()
        if interactions:
            interactions.close()
        shutil.rmtree(tmp, ignore_errors=True)
    stats = dict(gen.stats)
    stats.update(persons=gen.persons, records=seq,
                 namesake_groups=len(gen.namesakes),
                 namesake_persons=sum(gen.namesakes.values()))
    stats.update((f"records_{k}", v) for k, v in per_source.items())
    return stats


def positive_int(text):
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text}: must be > 0")
    return value


def main(argv):
    parser = argparse.ArgumentParser(
        description="Generate French multichannel customer records with "
        "ground truth (records.jsonl, truth.csv).")
    parser.add_argument("--persons", type=positive_int, required=True,
                        help="number of real persons (records ~ 2.65x)")
    parser.add_argument("--seed", type=int, default=1,
                        help="random seed (default: %(default)s)")
    parser.add_argument("--out", required=True, help="output folder")
    parser.add_argument("--interactions", action="store_true",
                        help="also write interactions.jsonl (RecordInteractionRequest JSONL)")
    args = parser.parse_args(argv)
    began = time.monotonic()
    try:
        stats = generate(args)
    except OSError as e:
        print(f"gen_customers.py: error: {e}", file=sys.stderr)
        return 1
    print(f"gen_customers.py: wrote {args.out} in "
          f"{time.monotonic() - began:.1f}s", file=sys.stderr)
    for key, value in stats.items():
        print(f"  {key}: {value}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
