#!/usr/bin/env python3
"""Converts the labelled linkage datasets into the idres ingest format.

For a dataset SET this writes OUTDIR/records.jsonl (one idres.v1.Record in
proto3 JSON per line) and OUTDIR/truth.csv (source,source_id,cluster).
`convert.py all --out OUTDIR` converts every set into OUTDIR/<set>/.
See bench/datasets/README.md for the field mappings and data quirks.
Standard library only; the output is deterministic (input order is kept).
"""

import argparse
import csv
import datetime
import json
import os
import re
import sys

SETS = ("febrl1", "febrl2", "febrl3", "febrl4", "fake_1000",
        "historical_50k", "rldata500", "rldata10000", "senzing_v4")

MAX_STRING = 256
MAX_IDENTIFIERS = 64


class ConvertError(Exception):
    """A problem with the input data or the command line."""


def default_data_dir():
    # <repo>/bench/datasets/convert.py -> <repo>/../shared/datasets
    repo = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    return os.path.normpath(os.path.join(repo, "..", "shared", "datasets"))


def clip(value):
    value = (value or "").strip()
    return value[:MAX_STRING]


def iso_date(year, month, day):
    """Returns YYYY-MM-DD for a real calendar date in the years idres
    accepts as a birth date (1800..2200), else None."""
    try:
        date = datetime.date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None
    return date.isoformat() if 1800 <= date.year <= 2200 else None


def valid_iso(text):
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text or "")
    return iso_date(*m.groups()) if m else None


def make_record(source, source_id):
    return {"source": source, "source_id": source_id}


def set_fields(record, key, **fields):
    """Sets record[key] to the non-empty fields, or leaves it out."""
    kept = {k: clip(v) for k, v in fields.items() if clip(v)}
    if kept:
        record.setdefault(key, {}).update(kept)


def add_identifier(record, id_type, value):
    value = clip(value)
    if not value:
        return
    ids = record.setdefault("identifiers", [])
    entry = {"type": id_type, "value": value}
    if entry not in ids and len(ids) < MAX_IDENTIFIERS:
        ids.append(entry)


def set_scalar(record, key, value):
    value = clip(value)
    if value:
        record[key] = value


def set_birth_date(record, normalized, raw):
    """Sets birth_date, or a non-empty raw value that is no calendar date
    ("2001-12-64", "1949-0-13") as birth_date_text, which idres compares
    part by part."""
    if normalized:
        record["birth_date"] = normalized
    elif clip(raw):
        record["birth_date_text"] = clip(raw)


def read_csv(path, skip_initial_space=False):
    if not os.path.isfile(path):
        raise ConvertError(f"{path}: no such file")
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f, skipinitialspace=skip_initial_space)
        rows = []
        for row in reader:
            if None in row:
                raise ConvertError(
                    f"{path}:{reader.line_num}: more fields than the header")
            rows.append({k.strip(): (v or "").strip() for k, v in row.items()})
        return rows


def require_columns(path, rows, columns):
    if rows:
        missing = [c for c in columns if c not in rows[0]]
        if missing:
            raise ConvertError(f"{path}: missing columns {missing}")


# FEBRL ----------------------------------------------------------------------

FEBRL_ID = re.compile(r"^rec-(\d+)-(org|dup-\d+)$")


def febrl_rows(path, source, with_ids):
    rows = read_csv(path, skip_initial_space=True)
    require_columns(path, rows, ["rec_id", "given_name", "surname",
                                 "date_of_birth", "soc_sec_id"])
    for line, row in enumerate(rows, start=2):
        m = FEBRL_ID.match(row["rec_id"])
        if not m:
            raise ConvertError(f"{path}:{line}: bad rec_id {row['rec_id']!r}")
        rec = make_record(source, row["rec_id"])
        if with_ids:
            add_identifier(rec, "national_id", row["soc_sec_id"])
        set_fields(rec, "name", given=row["given_name"], family=row["surname"])
        dob = row["date_of_birth"]
        normalized = (iso_date(dob[:4], dob[4:6], dob[6:])
                      if re.fullmatch(r"\d{8}", dob) else None)
        set_birth_date(rec, normalized, dob)
        street = " ".join(x for x in (row["street_number"], row["address_1"])
                          if x)
        set_fields(rec, "address", line1=street, line2=row["address_2"],
                   postal_code=row["postcode"], city=row["suburb"],
                   region=row["state"])
        if "address" in rec:
            rec["address"]["country"] = "AU"
        yield rec, m.group(1)


