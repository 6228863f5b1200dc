"""Makes every record of a generated person reachable from the others.

Real channel records always carry something linkable: an identifier also
seen on another record of the person, or a full name with a birth date,
a street address or a household identifier. `link_records` checks this
for one person's records and, where a group of records is cut off from
the rest, adds the identifier a channel would really have asked for (a
caller gives a customer number, a store cashier asks for a phone, ...).
Chains are allowed: a record may be reachable only through another one.
"""

import re

from french_vocab import phone_format

# Identifier types unique to a person that link records on their own, and
# the Person attribute holding each. A device id is not one: devices are
# shared and reinstalled, so a resolver treats it as weak evidence.
PERSONAL = {"email": "email", "mobile": "mobile",
            "customer_id": "customer_id", "loyalty_card": "loyalty_card"}

# What each channel asks for when a record must be tied to the customer,
# in order of preference; a channel never records the other types.
ASKS = {"crm": ("customer_id", "email", "mobile", "loyalty_card"),
        "shop": ("email", "mobile", "customer_id"),
        "chat": ("email", "mobile", "customer_id"),
        "ivr": ("customer_id", "mobile"),
        "app": ("email", "mobile", "customer_id"),
        "store": ("mobile", "email", "loyalty_card", "customer_id")}


def _phone_digits(value):
    digits = re.sub(r"\D", "", value.replace("(0)", ""))
    if digits.startswith("0033"):
        digits = "0" + digits[4:]
    elif digits.startswith("33") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def evidence(p, rec):
    """Returns (personal ids, household ids) of rec as sets of kind:value
    strings, keeping only values that are really p's (no placeholder, no
    typo)."""
    personal, household = set(), set()
    for ident in rec.get("identifiers", ()):
        kind, value = ident["type"], ident["value"]
        if kind == "phone":
            digits = _phone_digits(value)
            if digits == p.mobile:
                personal.add("mobile:" + digits)
            elif digits == p.landline:
                household.add("landline:" + digits)
        elif kind == "email":
            value = value.lower()
            if value == p.email:
                personal.add("email:" + value)
            elif value == p.family_email:
                household.add("family_email:" + value)
        elif kind in PERSONAL and getattr(p, PERSONAL[kind]) == value:
            personal.add(kind + ":" + value)
    return personal, household


def linked(p, a, b):
    """Tells whether records a and b of p carry evidence that they are the
    same person: a shared personal identifier, or the same full name (same
    family name era) with the same birth date, street address or household
    identifier."""
    ida, hha = evidence(p, a)
    idb, hhb = evidence(p, b)
    if ida & idb:
        return True
    na, nb = a.get("name", {}), b.get("name", {})
    if not (na.get("given") and na.get("family") and nb.get("given") and
            nb.get("family")) or a["_married"] != b["_married"]:
        return False
    if a.get("birth_date") and b.get("birth_date"):
        return True
    same_home = a["_moved"] == b["_moved"]
    if same_home and "line1" in a.get("address", {}) and \
            "line1" in b.get("address", {}):
        return True
    return bool(hha & hhb)


def components(p, recs):
    """Returns the connected groups of record indexes under `linked`."""
    group = list(range(len(recs)))

    def find(i):
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    for i in range(len(recs)):
        for j in range(i):
            if find(i) != find(j) and linked(p, recs[i], recs[j]):
                group[find(i)] = find(j)
    out = {}
    for i in range(len(recs)):
        out.setdefault(find(i), []).append(i)
    return list(out.values())


def _identifier(rng, p, kind, ensure):
    value = ensure(p, kind)
    if kind == "mobile":
        return {"type": "phone", "value": phone_format(rng, value)}
    return {"type": kind, "value": value}


def _add(rng, p, rec, kind, ensure):
    rec.setdefault("identifiers", []).append(_identifier(rng, p, kind, ensure))


def _bridge(rng, p, recs, cut_off, main, ensure):
    """Adds to one record of `cut_off` an identifier of p that some record
    of `main` carries and its channel asks for; returns False when there is
    none."""
    held = set()
    for i in main:
        held |= {e.split(":", 1)[0] for e in evidence(p, recs[i])[0]}
    for i in cut_off:
        for kind in ASKS[recs[i]["source"]]:
            if kind in held:
                _add(rng, p, recs[i], kind, ensure)
                return True
    return False


def link_records(rng, p, recs, ensure):
    """Adds identifiers to p's records (dicts with `_married` and `_moved`
    flags) until all of them are connected; returns how many were added.
    `ensure(p, kind)` returns p's value of an identifier kind, making one
    if p has none yet."""
    added = 0
    while True:
        groups = components(p, recs)
        if len(groups) == 1:
            return added
        main, cut_off = groups[0], groups[1]
        if not (_bridge(rng, p, recs, cut_off, main, ensure) or
                _bridge(rng, p, recs, main, cut_off, ensure)):
            # Neither side holds what the other's channel asks for: both
            # records get the first kind their two channels share.
            a, b = recs[main[0]], recs[cut_off[0]]
            kind = next(k for k in ASKS[a["source"]]
                        if k in ASKS[b["source"]] and
                        (k != "mobile" or p.mobile))
            _add(rng, p, a, kind, ensure)
            _add(rng, p, b, kind, ensure)
        added += 1
