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
import calendar
import csv
import json
import os
import random
import sys
import time

from hh_noise import (ascii_local, compound_variant, date_variant,
                      digit_typo, gender_text, phone_text, strip_accents,
                      typo)
from hh_vocab import (CLOSE_SAME_GENDER, CLOSE_SIBLINGS, COHORTS, COMMUNES,
                      FAMILY_FR, GIVEN_F, GIVEN_M, LINE2, NICKNAMES, ORIGINS,
                      PROVIDER_TYPOS, PROVIDERS_OLD, PROVIDERS_YOUNG,
                      PSEUDO_WORDS, REGIONAL_FAMILY, REGIONAL_GIVEN,
                      STREET_ABBREVIATIONS, STREET_NAMES, STREET_TYPES,
                      STREET_WORD_ABBREVIATIONS, landline_zone, zipf_weights)

START = calendar.timegm((2022, 1, 1, 0, 0, 0))
END = calendar.timegm((2026, 7, 1, 0, 0, 0))
NOW_YEAR = 2026
NEVER = END + 1          # an event that does not happen in the window
ALWAYS = START - 1       # a state that holds from before the window

FIELD_ORDER = ("source", "source_id", "observed_at", "identifiers", "name",
               "birth_date", "birth_date_text", "gender", "address",
               "attributes")
SOURCES = ("crm", "eshop", "chat", "ivr", "mobile", "store", "social",
           "newsletter")
# Channel use by age at NOW_YEAR: (under 40, 40-69, 70 and over).
SOURCE_WEIGHTS = {
    "crm": (15, 25, 30), "eshop": (22, 22, 10), "chat": (13, 8, 2),
    "ivr": (4, 10, 20), "mobile": (18, 6, 2), "store": (10, 15, 25),
    "social": (11, 4, 1), "newsletter": (7, 10, 10),
}
RECORD_COUNTS = ((1, 25), (2, 30), (3, 22), (4, 12), (5, 7), (6, 4))
HOUSEHOLD_TYPES = (("single", 40), ("couple", 22), ("family", 20),
                   ("multigen", 8), ("single_parent", 6), ("siblings", 2),
                   ("flatmates", 2))

P_NAMESAKE = 0.035         # an adult copies an earlier person's name
P_NAMESAKE_SAME_CITY = 0.4
P_TWINS = 0.2              # households with 2+ children
P_CLOSE_SIBLINGS = 0.2     # households with 2+ children (not twins)
P_JUNIOR = 0.12            # a son named after his father
P_JUNIOR_F = 0.03          # a daughter named after her mother
P_JUNIOR_SHARES_EMAIL = 0.3
P_FAMILY_EMAIL = 0.3       # households of 2+ adults
P_HOUSEHOLD_MOVE = 0.07
P_LEAVE_HOME = 0.25        # adult children born 1996 or later
P_MARRIAGE = 0.08          # unmarried women born 1975-2002
P_MOBILE_CHANGE = 0.06
P_EMAIL_CHANGE = 0.12
P_SHARED_MOBILE = 0.25     # couples both born before 1955
P_SECOND_ACCOUNT = 0.04    # a second customer id
P_JUNK_PHONE = 0.004       # a cashier's or clerk's filler phone
P_IDENTIFY = 0.6           # a returning customer gives a known identifier


def weighted(r, pairs):
    return r.choices([k for k, _ in pairs], [w for _, w in pairs])[0]


def at(timeline, t):
    """The value of a [(since, value)...] timeline (sorted) at time t."""
    value = None
    for since, v in timeline:
        if since <= t:
            value = v
        else:
            break
    return value


def age_band(p):
    age = NOW_YEAR - p.birth[0]
    return 0 if age < 40 else 1 if age < 70 else 2


class Household:
    def __init__(self, hid, kind):
        self.hid, self.kind = hid, kind
        self.members = []
        self.addresses = []   # [(since, address)]
        self.landlines = []   # [(since, number or None)]
        self.family_email = None
        self.tablet = None    # a device several members use


class Person:
    def __init__(self, pid, hh, role, gender, birth, origin, given, family):
        self.pid, self.hh, self.role = pid, hh, role
        self.cluster = f"Q{pid:07d}"
        self.gender, self.birth, self.origin = gender, birth, origin
        self.given, self.family = given, family   # family = birth name
        self.married = None       # married name, or None
        self.marry_t = NEVER      # when the married name starts
        self.source_usage = {}    # source -> "married"/"maiden"/"double"
        self.own_addresses = []   # [(since, address)] after leaving home
        self.leave_t = NEVER
        self.emails = []          # [(since, address)]
        self.mobiles = []         # [(since, number)]
        self.customer_ids = []    # [(since, id)]
        self.cards = []           # [(since, card)]
        self.devices = []         # [(since, id)]
        self.social = None
        self.twin_group = self.junior_group = ""
        self.namesake_of = None
        self.borrow_email = None  # a parent's e-mail used now and then
        self.spouse = None

    def family_at(self, t):
        return self.married if self.married and t >= self.marry_t \
            else self.family

    def address_at(self, t):
        if t >= self.leave_t:
            return at(self.own_addresses, t)
        return at(self.hh.addresses, t)

    def landline_at(self, t):
        return None if t >= self.leave_t else at(self.hh.landlines, t)