def convert_febrl(data, number, with_ids):
    folder = os.path.join(data, "febrl")
    if number == "4":
        yield from febrl_rows(os.path.join(folder, "dataset4a.csv"),
                              "febrl4a", with_ids)
        yield from febrl_rows(os.path.join(folder, "dataset4b.csv"),
                              "febrl4b", with_ids)
    else:
        yield from febrl_rows(os.path.join(folder, f"dataset{number}.csv"),
                              "febrl", with_ids)


# Splink ---------------------------------------------------------------------

def convert_fake_1000(data):
    path = os.path.join(data, "splink_fake_1000", "fake_1000.csv")
    rows = read_csv(path)
    require_columns(path, rows, ["unique_id", "first_name", "surname", "dob",
                                 "city", "email", "cluster"])
    for row in rows:
        rec = make_record("fake1000", row["unique_id"])
        add_identifier(rec, "email", row["email"])
        set_fields(rec, "name", given=row["first_name"], family=row["surname"])
        set_birth_date(rec, valid_iso(row["dob"]), row["dob"])
        set_fields(rec, "address", city=row["city"])
        yield rec, row["cluster"]


def convert_historical_50k(data):
    path = os.path.join(data, "splink_historical_50k",
                        "historical_figures_with_errors_50k.csv")
    rows = read_csv(path)
    require_columns(path, rows, ["unique_id", "cluster", "full_name",
                                 "first_name", "surname", "dob", "birth_place",
                                 "postcode_fake", "gender", "occupation"])
    for row in rows:
        rec = make_record("hist", row["unique_id"])
        set_fields(rec, "name", given=row["first_name"], family=row["surname"],
                   full=row["full_name"])
        set_birth_date(rec, valid_iso(row["dob"]), row["dob"])
        set_scalar(rec, "gender", row["gender"])
        set_fields(rec, "address", city=row["birth_place"],
                   postal_code=row["postcode_fake"])
        if "address" in rec:
            rec["address"]["country"] = "GB"
        set_fields(rec, "attributes", occupation=row["occupation"])
        yield rec, row["cluster"]


# RLdata ---------------------------------------------------------------------

def convert_rldata(data, size):
    path = os.path.join(data, "rldata", f"RLdata{size}.csv")
    rows = read_csv(path)
    require_columns(path, rows, ["rec_idx", "identity", "fname_c1", "fname_c2",
                                 "lname_c1", "lname_c2", "by", "bm", "bd"])
    for row in rows:
        rec = make_record("rldata", row["rec_idx"])
        given = " ".join(x for x in (row["fname_c1"], row["fname_c2"]) if x)
        family = " ".join(x for x in (row["lname_c1"], row["lname_c2"]) if x)
        set_fields(rec, "name", given=given, family=family)
        raw = "-".join((row["by"], row["bm"], row["bd"]))
        normalized = iso_date(row["by"], row["bm"], row["bd"])
        set_birth_date(rec, normalized, raw if raw != "--" else "")
        # The country is implied by the data (German names), not recorded.
        rec["address"] = {"country": "DE"}
        yield rec, row["identity"]


# Senzing --------------------------------------------------------------------

MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
     "nov", "dec"), start=1)}

COUNTRIES = {
    "us": "US", "usa": "US", "united states": "US", "can": "CA",
    "canada": "CA", "germany": "DE", "de": "DE", "singapore": "SG",
    "sg": "SG", "rus": "RU", "russia": "RU", "cambodia": "KH",
    "pakistan": "PK", "lichtenstein": "LI", "liechtenstein": "LI",
    "india": "IN", "united kingdom": "GB", "uk": "GB", "china": "CN",
    "hong kong": "HK",
}


def full_year(text):
    """Expands a two-digit birth year: 00..26 -> 20xx, 27..99 -> 19xx."""
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= 26 else 1900
    return year


