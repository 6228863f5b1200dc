"""The noise model of gen_households.py: how people and clerks mistype and
reformat names, dates, phones, e-mails and addresses. Every function takes
the random generator to use, so the output depends on the seed only.
Standard library only.
"""

import unicodedata

# AZERTY keyboard, the French layout: a typo hits a neighbouring key.
_ROWS = ("azertyuiop", "qsdfghjklm", "wxcvbn")
NEIGHBOURS = {}
for _r, _row in enumerate(_ROWS):
    for _c, _ch in enumerate(_row):
        near = []
        for dr in (-1, 0, 1):
            rr = _r + dr
            if not 0 <= rr < len(_ROWS):
                continue
            for dc in ((-1, 1) if dr == 0 else (0, 1) if dr < 0 else (-1, 0)):
                cc = _c + dc
                if 0 <= cc < len(_ROWS[rr]):
                    near.append(_ROWS[rr][cc])
        NEIGHBOURS[_ch] = "".join(near)

# Spellings that sound alike in French (written form -> replacement).
PHONETIC = (("ph", "f"), ("eau", "o"), ("au", "o"), ("ille", "ie"),
            ("y", "i"), ("qu", "k"), ("ç", "ss"), ("c", "k"), ("th", "t"),
            ("ai", "é"), ("er", "é"), ("ss", "s"), ("mm", "m"), ("nn", "n"),
            ("ll", "l"), ("tt", "t"), ("s", "z"), ("in", "ain"), ("an", "en"),
            ("k", "c"), ("z", "s"), ("é", "è"), ("è", "é"), ("ë", "e"))


def strip_accents(text):
    """'Émilie Gonçalves' -> 'Emilie Goncalves' (ligatures kept as letters)."""
    text = text.replace("œ", "oe").replace("Œ", "OE").replace(
        "æ", "ae").replace("ß", "ss")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def ascii_local(text):
    """Letters of `text` for an e-mail local part: 'N'Diaye' -> 'ndiaye'."""
    out = []
    for c in strip_accents(text).lower():
        if "a" <= c <= "z" or "0" <= c <= "9":
            out.append(c)
        elif c in " -":
            out.append("-")
    return "".join(out).strip("-")


def _letters(word):
    return [i for i, c in enumerate(word) if c.isalpha()]


def typo(r, word, kind=None):
    """One mistake in `word`: a neighbouring key, two letters swapped, a
    letter dropped or doubled, or a spelling that sounds the same. Returns
    the word unchanged when it is too short to mistype."""
    idx = _letters(word)
    if len(idx) < 3:
        return word
    kind = kind or r.choices(
        ("key", "swap", "drop", "double", "sound"),
        (35, 20, 20, 10, 15))[0]
    if kind == "sound":
        low = word.lower()
        hits = [(a, b) for a, b in PHONETIC if a in low[1:]]
        if hits:
            a, b = r.choice(hits)
            pos = low.index(a, 1)
            rep = b.upper() if word[pos].isupper() else b
            return word[:pos] + rep + word[pos + len(a):]
        kind = "key"
    i = r.choice(idx[1:])  # people rarely mistype the first letter
    c = word[i]
    if kind == "key":
        base = strip_accents(c).lower()
        near = NEIGHBOURS.get(base)
        if not near:
            return word[:i] + word[i + 1:]
        n = r.choice(near)
        return word[:i] + (n.upper() if c.isupper() else n) + word[i + 1:]
    if kind == "swap":
        j = i + 1 if i + 1 < len(word) and word[i + 1].isalpha() else i - 1
        if j < 1 or word[j].lower() == c.lower():
            return word[:i] + word[i + 1:]
        a, b = min(i, j), max(i, j)
        return word[:a] + word[b] + word[a] + word[b + 1:]
    if kind == "drop":
        return word[:i] + word[i + 1:]
    return word[:i] + c + word[i:]  # double


