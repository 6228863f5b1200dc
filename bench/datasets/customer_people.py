"""Persons and households of gen_customers.py.

`Households` draws households (partners, children, twins, namesakes) and
gives every person unique identifiers from a `Registry`. The records that
channels write about these persons are made in gen_customers.py.
"""

import random

from french_vocab import (CITIES, EMAIL_DOMAINS, FAMILY_NAMES, FEMALE_NAMES,
                          LINE2, MALE_NAMES, STREET_NAMES, STREET_TYPES,
                          ascii_token, landline_prefix)

P_NAMESAKE = 0.02      # a household head copies an earlier head's name+city
P_TWINS = 0.25         # households with two or more children


def weighted(rng, table):
    total = sum(w for _, w in table)
    x = rng.random() * total
    for value, w in table:
        x -= w
        if x < 0:
            return value
    return table[-1][0]



# Identifiers ---------------------------------------------------------------


class Registry:
    """Hands out unique identifier values (deterministic for a seed)."""

    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def _unique(self, make):
        while True:
            value = make()
            if value not in self.used:
                self.used.add(value)
                return value

    def _digits(self, n):
        return "".join(self.rng.choice("0123456789") for _ in range(n))

    def source_id(self, prefix, width):
        # Random rather than sequential, so that ids do not reveal which
        # records were generated together (i.e. belong to one person).
        return self._unique(lambda: prefix + self._digits(width))

    def session_id(self):
        return self._unique(lambda: f"chat-{self.rng.getrandbits(48):012x}")

    def mobile(self):
        return self._unique(lambda: "0" + self.rng.choice("67") +
                            self._digits(8))

    def landline(self, postal_code):
        zone = landline_prefix(postal_code)
        return self._unique(lambda: "0" + zone + self._digits(8))

    def customer_id(self):
        return self._unique(lambda: "C" + self._digits(7))

    def loyalty_card(self):
        return self._unique(lambda: "2977" + self._digits(9))

    def device_id(self):
        r = self.rng
        return self._unique(lambda: "%08x-%04x-4%03x-%04x-%012x" % (
            r.getrandbits(32), r.getrandbits(16), r.getrandbits(12),
            0x8000 | r.getrandbits(14), r.getrandbits(48)))

    def email(self, local):
        domain = weighted(self.rng, EMAIL_DOMAINS)
        email = f"{local}@{domain}"
        while email in self.used:
            email = f"{local}{self.rng.randint(1, 999)}@{domain}"
        self.used.add(email)
        return email

    def personal_email(self, given, family):
        r = self.rng
        g, f = ascii_token(given), ascii_token(family)
        local = r.choice((f"{g}.{f}", f"{g[0]}{f}", f"{g}{f}", f"{f}.{g}",
                          f"{g}.{f}{r.randint(1, 99)}",
                          f"{g}{r.randint(1950, 2009)}", f"{g[0]}.{f}"))
        return self.email(local)


# People --------------------------------------------------------------------


class Person:
    __slots__ = ("cluster", "given", "family", "gender", "birth", "email",
                 "family_email", "mobile", "landline", "address",
                 "new_address", "move_cut", "new_family", "marry_cut",
                 "customer_id", "loyalty_card", "device_id")

    def __init__(self, cluster, given, family, gender, birth):
        self.cluster = cluster
        self.given, self.family, self.gender = given, family, gender
        self.birth = birth
        self.email = self.family_email = None
        self.mobile = self.landline = None
        self.address = self.new_address = None
        self.move_cut = self.marry_cut = 99
        self.new_family = None
        self.customer_id = self.loyalty_card = self.device_id = None


def make_address(rng, city=None):
    if city is None:
        city = rng.choice(CITIES)
    number = str(rng.randint(1, 150))
    if rng.random() < 0.05:
        number += rng.choice((" bis", " ter", "B"))
    return {"number": number, "types": weighted(rng, STREET_TYPES),
            "street": rng.choice(STREET_NAMES),
            "line2": rng.choice(LINE2) if rng.random() < 0.12 else "",
            "city": city[0], "postal_code": city[1]}


