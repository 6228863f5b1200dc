#!/usr/bin/env python3
"""The channels of gen_households.py: what each of the eight sources
records about a person at a time (Channels), with its formats and noise.
Standard library only."""

import time

from hh_noise import (compound_variant, date_variant, digit_typo, gender_text,
                      phone_text, strip_accents, typo)
from hh_population import (FIELD_ORDER, SOURCES, SOURCE_WEIGHTS, RECORD_COUNTS,
                           P_JUNK_PHONE, P_IDENTIFY, weighted, at, age_band)
from hh_vocab import (NICKNAMES, PROVIDER_TYPOS, STREET_ABBREVIATIONS,
                      STREET_WORD_ABBREVIATIONS)


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