def senzing_dob(raw):
    """Returns YYYY-MM-DD for the DOB spellings in the Senzing files.

    M/D/Y is the default reading of a slashed date (US data); D/M/Y is used
    only when the first part cannot be a month.
    """
    raw = raw.strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw)
    if m:
        return iso_date(*m.groups())
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", raw)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), full_year(m.group(3))
        return iso_date(y, a, b) if a <= 12 else iso_date(y, b, a)
    m = re.fullmatch(r"(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4})", raw)
    if m and m.group(2).lower() in MONTHS:
        return iso_date(full_year(m.group(3)), MONTHS[m.group(2).lower()],
                        m.group(1))
    m = re.fullmatch(r"([A-Za-z]{3})[a-z]* (\d{1,2}),? (\d{4})", raw)
    if m and m.group(1).lower() in MONTHS:
        return iso_date(m.group(3), MONTHS[m.group(1).lower()], m.group(2))
    return None


# Feature keys copied into attributes under the lowercased key.
SENZING_ATTRIBUTE_FEATURES = (
    "RECORD_TYPE", "ADDR_TYPE", "PHONE_TYPE", "PASSPORT_COUNTRY",
    "DRIVERS_LICENSE_STATE", "NATIONAL_ID_TYPE", "NATIONAL_ID_COUNTRY",
    "TAX_ID_TYPE", "TAX_ID_COUNTRY", "REL_ANCHOR_DOMAIN", "REL_ANCHOR_KEY",
    "REL_POINTER_DOMAIN", "REL_POINTER_KEY", "REL_POINTER_ROLE", "NAME_MIDDLE")

SENZING_IDENTIFIERS = (
    ("EMAIL_ADDRESS", "email"), ("PHONE_NUMBER", "phone"),
    ("SSN_NUMBER", "national_id"), ("NATIONAL_ID_NUMBER", "national_id"),
    ("DRIVERS_LICENSE_NUMBER", "drivers_license"),
    ("PASSPORT_NUMBER", "passport"), ("TAX_ID_NUMBER", "tax_id"),
    ("LEI_NUMBER", "lei"))


def senzing_name(rec, feature):
    if "NAME_ORG" in feature:
        if feature.get("NAME_TYPE", "PRIMARY") == "AKA" or rec.get(
                "organization"):
            set_fields(rec, "attributes", name_org_aka=feature["NAME_ORG"])
        else:
            set_scalar(rec, "organization", feature["NAME_ORG"])
    set_fields(rec, "name", given=feature.get("NAME_FIRST"),
               family=feature.get("NAME_LAST"), full=feature.get("NAME_FULL"))


def senzing_address(rec, feature):
    country = clip(feature.get("ADDR_COUNTRY"))
    set_fields(rec, "address",
               line1=feature.get("ADDR_LINE1") or feature.get("ADDR_FULL"),
               city=feature.get("ADDR_CITY"), region=feature.get("ADDR_STATE"),
               postal_code=feature.get("ADDR_POSTAL_CODE"),
               country=COUNTRIES.get(country.lower(), country))
    if feature.get("ADDR_LINE1") and feature.get("ADDR_FULL"):
        set_fields(rec, "attributes", addr_full=feature["ADDR_FULL"])


def senzing_record(obj, where):
    if not obj.get("DATA_SOURCE") or not obj.get("RECORD_ID"):
        raise ConvertError(f"{where}: DATA_SOURCE and RECORD_ID are required")
    rec = make_record(obj["DATA_SOURCE"].lower(), str(obj["RECORD_ID"]))
    for feature in obj.get("FEATURES", []):
        for key, id_type in SENZING_IDENTIFIERS:
            add_identifier(rec, id_type, feature.get(key))
        senzing_name(rec, feature)
        if "EMPLOYER" in feature:
            set_scalar(rec, "organization", feature["EMPLOYER"])
        if "DATE_OF_BIRTH" in feature:
            raw = feature["DATE_OF_BIRTH"]
            normalized = senzing_dob(raw)
            set_birth_date(rec, normalized, raw)
            if normalized and normalized != raw.strip():
                set_fields(rec, "attributes", raw_dob=raw)
        set_scalar(rec, "gender", feature.get("GENDER"))
        if any(k.startswith("ADDR_") and k != "ADDR_TYPE" for k in feature):
            senzing_address(rec, feature)
        for key in SENZING_ATTRIBUTE_FEATURES:
            if key in feature:
                set_fields(rec, "attributes", **{key.lower(): feature[key]})
    for key, value in obj.items():
        if key not in ("DATA_SOURCE", "RECORD_ID", "FEATURES"):
            set_fields(rec, "attributes", **{key.lower(): str(value)})
    return rec