def digit_typo(r, digits):
    """One digit of a digit string replaced by its keypad neighbour or two
    adjacent digits swapped."""
    if len(digits) < 2:
        return digits
    i = r.randrange(1, len(digits))
    if r.random() < 0.5 and i + 1 < len(digits) and digits[i] != digits[i + 1]:
        return digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:]
    d = int(digits[i])
    new = str((d + r.choice((1, -1, 3, -3))) % 10)
    return digits[:i] + new + digits[i + 1:]


# Phones ------------------------------------------------------------------

PHONE_STYLES = (("spaced", 35), ("plain", 25), ("e164", 12), ("dots", 12),
                ("intl_spaced", 8), ("dashes", 4), ("0033", 2),
                ("no_zero", 2))


def phone_text(r, national, style=None):
    """Writes a 10-digit French number '0612345678' as a channel would."""
    if style is None:
        style = r.choices([s for s, _ in PHONE_STYLES],
                          [w for _, w in PHONE_STYLES])[0]
    pairs = [national[i:i + 2] for i in range(0, 10, 2)]
    rest = national[1:]
    if style == "spaced":
        return " ".join(pairs)
    if style == "plain":
        return national
    if style == "e164":
        return "+33" + rest
    if style == "dots":
        return ".".join(pairs)
    if style == "intl_spaced":
        return "+33 " + rest[0] + " " + " ".join(
            rest[i:i + 2] for i in range(1, 9, 2))
    if style == "dashes":
        return "-".join(pairs)
    if style == "0033":
        return "0033" + rest
    return rest  # a spreadsheet dropped the leading zero


# Names -------------------------------------------------------------------

def compound_variant(r, given):
    """How a compound given name gets written: 'Jean-Pierre', 'Jean Pierre',
    'Jean-pierre', 'Jeanpierre', or its first part only."""
    if "-" not in given:
        return given
    a, b = given.split("-", 1)
    return r.choices((given, f"{a} {b}", f"{a}-{b.lower()}", a, a + b.lower()),
                     (55, 22, 8, 12, 3))[0]


# Dates -------------------------------------------------------------------

def date_variant(r, y, m, d):
    """Returns ('birth_date', 'YYYY-MM-DD') or ('birth_date_text', text) as a
    source wrote the date, with its usual mistakes."""
    x = r.random()
    if x < 0.025 and d <= 12 and d != m:
        m, d = d, m  # day and month swapped (US-style entry)
    elif x < 0.04:
        text = digit_typo(r, f"{y:04d}{m:02d}{d:02d}")
        y2, m2, d2 = int(text[:4]), int(text[4:6]), int(text[6:])
        if _valid(y2, m2, d2):
            y, m, d = y2, m2, d2
        else:
            return "birth_date_text", f"{y2:04d}-{m2:02d}-{d2:02d}"
    elif x < 0.046:
        return "birth_date_text", f"{y:04d}-00-00"  # year only known
    elif x < 0.049:
        y += r.choice((-1, 1))  # age-based guess of the year
    elif x < 0.051:
        return "birth_date", "1900-01-01"  # the legacy form's default
    if not _valid(y, m, d):
        return "birth_date_text", f"{y:04d}-{m:02d}-{d:02d}"
    return "birth_date", f"{y:04d}-{m:02d}-{d:02d}"


def _valid(y, m, d):
    if not (1800 <= y <= 2200 and 1 <= m <= 12 and d >= 1):
        return False
    days = (31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28,
            31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    return d <= days[m - 1]


def gender_text(r, gender, source):
    """'F'/'M' as the source writes it."""
    if source == "mobile":
        return {"F": "female", "M": "male"}[gender]
    style = r.choices(("FM", "HF", "civ", "insee", "word"),
                      (50, 15, 20, 8, 7))[0]
    if style == "FM":
        return gender
    if style == "HF":
        return {"F": "F", "M": "H"}[gender]
    if style == "civ":
        return {"F": r.choice(("Mme", "Madame", "MME")),
                "M": r.choice(("M.", "Monsieur", "M"))}[gender]
    if style == "insee":
        return {"F": "2", "M": "1"}[gender]
    return {"F": "Femme", "M": "Homme"}[gender]
