#!/usr/bin/env python3
"""The people of gen_households.py: households of one to three
generations, persons with their names, birth dates, moves, phones and
e-mails over the generation window (Household, Person, Generator), and the
parameters of the model. Standard library only."""

import calendar
import random

from hh_noise import ascii_local
from hh_vocab import (CLOSE_SAME_GENDER, CLOSE_SIBLINGS, COHORTS, COMMUNES,
                      FAMILY_FR, GIVEN_F, GIVEN_M, LINE2, ORIGINS,
                      PROVIDERS_OLD, PROVIDERS_YOUNG, PSEUDO_WORDS,
                      REGIONAL_FAMILY, REGIONAL_GIVEN, STREET_NAMES,
                      STREET_TYPES, landline_zone, zipf_weights)

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