class Generator:
    def __init__(self, seed):
        self.r = random.Random(f"gen_households-{seed}")
        self.persons = []
        self.households = []
        self.taken = set()          # e-mails, phones, ids, addresses, keys
        self.stats = {}
        fam = list(dict.fromkeys(FAMILY_FR))
        self.family_fr = (fam, zipf_weights(len(fam), 0.75, 10.0))
        self.given = {}
        for g, table in (("M", GIVEN_M), ("F", GIVEN_F)):
            for c, names in enumerate(table):
                names = list(dict.fromkeys(names))
                self.given[g, c] = (names, zipf_weights(len(names), 0.9, 3.0))
        self.origins = [(o[0], o[1]) for o in ORIGINS]
        self.origin_data = {o[0]: o for o in ORIGINS}
        self.communes = [(c, w) for c, _, w in COMMUNES]
        self.postcodes = {c: codes for c, codes, _ in COMMUNES}
        self.population = dict(self.communes)

    def count(self, key, n=1):
        self.stats[key] = self.stats.get(key, 0) + n

    def unique(self, make, tries=50):
        for _ in range(tries):
            v = make()
            if v not in self.taken:
                self.taken.add(v)
                return v
        raise RuntimeError("could not draw a unique value")

    # Names ------------------------------------------------------------

    def cohort(self, year):
        for i, (a, b) in enumerate(COHORTS):
            if a <= year <= b:
                return i
        return len(COHORTS) - 1

    def region_of(self, postal):
        return [tag for tag, (depts, _, _) in REGIONAL_GIVEN.items()
                if postal[:2] in depts]

    def draw_given(self, gender, year, origin, postal, avoid=()):
        r = self.r
        for _ in range(30):
            od = self.origin_data[origin]
            if origin != "fr" and (year < 1985 or r.random() < 0.55):
                pool = od[2] if gender == "M" else od[3]
                name = r.choices(pool, zipf_weights(len(pool), 0.7, 3.0))[0]
            else:
                regional = self.region_of(postal)
                if regional and origin == "fr" and r.random() < 0.15:
                    _, m, f = REGIONAL_GIVEN[regional[0]]
                    name = r.choice(m if gender == "M" else f)
                else:
                    names, w = self.given[gender, self.cohort(year)]
                    name = r.choices(names, w)[0]
            if name not in avoid:
                return name
        return name

    def draw_family(self, origin, postal):
        r = self.r
        if origin != "fr":
            pool = self.origin_data[origin][4]
            return r.choices(pool, zipf_weights(len(pool), 0.7, 4.0))[0]
        for tag, (depts, names) in REGIONAL_FAMILY.items():
            if postal[:2] in depts and r.random() < 0.2:
                return r.choices(names, zipf_weights(len(names), 0.7, 4.0))[0]
        names, w = self.family_fr
        return r.choices(names, w)[0]

    def draw_origin(self):
        return weighted(self.r, self.origins)

    # Places and numbers ----------------------------------------------

    def make_address(self, city=None):
        r = self.r
        city = city or weighted(r, self.communes)
        big = self.population[city] >= 200
        while True:
            postal = r.choice(self.postcodes[city])
            number = min(int(r.paretovariate(1.1)), 240)
            suffix = weighted(r, (("", 94), (" bis", 4), (" ter", 2)))
            kind = weighted(r, STREET_TYPES)
            street = r.choice(STREET_NAMES)
            key = ("addr", postal, number, suffix, kind, street)
            line2 = ""
            if r.random() < (0.25 if big else 0.05):
                line2 = r.choice(LINE2)
                key += (line2,)
            if key not in self.taken:
                self.taken.add(key)
                break
        return {"number": f"{number}{suffix}", "kind": kind, "street": street,
                "line2": line2, "postal_code": postal, "city": city}

    def landline(self, postal):
        r = self.r
        zone = "9" if r.random() < 0.15 else landline_zone(postal)
        return self.unique(lambda: "0" + zone + "".join(
            r.choice("0123456789") for _ in range(8)))

    def mobile(self, year):
        r = self.r
        prefix = "07" if r.random() < (0.45 if year >= 1985 else 0.15) \
            else "06"
        return self.unique(lambda: prefix + str(r.randint(1, 9)) + "".join(
            r.choice("0123456789") for _ in range(7)))

    def when(self):
        return self.r.randrange(START, END)

    # E-mails ---------------------------------------------------------

    def email_key(self, local, domain):
        local = local.split("+")[0]
        if domain == "gmail.com":
            local = local.replace(".", "")
        return ("mail", local, domain)

    def mailbox(self, local, domain):
        """The local part as the provider allows it: Gmail has letters,
        digits and dots only."""
        if domain == "gmail.com":
            local = local.replace("_", ".").replace("-", ".")
            while ".." in local:
                local = local.replace("..", ".")
            local = local.strip(".")
        return local

    def name_tokens(self, given, family):
        r = self.r
        g = ascii_local(given)
        if "-" in g:
            a, b = g.split("-", 1)
            g = r.choices((a + b, g, a[0] + b[0], a), (45, 25, 15, 15))[0]
        f = ascii_local(family)
        if "-" in f:
            parts = f.split("-")
            f = r.choices(("".join(parts), f, parts[-1]), (70, 20, 10))[0]
        return g, f

    def personal_email(self, p, family=None, young=None):
        """Draws a new e-mail address for p, unique across the population."""
        r = self.r
        young = p.birth[0] >= 1970 if young is None else young
        g, f = self.name_tokens(p.given, family or p.family)
        yy, yyyy = f"{p.birth[0] % 100:02d}", str(p.birth[0])
        dept = p.hh.addresses[0][1]["postal_code"][:2]
        patterns = (("p.f", 28), ("pf", 12), ("p_f", 6), ("p-f", 3),
                    ("i.f", 6), ("if", 5), ("f.p", 7), ("fp", 3), ("f_p", 1),
                    ("p.fNN", 8), ("pfNN", 4), ("p.fYY", 7), ("pfYYYY", 3),
                    ("pDD", 3), ("pseudo", 5))
        pattern = weighted(r, patterns)
        providers = PROVIDERS_YOUNG if young else PROVIDERS_OLD
        for attempt in range(40):
            digits = f"{r.randint(1, 99):02d}"
            local = {
                "p.f": f"{g}.{f}", "pf": g + f, "p_f": f"{g}_{f}",
                "p-f": f"{g}-{f}", "i.f": f"{g[0]}.{f}", "if": g[0] + f,
                "f.p": f"{f}.{g}", "fp": f + g, "f_p": f"{f}_{g}",
                "p.fNN": f"{g}.{f}{digits}", "pfNN": f"{g}{f}{digits}",
                "p.fYY": f"{g}.{f}{yy}", "pfYYYY": f"{g}{f}{yyyy}",
                "pDD": f"{g}{dept}",
                "pseudo": r.choice(PSEUDO_WORDS).replace("'", "") +
                r.choice(("", ".", "_", "du")) + r.choice((dept, yy, digits,
                                                           g[:4])),
            }[pattern]
            domain = weighted(r, providers)
            local = self.mailbox(local, domain)
            key = self.email_key(local, domain)
            if key not in self.taken:
                self.taken.add(key)
                return f"{local}@{domain}"
            # Taken (a namesake, a relative): people add digits, use their
            # birth year or go to another provider.
            self.count("email_name_taken")
            pattern = r.choice(("p.fNN", "pfNN", "p.fYY", "pfYYYY", pattern,
                                pattern, "p_f", "pf", "p.f", "f.p"))
        raise RuntimeError("no e-mail left")

    def family_email(self, hh, family, givens):
        r = self.r
        f = ascii_local(family).replace("-", "")
        gs = [ascii_local(g).split("-")[0] for g in givens[:2]]
        for attempt in range(30):
            local = r.choice((
                f"famille.{f}", f"{f}.famille", f"famille{f}", f"les{f}",
                f"famille-{f}", f"{f}.{gs[0]}.{gs[-1]}",
                f"{gs[0]}et{gs[-1]}.{f}", f"{gs[0]}.{gs[-1]}.{f}",
                f"{f}{hh.addresses[0][1]['postal_code'][:2]}"))
            if attempt:
                local += str(r.randint(1, 99))
            domain = weighted(r, PROVIDERS_OLD)
            local = self.mailbox(local, domain)
            key = self.email_key(local, domain)
            if key not in self.taken:
                self.taken.add(key)
                return f"{local}@{domain}"
        raise RuntimeError("no family e-mail left")

    # People ----------------------------------------------------------

    def birth(self, year):
        r = self.r
        m = r.randint(1, 12)
        d = r.randint(1, calendar.monthrange(year, m)[1])
        return (year, m, d)

    def adult_year(self, lo=1932, hi=2006):
        # Customers: most between 25 and 75.
        r = self.r
        while True:
            y = int(r.gauss(1972, 16))
            if lo <= y <= hi:
                return y

    def new_person(self, hh, role, gender, year, origin, given, family,
                   birth=None):
        p = Person(len(self.persons) + 1, hh, role, gender,
                   birth or self.birth(year), origin, given, family)
        self.persons.append(p)
        hh.members.append(p)
        return p

    def maybe_namesake(self, hh, gender, year):
        """With P_NAMESAKE, returns an earlier unrelated person whose name
        the new adult will carry."""
        r = self.r
        if r.random() >= P_NAMESAKE or len(self.persons) < 20:
            return None
        for _ in range(10):
            q = self.persons[r.randrange(len(self.persons))]
            if q.gender == gender and q.hh is not hh and \
                    abs(q.birth[0] - year) <= 30:
                return q
        return None

    def adult(self, hh, role, gender, year, origin, postal, family=None,
              avoid=()):
        """Creates an adult, sometimes a namesake of an earlier person."""
        q = self.maybe_namesake(hh, gender, year) if family is None \
            else None
        if q is not None:
            p = self.new_person(hh, role, gender, year, q.origin, q.given,
                                q.family_at(END))
            p.namesake_of = q
            self.count("namesakes_made")
            return p
        given = self.draw_given(gender, year, origin, postal, avoid)
        family = family or self.draw_family(origin, postal)
        return self.new_person(hh, role, gender, year, origin, given, family)

    def marry(self, wife, husband_family, t=ALWAYS):
        r = self.r
        wife.married = husband_family
        wife.marry_t = t
        if r.random() < 0.07:   # a double name from the start
            wife.married = f"{husband_family}-{wife.family}" \
                if r.random() < 0.6 else f"{wife.family}-{husband_family}"

    def household(self, kind, limit):
        r = self.r
        hh = Household(len(self.households) + 1, kind)
        self.households.append(hh)
        # The place first: a namesake head may be sent to the city of the
        # person whose name they share.
        origin = self.draw_origin()
        city = None
        postal_guess = r.choice(self.postcodes[weighted(r, self.communes)])
        if kind == "single":
            g = r.choice("MF")
            head = self.adult(hh, "single", g, self.adult_year(), origin,
                              postal_guess)
        elif kind == "flatmates":
            head = self.adult(hh, "flatmate", r.choice("MF"),
                              self.adult_year(1980, 2006), origin,
                              postal_guess)
        else:
            lo, hi = {"couple": (1932, 2002), "family": (1945, 1982),
                      "multigen": (1950, 1978),
                      "single_parent": (1945, 1982),
                      "siblings": (1960, 2004)}[kind]
            g = "F" if kind == "single_parent" and r.random() < 0.8 else \
                r.choice("MF") if kind == "siblings" else "M"
            if kind in ("couple", "family", "multigen") and r.random() < 0.04:
                g = "F"  # (a same-sex couple when the partner is F too)
            role = {"siblings": "sibling"}.get(kind, "head")
            head = self.adult(hh, role, g, self.adult_year(lo, hi), origin,
                              postal_guess)
        if head.namesake_of is not None and r.random() < \
                P_NAMESAKE_SAME_CITY:
            city = head.namesake_of.address_at(END)["city"]
            self.count("namesakes_same_city")
        address = self.make_address(city)
        hh.addresses.append((ALWAYS, address))
        postal = address["postal_code"]
        origin = head.origin
        members = [head]
        children = []
        if kind in ("couple", "family", "multigen"):
            sg = "F" if head.gender == "M" or r.random() < 0.5 else "M"
            sy = min(max(head.birth[0] + int(r.gauss(-2, 3)), 1932), 2004)
            sorigin = origin if r.random() < 0.8 else self.draw_origin()
            spouse = self.adult(hh, "spouse", sg, sy, sorigin, postal,
                                avoid=(head.given,))
            head.spouse, spouse.spouse = spouse, head
            members.append(spouse)
            share = {0: 0.93, 1: 0.85, 2: 0.7, 3: 0.55, 4: 0.5}[
                self.cohort(min(head.birth[0], sy))]
            if sg == "F" and head.gender == "M" and r.random() < share and \
                    spouse.namesake_of is None:
                self.marry(spouse, head.family)
                self.count("married_couples")
            self.count("spouse_pairs")
        if kind in ("family", "multigen", "single_parent"):
            parent_y = max(p.birth[0] for p in members)
            n = weighted(r, ((1, 50), (2, 35), (3, 15)))
            mother = next((p for p in members if p.gender == "F"), None)
            father = next((p for p in members if p.gender == "M"), None)
            kid_family = head.family
            if kind == "single_parent" and r.random() < 0.3:
                kid_family = self.draw_family(origin, postal)  # the father's
            children = self.children(hh, n, parent_y, origin, postal,
                                     kid_family, father, mother)
            members += children
        if kind == "siblings":
            n = weighted(r, ((2, 75), (3, 25)))
            children = [head] + self.children(
                hh, n - 1, head.birth[0] - 28, origin, postal, head.family,
                None, None, first=head)
            members = children
        if kind == "flatmates":
            for _ in range(weighted(r, ((2, 70), (3, 30))) - 1):
                members.append(self.adult(
                    hh, "flatmate", r.choice("MF"),
                    self.adult_year(1980, 2006), self.draw_origin(), postal))
        if kind == "multigen":
            # Grandparents: the father's parents (same family name) or the
            # mother's (her maiden name).
            side = head if r.random() < 0.6 or head.spouse is None \
                else head.spouse
            gp_family = side.family
            gy = max(1925, side.birth[0] - r.randint(22, 34))
            n = weighted(r, ((1, 60), (2, 40)))
            gps = []
            if n == 2:
                named_after = side.gender == "M" and not side.junior_group \
                    and r.random() < P_JUNIOR
                gf = self.new_person(hh, "grandparent", "M", gy + r.randint(
                    -1, 4), side.origin, side.given if named_after else
                    self.draw_given("M", gy, side.origin, postal,
                                    (side.given,)), gp_family)
                if named_after:
                    self.junior(gf, side)
                gps.append(gf)
            gm = self.new_person(hh, "grandparent", "F", gy, side.origin,
                                 self.draw_given("F", gy, side.origin, postal,
                                                 (side.given,)),
                                 self.draw_family(side.origin, postal))
            self.marry(gm, gp_family)
            if gps:
                gps[0].spouse, gm.spouse = gm, gps[0]
                self.count("spouse_pairs")
            gps.append(gm)
            members += gps
            self.count("multigen_households")
        # Keep the person count exact: drop the last members drawn.
        while len(members) > limit:
            drop = members.pop()
            self.persons.remove(drop)
            hh.members.remove(drop)
        self.settle(hh, members, postal)
        return members

    def children(self, hh, n, parent_y, origin, postal, family, father,
                 mother, first=None):
        """Draws n adult children (after `first`, an older sibling already
        made): twins, close given names, a son named after his father."""
        r = self.r
        kids = [first] if first else []
        total = n + len(kids)
        twins = total >= 2 and r.random() < P_TWINS
        close = not twins and total >= 2 and r.random() < P_CLOSE_SIBLINGS
        avoid = {p.given for p in (father, mother, first) if p}
        for i in range(n):
            g = r.choice("MF")
            y = min(parent_y + r.randint(22, 38) + 2 * i, 2006)
            birth = given = None
            prev = kids[-1] if kids else None
            second = len(kids) == 1
            if twins and second:
                birth = prev.birth
                y = birth[0]
            if second and (close or (twins and r.random() < 0.45)):
                pair = self.close_name(prev, g)
                if pair:
                    g, given = pair
                    if close:
                        self.count("close_name_siblings")
            if given is None and g == "M" and father is not None and \
                    r.random() < P_JUNIOR and \
                    all(k.given != father.given for k in kids):
                given = father.given
            elif given is None and g == "F" and mother is not None and \
                    r.random() < P_JUNIOR_F and \
                    all(k.given != mother.given for k in kids):
                given = mother.given
            if given is None:
                given = self.draw_given(g, y, origin, postal,
                                        avoid | {k.given for k in kids})
            kid = self.new_person(hh, "child", g, y, origin, given, family,
                                  birth)
            parent = father if g == "M" else mother
            if parent is not None and given == parent.given and \
                    parent.gender == g:
                self.junior(parent, kid)
                if r.random() < P_JUNIOR_SHARES_EMAIL:
                    kid.borrow_email = parent
            if birth is not None:
                prev.twin_group = kid.twin_group = f"T{prev.pid}"
                self.count("twin_pairs")
            kids.append(kid)
        return kids[1:] if first else kids

    def close_name(self, sibling, gender):
        """A given name close to the sibling's, for a child of `gender`:
        returns (gender, name) or None."""
        r = self.r
        s = sibling.given
        if sibling.junior_group or sibling.namesake_of is not None:
            return None
        opts = []
        for m, f in CLOSE_SIBLINGS:
            if sibling.gender == "M" and s == m and f != m:
                opts.append(("F", f))
            if sibling.gender == "F" and s == f and f != m:
                opts.append(("M", m))
        for g, a, b in CLOSE_SAME_GENDER:
            if sibling.gender == g and s == a:
                opts.append((g, b))
            if sibling.gender == g and s == b:
                opts.append((g, a))
        if not opts:
            # Re-name the first sibling to one of a close pair.
            m, f = r.choice(CLOSE_SIBLINGS)
            if m == f:
                return None
            sibling.given = m if sibling.gender == "M" else f
            return ("F", f) if sibling.gender == "M" else ("M", m)
        return r.choice(opts)

    def junior(self, parent, child):
        if not parent.junior_group:
            parent.junior_group = f"J{parent.pid}"
        child.junior_group = parent.junior_group
        self.count("same_name_parent_child")

    # Identifiers and life events ------------------------------------

    def settle(self, hh, members, postal):
        """Gives the household and its members their phones, e-mails and
        ids, and schedules moves and name changes."""
        r = self.r
        eldest = min(p.birth[0] for p in members)
        p_line = 0.05 if hh.kind == "flatmates" else \
            0.85 if eldest < 1950 else 0.65 if eldest < 1965 else \
            0.45 if eldest < 1980 else 0.25
        has_line = r.random() < p_line
        hh.landlines.append((ALWAYS, self.landline(postal) if has_line
                             else None))
        if has_line:
            self.count("households_with_landline")
        adults = [p for p in members if p.role != "flatmate"]
        if len(adults) >= 2 and hh.kind not in ("flatmates",) and \
                r.random() < P_FAMILY_EMAIL:
            givens = [p.given for p in members if p.role in
                      ("head", "spouse", "sibling", "single")] or \
                [members[0].given]
            hh.family_email = self.family_email(
                hh, members[0].family_at(END), givens)
            self.count("family_emails")
        if len(members) >= 2 and r.random() < 0.1:
            hh.tablet = self.device()
        if len(members) >= 2:
            self.count("households_2plus")
            self.count("persons_in_households_2plus", len(members))
        # A move of the whole household.
        if r.random() < P_HOUSEHOLD_MOVE:
            t = self.when()
            same_city = r.random() < 0.4
            hh.addresses.append((t, self.make_address(
                hh.addresses[0][1]["city"] if same_city else None)))
            if has_line:
                keep = same_city and r.random() < 0.3
                hh.landlines.append((t, hh.landlines[0][1] if keep else
                                     self.landline(
                                         hh.addresses[-1][1]["postal_code"])))
            self.count("household_moves")
        for p in members:
            self.personal(p)

    def device(self):
        r = self.r
        if r.random() < 0.55:
            return self.unique(lambda: "%016x" % r.getrandbits(64))
        return self.unique(lambda: "%08X-%04X-%04X-%04X-%012X" % (
            r.getrandbits(32), r.getrandbits(16), r.getrandbits(16),
            r.getrandbits(16), r.getrandbits(48)))

    def personal(self, p):
        r = self.r
        y = p.birth[0]
        # Leaving home, marrying (unmarried women), new phone, new e-mail.
        if p.role == "child" and (y >= 1996 and r.random() < P_LEAVE_HOME or
                                  r.random() < 0.08):
            p.leave_t = self.when()
            city = p.hh.addresses[0][1]["city"] if r.random() < 0.5 else None
            p.own_addresses.append((p.leave_t, self.make_address(city)))
            self.count("left_home")
        if p.gender == "F" and p.married is None and 1975 <= y <= 2002 and \
                r.random() < P_MARRIAGE:
            t = self.when()
            husband = self.draw_family(self.draw_origin(),
                                       p.hh.addresses[0][1]["postal_code"])
            self.marry(p, husband, t)
            if p.leave_t == NEVER and p.role == "child" and \
                    r.random() < 0.7:
                p.leave_t = t
                p.own_addresses.append((t, self.make_address()))
                self.count("left_home")
            self.count("married_in_window")
        p_mail = 0.45 if y < 1945 else 0.7 if y < 1955 else \
            0.88 if y < 1970 else 0.96
        if r.random() < p_mail:
            # A married woman's address may spell either name.
            fam = p.family if p.married and r.random() < 0.4 else \
                p.family_at(ALWAYS)
            p.emails.append((ALWAYS, self.personal_email(p, fam)))
            if r.random() < P_EMAIL_CHANGE:
                t = self.when()
                p.emails.append((t, self.personal_email(p, p.family_at(t),
                                                        young=True)))
                self.count("email_changes")
        share_from = p.spouse if p.spouse is not None and \
            p.spouse.mobiles and y < 1955 and p.spouse.birth[0] < 1955 and \
            r.random() < P_SHARED_MOBILE else None
        p_mob = 0.55 if y < 1945 else 0.75 if y < 1955 else 0.95
        if share_from is not None:
            p.mobiles.append((ALWAYS, share_from.mobiles[0][1]))
            self.count("shared_mobiles")
        elif r.random() < p_mob:
            p.mobiles.append((ALWAYS, self.mobile(y)))
            if r.random() < P_MOBILE_CHANGE:
                p.mobiles.append((self.when(), self.mobile(y)))
                self.count("mobile_changes")
        if r.random() < 0.6:
            p.social = self.social_handle(p)
        p.devices.append((ALWAYS, self.device()))
        if r.random() < 0.25:
            p.devices.append((self.when(), self.device()))

    def social_handle(self, p):
        r = self.r
        if r.random() < 0.6:
            return self.unique(lambda: "fb:1000" + "".join(
                r.choice("0123456789") for _ in range(11)))
        g, f = self.name_tokens(p.given, p.family_at(END))
        base = r.choice((f"{g}.{f}", f"{g}_{f}", g + f, f"{g}{f[:3]}",
                         f"{g}.{f[0]}"))
        handle = "ig:@" + base
        while handle in self.taken:
            handle = "ig:@" + base + str(r.randint(1, 999))
        self.taken.add(handle)
        return handle

    def customer_id(self, p, t):
        """p's customer id at t (opening the account when p has none)."""
        r = self.r
        if not p.customer_ids:
            p.customer_ids.append((ALWAYS, self.unique(
                lambda: "K" + str(r.randint(10000000, 99999999)))))
            if r.random() < P_SECOND_ACCOUNT:
                p.customer_ids.append((self.when(), self.unique(
                    lambda: "K" + str(r.randint(10000000, 99999999)))))
                self.count("second_accounts")
        v = at(p.customer_ids, t)
        style = r.random()
        if style < 0.8:
            return v
        if style < 0.85:
            return v.lower()
        if style < 0.95:
            return f"{v[0]} {v[1:5]} {v[5:]}"
        return f"{v[0]}-{v[1:]}"

    def card(self, p, t):
        r = self.r
        if not p.cards:
            p.cards.append((ALWAYS, self.unique(
                lambda: "29" + "".join(r.choice("0123456789")
                                       for _ in range(11)))))
            if r.random() < 0.05:
                p.cards.append((self.when(), self.unique(
                    lambda: "29" + "".join(r.choice("0123456789")
                                           for _ in range(11)))))
        v = at(p.cards, t)
        return v if r.random() < 0.85 else " ".join(
            (v[:1], v[1:7], v[7:]))