class Households:
    """Draws households of persons with their contacts (thread-compatible;
    deterministic for a seed)."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.ids = Registry(self.rng)
        self.persons = 0
        self.heads = []  # (given, family, gender, city, birth) of heads
        self.namesakes = {}      # (given, family, city) -> group size
        self.stats = {"households": 0, "twins": 0, "marriages": 0,
                      "moves": 0, "chains": 0, "placeholders": 0,
                      "family_emails": 0, "linking_ids": 0}

    def _person(self, given, family, gender, birth):
        self.persons += 1
        return Person(f"P{self.persons:07d}", given, family, gender, birth)

    def _given(self, gender, avoid=()):
        names = FEMALE_NAMES if gender == "F" else MALE_NAMES
        while True:
            name = self.rng.choice(names)
            if name not in avoid:
                return name

    def _birth(self, low, high):
        r = self.rng
        return (r.randint(low, high), r.randint(1, 12), r.randint(1, 28))

    def _head(self, address):
        """Makes a household's first adult, sometimes a namesake."""
        r = self.rng
        if self.heads and r.random() < P_NAMESAKE:
            given, family, gender, city, taken = r.choice(self.heads)
            key = (given, family, city[0])
            self.namesakes[key] = self.namesakes.get(key, 1) + 1
            address.update(make_address(r, city))
            birth = self._birth(1940, 2002)
            while birth[0] == taken[0]:  # a different person, visibly
                birth = self._birth(1940, 2002)
            return self._person(given, family, gender, birth)
        gender = r.choice("FM")
        head = self._person(self._given(gender), r.choice(FAMILY_NAMES),
                            gender, self._birth(1940, 2002))
        self.heads.append((head.given, head.family, gender,
                           (address["city"], address["postal_code"]),
                           head.birth))
        return head

    def household(self, size):
        """Returns the persons of one new household of `size` people."""
        r = self.rng
        address = make_address(r)
        head = self._head(address)
        members = [head]
        if size >= 2:
            gender = "M" if head.gender == "F" or r.random() < 0.1 else "F"
            year = min(2002, max(1940, head.birth[0] + r.randint(-6, 6)))
            family = (head.family if r.random() < 0.85
                      else r.choice(FAMILY_NAMES))
            members.append(self._person(self._given(gender, (head.given,)),
                                        family, gender,
                                        self._birth(year, year)))
        self._children(head, members, size - len(members))
        landline = None
        if r.random() < (0.6 if size >= 2 else 0.2):
            landline = self.ids.landline(address["postal_code"])
        family_email = None
        if size >= 2 and r.random() < 0.3:
            family_email = self.ids.email(
                r.choice(("famille.", "", "les")) + ascii_token(head.family))
            self.stats["family_emails"] += 1
        for p in members:
            self._contact(p, address, landline, family_email)
        if size >= 2:
            self.stats["households"] += 1
        return members

    def _children(self, head, members, count):
        r = self.rng
        low = head.birth[0] + 20
        high = min(2008, head.birth[0] + 42)
        if count <= 0 or low > high:
            return
        twins = count >= 2 and r.random() < P_TWINS
        for i in range(count):
            gender = r.choice("FM")
            taken = tuple(m.given for m in members)
            if twins and i == 1:
                birth = members[-1].birth
                self.stats["twins"] += 1
            else:
                birth = self._birth(low, high)
            members.append(self._person(self._given(gender, taken),
                                        head.family, gender, birth))

    def _contact(self, p, address, landline, family_email):
        r = self.rng
        p.address = address
        p.landline = landline
        p.family_email = family_email
        p.email = self.ids.personal_email(p.given, p.family)
        if r.random() < 0.92:
            p.mobile = self.ids.mobile()