def convert_senzing_v4(data):
    folder = os.path.join(data, "senzing_truth_sets", "demo_v4")
    key_path = os.path.join(folder, "actual_truthset_key.csv")
    keys = read_csv(key_path)
    require_columns(key_path, keys, ["CLUSTER_ID", "DATA_SOURCE", "RECORD_ID"])
    truth = {(k["DATA_SOURCE"].lower(), k["RECORD_ID"]): k["CLUSTER_ID"]
             for k in keys}
    for name in ("customers.jsonl", "reference.jsonl", "watchlist.jsonl"):
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            raise ConvertError(f"{path}: no such file")
        with open(path, encoding="utf-8") as f:
            for line_no, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{line_no}"
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as e:
                    raise ConvertError(f"{where}: {e}") from None
                rec = senzing_record(obj, where)
                key = (rec["source"], rec["source_id"])
                if key not in truth:
                    raise ConvertError(f"{where}: {key} not in {key_path}")
                yield rec, truth[key]


# Driver ---------------------------------------------------------------------

def records_for(name, data, with_ids):
    if name.startswith("febrl"):
        return convert_febrl(data, name[len("febrl"):], with_ids)
    if name.startswith("rldata"):
        return convert_rldata(data, name[len("rldata"):])
    return {"fake_1000": convert_fake_1000,
            "historical_50k": convert_historical_50k,
            "senzing_v4": convert_senzing_v4}[name](data)


FIELD_ORDER = ("source", "source_id", "observed_at", "identifiers", "name",
               "organization", "birth_date", "gender", "address", "attributes",
               "birth_date_text")


def canonical(rec):
    """Returns rec with its keys in proto field order, for readable diffs."""
    return {k: rec[k] for k in FIELD_ORDER if k in rec}


def write_set(name, data, out, with_ids):
    """Converts one set into out/; returns (records, clusters)."""
    os.makedirs(out, exist_ok=True)
    seen = set()
    clusters = set()
    with open(os.path.join(out, "records.jsonl"), "w",
              encoding="utf-8") as rec_file, \
            open(os.path.join(out, "truth.csv"), "w", newline="",
                 encoding="utf-8") as truth_file:
        truth = csv.writer(truth_file, lineterminator="\n")
        truth.writerow(["source", "source_id", "cluster"])
        for rec, cluster in records_for(name, data, with_ids):
            key = (rec["source"], rec["source_id"])
            if key in seen:
                raise ConvertError(f"{name}: duplicate record key {key}")
            seen.add(key)
            clusters.add(cluster)
            rec_file.write(json.dumps(canonical(rec), ensure_ascii=False,
                                      separators=(",", ":")) + "\n")
            truth.writerow([rec["source"], rec["source_id"], cluster])
    return len(seen), len(clusters)


def main(argv):
    parser = argparse.ArgumentParser(
        description="Convert labelled linkage datasets to idres JSONL.")
    parser.add_argument("set", choices=SETS + ("all",),
                        help="dataset to convert, or 'all'")
    parser.add_argument("--data", default=default_data_dir(),
                        help="datasets folder (default: %(default)s)")
    parser.add_argument("--out", required=True,
                        help="output folder (for 'all': one subfolder a set)")
    parser.add_argument("--no-ids", action="store_true",
                        help="FEBRL: leave out soc_sec_id (national_id)")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.data):
        parser.error(f"--data {args.data}: not a directory")
    names = SETS if args.set == "all" else (args.set,)
    try:
        for name in names:
            out = (os.path.join(args.out, name) if args.set == "all"
                   else args.out)
            records, clusters = write_set(name, args.data, out,
                                          not args.no_ids)
            print(f"{name}: {records} records, {clusters} clusters -> {out}",
                  file=sys.stderr)
    except (ConvertError, OSError) as e:
        print(f"convert.py: error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