# Records --------------------------------------------------------------------


class Channels:
    """Writes what each channel records about a person at a time t."""

    def __init__(self, gen):
        self.g = gen
        self.r = gen.r
        self.ids = set()
        self.used = []   # (type, value) of the identifiers being written

    def source_id(self, make):
        while True:
            v = make()
            if v not in self.ids:
                self.ids.add(v)
                return v

    # Fields --------------------------------------------------------------

    def _case(self, text, upper=False, lower=False, drop=False):
        if drop:
            text = strip_accents(text)
        if upper:
            return text.upper()
        if lower:
            return text.lower()
        return text

    def given_text(self, p, src):
        r = self.r
        g = compound_variant(r, p.given)
        informal = src in ("chat", "social", "mobile")
        nick = {"chat": 0.2, "social": 0.3, "mobile": 0.15}.get(src, 0.03)
        if p.given in NICKNAMES and r.random() < nick:
            g = r.choice(NICKNAMES[p.given])
        elif r.random() < 0.035:
            g = typo(r, g)
            self.g.count("typos_given")
        elif not informal and r.random() < 0.03:
            g = g[0] + r.choice((".", "", "."))
            self.g.count("given_initial_only")
        return g

    def family_text(self, p, t, src):
        r = self.r
        f = p.family
        if p.married and t >= p.marry_t:
            usage = p.source_usage.get(src)
            if usage is None or (usage == "maiden" and r.random() < 0.3):
                usage = weighted(r, (("married", 78), ("maiden", 12),
                                     ("double", 10)))
                p.source_usage[src] = usage
            f = {"married": p.married, "maiden": p.family,
                 "double": f"{p.married}-{p.family}"
                 if "-" not in p.married else p.married}[usage]
        if r.random() < 0.035:
            f = typo(r, f)
            self.g.count("typos_family")
        return f

    def name(self, p, t, src, given=True, family=True):
        r = self.r
        informal = src in ("chat", "social", "mobile")
        drop = r.random() < (0.5 if informal else 0.3)
        upper_family = r.random() < (0.4 if src in ("crm", "store") else 0.1)
        upper_all = r.random() < 0.06
        lower_all = informal and r.random() < 0.15
        out = {}
        g = self.given_text(p, src) if given else None
        f = self.family_text(p, t, src) if family else None
        if g:
            out["given"] = self._case(g, upper_all, lower_all, drop)
        if f:
            out["family"] = self._case(f, upper_all or upper_family,
                                       lower_all, drop)
        if g and f and r.random() < 0.02:
            out["given"], out["family"] = out["family"], out["given"]
            self.g.count("swapped_names")
        if g and f and src in ("store", "crm") and r.random() < 0.06:
            # A legacy form: one field, family name first.
            out = {"full": f"{out['family'].upper()} {out['given']}"}
        elif g and f and src == "social" and r.random() < 0.7:
            out = {"full": f"{out['given']} {out['family']}"}
        elif g and f and src == "crm" and p.married and t >= p.marry_t and \
                r.random() < 0.3 and p.married != p.family:
            out["full"] = f"{out['given']} {p.married} née {p.family}"
        return out

    def birth(self, p, rec):
        key, value = date_variant(self.r, *p.birth)
        rec[key] = value

    def address(self, p, t, src, level="full"):
        r = self.r
        a = p.address_at(t)
        drop = r.random() < 0.3
        city = a["city"]
        if city in ("Paris", "Lyon", "Marseille") and r.random() < 0.25:
            n = int(a["postal_code"][-2:])
            city = r.choice((f"{city} {n}e", f"{city} {n:02d}",
                             f"{city} {n}ème", f"{city.upper()} {n}"))
        if city.startswith("Saint-") and r.random() < 0.4:
            city = "St-" + city[6:] if r.random() < 0.6 else \
                "St " + city[6:].replace("-", " ")
        elif "-" in city and r.random() < 0.2:
            city = city.replace("-", " ")
        if r.random() < 0.02:
            city = typo(r, city)
        city = self._case(city, r.random() < 0.3, False, drop)
        postal = a["postal_code"]
        if r.random() < 0.01:
            postal = digit_typo(r, postal)
            self.g.count("postal_typos")
        out = {}
        if level == "full":
            kind = a["kind"]
            if r.random() < 0.25:
                kind = r.choice(STREET_ABBREVIATIONS[kind])
            street = a["street"]
            if r.random() < 0.3:
                for long, short in STREET_WORD_ABBREVIATIONS:
                    street = street.replace(long, short)
            if r.random() < 0.03:
                street = typo(r, street)
            line = f"{a['number']} {kind} {street}"
            if r.random() < 0.02:
                line = f"{kind} {street}"
            line2 = a["line2"]
            if line2 and r.random() < 0.15:
                line, line2 = f"{line}, {line2}", ""
            elif line2 and r.random() < 0.3:
                line2 = ""
            upper = r.random() < (0.2 if src == "crm" else 0.08)
            out["line1"] = self._case(line, upper, False, drop)
            if line2:
                out["line2"] = self._case(line2, upper, False, drop)
        if level in ("full", "postal") or r.random() < 0.3:
            if level != "city" and r.random() > 0.03:
                out["postal_code"] = postal
        out["city"] = city
        if level == "postal" and r.random() < 0.3:
            del out["city"]
        c = r.random()
        if c < 0.5:
            out["country"] = "FR"
        elif c < 0.62:
            out["country"] = "France"
        elif c < 0.65:
            out["country"] = "FRANCE"
        return out

    def phone(self, number):
        r = self.r
        self.used.append(("phone", number))
        if r.random() < 0.006:
            number = digit_typo(r, number)
            self.g.count("phone_typos")
        return {"type": "phone", "value": phone_text(r, number)}

    def email(self, address, src):
        r = self.r
        self.used.append(("email", address))
        local, domain = address.split("@")
        x = r.random()
        if x < 0.008:
            local = typo(r, local)
            self.g.count("email_typos")
        elif x < 0.016 and domain in PROVIDER_TYPOS:
            domain = r.choice(PROVIDER_TYPOS[domain])
            self.g.count("email_typos")
        elif x < 0.03 and domain == "gmail.com":
            local = local.replace(".", "") if "." in local else \
                local[:len(local) // 2] + "." + local[len(local) // 2:]
        elif x < 0.05 and domain == "gmail.com" and \
                src in ("eshop", "newsletter"):
            local += "+" + r.choice(("promo", "shop", "news", "achats"))
        text = f"{local}@{domain}"
        y = r.random()
        if y < 0.08:
            text = text[0].upper() + text[1:]
        elif y < 0.1:
            text = text.upper()
        elif y < 0.11:
            text = " " + text
        return {"type": "email", "value": text}

    def email_of(self, p, t, src, family_share=0.0):
        """The e-mail p gives at t: the current one, sometimes an older one
        or the household's. Returns (address, kind) or (None, None)."""
        r = self.r
        hh_mail = p.hh.family_email if t < p.leave_t else None
        if hh_mail and r.random() < family_share:
            return hh_mail, "family"
        if p.borrow_email is not None and p.borrow_email.emails and \
                t < p.leave_t and r.random() < 0.35:
            return at(p.borrow_email.emails, t), "borrowed"
        if not p.emails:
            return (hh_mail, "family") if hh_mail and r.random() < 0.5 \
                else (None, None)
        if len(p.emails) > 1 and src == "newsletter" and r.random() < 0.5:
            return p.emails[0][1], "personal"  # the old subscription
        return at(p.emails, t), "personal"

    def cid(self, p, t):
        v = self.g.customer_id(p, t)
        self.used.append(("customer_id", at(p.customer_ids, t)))
        return {"type": "customer_id", "value": v}

    def loyalty(self, p, t):
        v = self.g.card(p, t)
        self.used.append(("loyalty_card", at(p.cards, t)))
        return {"type": "loyalty_card", "value": v}

    def mobile_of(self, p, t):
        return at(p.mobiles, t) if p.mobiles else None

    def junk_phone(self):
        self.g.count("junk_phones")
        return {"type": "phone", "value": self.r.choice(
            ("0000000000", "0600000000", "0102030405", "0612345678"))}

    # Channels -----------------------------------------------------------

    def crm(self, p, t):
        r = self.r
        ids = []
        if r.random() < 0.95:
            ids.append(self.cid(p, t))
        mail, _ = self.email_of(p, t, "crm", 0.08)
        if mail and r.random() < 0.85:
            ids.append(self.email(mail, "crm"))
        mob = self.mobile_of(p, t)
        if mob and r.random() < 0.75:
            ids.append(self.phone(mob))
        line = p.landline_at(t)
        if line and r.random() < 0.5:
            ids.append(self.phone(line))
        if r.random() < 0.4:
            ids.append(self.loyalty(p, t))
        rec = {"source": "crm", "source_id": self.source_id(
            lambda: f"C-{r.randint(2005, 2025)}-{r.randint(0, 999999):06d}"),
            "identifiers": ids, "name": self.name(p, t, "crm")}
        if r.random() < 0.85:
            self.birth(p, rec)
        if r.random() < 0.75:
            rec["gender"] = gender_text(r, p.gender, "crm")
        if r.random() < 0.92:
            rec["address"] = self.address(p, t, "crm")
        if r.random() < 0.3:
            rec["attributes"] = {"segment": r.choice(
                ("premium", "standard", "inactif", "nouveau"))}
        return rec

    def eshop(self, p, t):
        r = self.r
        mail, _ = self.email_of(p, t, "eshop", 0.15)
        if mail is None:
            return None
        ids = [self.email(mail, "eshop")]
        if r.random() < 0.55:
            ids.append(self.cid(p, t))
        mob = self.mobile_of(p, t)
        line = p.landline_at(t)
        if r.random() < P_JUNK_PHONE:
            ids.append(self.junk_phone())
        elif mob and r.random() < 0.65:
            ids.append(self.phone(mob))
        elif line and r.random() < 0.1:
            ids.append(self.phone(line))
        rec = {"source": "eshop", "source_id": self.source_id(
            lambda: f"ES{r.randint(0, 999999999):09d}"), "identifiers": ids}
        if r.random() < 0.95:
            rec["name"] = self.name(p, t, "eshop")
        if r.random() < 0.85:
            rec["address"] = self.address(p, t, "eshop")
        if r.random() < 0.12:
            self.birth(p, rec)
        if r.random() < 0.3:
            rec["attributes"] = {"orders": str(r.randint(1, 40))}
        return rec

    def chat(self, p, t):
        r = self.r
        mail, _ = self.email_of(p, t, "chat", 0.05)
        mob = self.mobile_of(p, t)
        ids = []
        x = r.random()
        if mail and (not mob or x < 0.5):
            ids.append(self.email(mail, "chat"))
            if mob and r.random() < 0.1:
                ids.append(self.phone(mob))
        elif mob:
            ids.append(self.phone(mob))
        else:
            return None
        rec = {"source": "chat", "source_id": self.source_id(
            lambda: "%08x-%04x-4%03x-%04x-%012x" % (
                r.getrandbits(32), r.getrandbits(16), r.getrandbits(12),
                r.getrandbits(16), r.getrandbits(48))), "identifiers": ids}
        x = r.random()
        if x < 0.45:
            rec["name"] = self.name(p, t, "chat", family=False)
        elif x < 0.65:
            rec["name"] = self.name(p, t, "chat")
        return rec

    def ivr(self, p, t):
        r = self.r
        mob = self.mobile_of(p, t)
        line = p.landline_at(t)
        use_line = line and (not mob or r.random() < (
            0.5 if age_band(p) == 2 else 0.3))
        if not use_line and not mob:
            return None
        ids = [self.phone(line if use_line else mob)]
        if r.random() < 0.3:
            ids.append(self.cid(p, t))
        day = time.strftime("%Y%m%d", time.gmtime(t))
        rec = {"source": "ivr", "source_id": self.source_id(
            lambda: f"IVR{day}{r.randint(0, 999999):06d}"),
            "identifiers": ids,
            "attributes": {"menu": r.choice(("commande", "facture", "sav",
                                             "fidelite", "autre"))}}
        if r.random() < 0.1:
            rec["name"] = self.name(p, t, "ivr", given=False)
        return rec

    def mobile(self, p, t):
        r = self.r
        device = at(p.devices, t)
        if p.hh.tablet and t < p.leave_t and r.random() < 0.3:
            device = p.hh.tablet
            self.g.count("shared_tablet_records")
        ids = [{"type": "device_id", "value": device}]
        self.used.append(("device_id", device))
        mail, _ = self.email_of(p, t, "mobile", 0.05)
        if mail and r.random() < 0.92:
            ids.append(self.email(mail, "mobile"))
        mob = self.mobile_of(p, t)
        if mob and r.random() < 0.25:
            ids.append(self.phone(mob))
        rec = {"source": "mobile", "source_id": self.source_id(
            lambda: "m_" + "".join(r.choice("0123456789abcdefghijklmnopqrstuv"
                                            "wxyz") for _ in range(10))),
            "identifiers": ids}
        x = r.random()
        if x < 0.3:
            rec["name"] = self.name(p, t, "mobile", family=False)
        elif x < 0.75:
            rec["name"] = self.name(p, t, "mobile")
        if r.random() < 0.2:
            self.birth(p, rec)
        if r.random() < 0.3:
            rec["gender"] = gender_text(r, p.gender, "mobile")
        if r.random() < 0.15:
            rec["address"] = self.address(p, t, "mobile", "postal")
        return rec

    def store(self, p, t):
        r = self.r
        ids = []
        if r.random() < 0.85:
            ids.append(self.loyalty(p, t))
        mob, line = self.mobile_of(p, t), p.landline_at(t)
        x = r.random()
        if x < P_JUNK_PHONE * 3:
            ids.append(self.junk_phone())
        elif x < 0.6:
            if line and (not mob or r.random() < 0.3):
                ids.append(self.phone(line))
            elif mob:
                ids.append(self.phone(mob))
        mail, _ = self.email_of(p, t, "store", 0.1)
        if mail and r.random() < 0.25:
            ids.append(self.email(mail, "store"))  # an e-mailed receipt
        store = r.randint(1, 240)
        rec = {"source": "store", "source_id": self.source_id(
            lambda: f"ST{store:03d}-{r.randint(0, 9999999):07d}"),
            "identifiers": ids, "attributes": {"store": f"{store:03d}"}}
        if r.random() < 0.9:
            rec["name"] = self.name(p, t, "store")
        elif ids and r.random() < 0.5:
            rec["name"] = self.name(p, t, "store", given=False)
        if r.random() < 0.65:
            rec["address"] = self.address(
                p, t, "store", "full" if r.random() < 0.2 else "postal")
        if r.random() < 0.3:
            self.birth(p, rec)
        if not ids and "name" not in rec:
            return None
        return rec

    def social(self, p, t):
        r = self.r
        if p.social is None:
            return None
        ids = [{"type": "social", "value": p.social}]
        self.used.append(("social", p.social))
        mail, _ = self.email_of(p, t, "social", 0.0)
        if mail and r.random() < 0.45:
            ids.append(self.email(mail, "social"))
        rec = {"source": "social", "source_id": self.source_id(
            lambda: f"soc-{r.choice(('fb', 'ig', 'x'))}-"
            f"{r.getrandbits(40):x}"), "identifiers": ids}
        if r.random() < 0.9:
            rec["name"] = self.name(p, t, "social")
        if r.random() < 0.25:
            self.birth(p, rec)
        if r.random() < 0.35:
            rec["address"] = self.address(p, t, "social", "city")
        return rec

    def newsletter(self, p, t):
        r = self.r
        mail, kind = self.email_of(p, t, "newsletter", 0.3)
        if mail is None:
            return None
        rec = {"source": "newsletter", "source_id": self.source_id(
            lambda: f"NL-{r.randint(0, 9999999):07d}"),
            "identifiers": [self.email(mail, "newsletter")]}
        if r.random() < 0.3:
            rec["name"] = self.name(p, t, "newsletter", family=False)
        if r.random() < 0.2:
            rec["address"] = self.address(p, t, "newsletter", "postal")
        if r.random() < 0.05:
            self.birth(p, rec)
        return rec

    # What a returning customer is asked for, by channel.
    ASKED = {"crm": ("customer_id", "email", "phone"),
             "eshop": ("email", "customer_id"),
             "chat": ("email", "phone"), "ivr": ("customer_id", "phone"),
             "mobile": ("email",), "store": ("phone", "loyalty_card", "email"),
             "social": ("email",), "newsletter": ()}

    def identify(self, rec, seen):
        """A returning customer gives an identifier of an earlier record:
        the caller keys in the customer number, the cashier asks for the
        phone, the app login is the e-mail."""
        r = self.r
        for kind in self.ASKED[rec["source"]]:
            values = [v for k, v in seen if k == kind]
            if not values:
                continue
            v = r.choice(values)
            ident = self.phone(v) if kind == "phone" else \
                self.email(v, rec["source"]) if kind == "email" else \
                {"type": kind, "value": v}
            rec.setdefault("identifiers", []).append(ident)
            self.used.append((kind, v))
            self.g.count("identified_returning")
            return

    def records(self, p):
        """p's records as [(t, record)], oldest first."""
        r = self.r
        k = weighted(r, RECORD_COUNTS)
        if age_band(p) == 2 and k > 1 and r.random() < 0.3:
            k -= 1
        band = age_band(p)
        weights = [(s, SOURCE_WEIGHTS[s][band]) for s in SOURCES]
        out = []
        seen = []   # (type, value) written on p's earlier records
        for t in sorted(self.g.when() for _ in range(k)):
            for _ in range(8):
                self.used = []
                src = weighted(r, weights)
                rec = getattr(self, src)(p, t)
                if rec is not None:
                    break
            else:
                self.used = []
                rec = self.crm(p, t)
            if seen and not set(self.used) & set(seen) and \
                    r.random() < P_IDENTIFY:
                self.identify(rec, seen)
            seen += self.used
            shared = {v for _, v in p.hh.landlines if v} | \
                {p.hh.family_email} | {m for _, m in p.mobiles
                                       if p.spouse is not None and
                                       m in {x for _, x in p.spouse.mobiles}}
            if "name" not in rec and len(self.used) == 1 and \
                    self.used[0][1] in shared:
                self.g.count("single_shared_id_records")
                self.g.count(f"single_shared_id_{rec['source']}")
            rec["observed_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                               time.gmtime(t))
            out.append((t, {f: rec[f] for f in FIELD_ORDER if rec.get(f)}))
        return out


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
