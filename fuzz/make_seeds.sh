#!/usr/bin/env bash
# Writes the seed corpora of the fuzz targets under fuzz/corpus/ from the
# sample records of examples/ (run again after changing the examples or a
# request's fields; the output is committed):
#   json_record/  one JSONL line per file, as `idres ingest` reads them
#   normalize/    single field values (e-mails, phones, names, dates,
#                 addresses), name pairs "a|b", and one record's fields
#                 one per line
#   request/      a byte naming the request type (its index in kTargets of
#                 fuzz/request_fuzz.cc) then the request's protobuf bytes,
#                 encoded by protoc from text format
# usage: fuzz/make_seeds.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$repo/fuzz/corpus"
rm -rf "$out"
mkdir -p "$out/json_record" "$out/normalize" "$out/request"
text="$(mktemp -d)"
trap 'rm -rf "$text"' EXIT

/usr/bin/python3 - "$repo" "$out" "$text" <<'PY'
import datetime, hashlib, json, os, sys
repo, out, text = sys.argv[1:4]

def save(folder, data):
    if isinstance(data, str):
        data = data.encode()
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(folder, name), 'wb') as f:
        f.write(data)

def esc(s):
    o = []
    for b in s.encode():
        c = chr(b)
        o.append(c if 32 <= b < 127 and c not in '"\\' else '\\%03o' % b)
    return '"' + ''.join(o) + '"'

def ts(rfc3339):
    t = datetime.datetime.strptime(rfc3339, '%Y-%m-%dT%H:%M:%SZ')
    t = t.replace(tzinfo=datetime.timezone.utc)
    return '{ seconds: %d }' % int(t.timestamp())

def record_text(r):
    parts = []
    for k, v in r.items():
        if k == 'observed_at':
            parts.append('observed_at ' + ts(v))
        elif k == 'attributes':
            parts += ['attributes { key: %s value: %s }' % (esc(a), esc(b))
                      for a, b in v.items()]
        elif isinstance(v, list):
            parts += ['%s { %s }' % (k, ' '.join('%s: %s' % (a, esc(b))
                      for a, b in i.items())) for i in v]
        elif isinstance(v, dict):
            parts.append('%s { %s }' % (k, ' '.join('%s: %s' % (a, esc(b))
                         for a, b in v.items())))
        else:
            parts.append('%s: %s' % (k, esc(v)))
    return ' '.join(parts)

records = []
for name in ('customers.jsonl', 'quality_customers.jsonl'):
    with open(os.path.join(repo, 'examples', name), encoding='utf-8') as f:
        lines = [l.rstrip('\n') for l in f if l.strip()]
    records += [json.loads(l) for l in lines[:40]]
    for l in lines[:40]:
        save(os.path.join(out, 'json_record'), l)

values, givens = set(), []
for r in records:
    for i in r.get('identifiers', []):
        values.add(i['value'])
    n = r.get('name', {})
    values.update(v for v in n.values())
    givens.append(n.get('given', ''))
    values.update(v for v in r.get('address', {}).values())
    for k in ('birth_date', 'birth_date_text', 'organization'):
        if k in r:
            values.add(r[k])
values.update(['1949-00-13', '19500519', '2000-02-29', '+33 (0)6 48 51 00 52',
               '0033 6 48 51 00 52', 'Иван Петров', '王伟', "O'Brien"])
for v in sorted(values):
    save(os.path.join(out, 'normalize'), v)
for a, b in zip(givens, givens[1:] + givens[:1]):
    save(os.path.join(out, 'normalize'), a + '|' + b)
save(os.path.join(out, 'normalize'),
     'crm\nC-1\nemail\nann@x.org\nAnn\n1990-02-28\nParis\ntier')

# Requests: index of the type in kTargets, then its text format.
target = 'target { identifier { type: "email" value: "ephilippe@free.fr" } }'
requests = [(0, 'PingRequest', '')]
requests += [(1, 'ResolveRequest', 'record { %s }' % record_text(r))
             for r in records[:20]]
requests += [
    (2, 'GetProfileRequest', 'profile_id: "p-1" include_records: true '
        'records_page_size: 10 records_page_token: "3:10"'),
    (2, 'GetProfileRequest',
        'identifier { type: "phone" value: "06 48 51 00 52" }'),
    (3, 'ExportRecordsRequest', ''),
    (4, 'RecordInteractionRequest', target + ' interaction { channel: '
        '"chat" at { seconds: 1767225600 nanos: 5 } actor: "bot-1" '
        'actor_kind: ACTOR_KIND_BOT kind: INTERACTION_KIND_MESSAGE '
        'summary: "asked about delivery\\nsecond line" intent: '
        '"delivery_delay" case_id: "c-9" case_status: CASE_STATUS_OPEN '
        'facts { key: "order" value: "A-123" } }'),
    (5, 'GetContextRequest', target + ' max_interactions: 20'),
    (6, 'SearchProfilesRequest', 'name: "emilie philippe" city: "Reims" '
        'postal_code: "51010" birth_date: "1947-08-15" phone: "0052" '
        'email: "ephil" customer_id: "C5454789" limit: 10'),
    (7, 'SetConsentRequest', target + ' consent { purpose: "marketing" '
        'granted: true at { seconds: 1767225600 } source: "web_form" }'),
    (8, 'WatchProfileRequest', 'profile_id: "p-1" from_sequence: 5'),
    (9, 'WatchChangesRequest', 'from_sequence: 1'),
    (10, 'BackupRequest', 'dir: "/var/backups/idres-1"'),
    (11, 'ExplainProfileRequest', 'profile_id: "p-1"'),
    (12, 'ExplainPairRequest', 'a { source: "crm" source_id: "CRM-0001847" }'
        ' b { source: "chat" source_id: "web-8841" }'),
    (13, 'MergeProfilesRequest', 'profile_ids: "p-1" profile_ids: "p-2" '
        'actor: "agent-7" reason: "same person, checked by phone"'),
    (14, 'SplitProfileRequest', 'profile_id: "p-1" records { source: "crm" '
        'source_id: "CRM-0001847" } actor: "agent-7" reason: "twins"'),
    (15, 'DeleteRecordRequest', 'record { source: "crm" source_id: '
        '"CRM-0001847" } actor: "dpo" reason: "erasure request"'),
    (16, 'RemoveConstraintRequest', 'a { source: "crm" source_id: "1" } '
        'b { source: "crm" source_id: "2" } actor: "a" reason: "mistake"'),
    (17, 'ListAuditRequest', 'profile_id: "p-1" limit: 100'),
]
with open(os.path.join(text, 'list'), 'w') as f:
    for i, (index, name, body) in enumerate(requests):
        path = os.path.join(text, '%03d.txt' % i)
        with open(path, 'w') as t:
            t.write(body + '\n')
        f.write('%d %s %s\n' % (index, name, path))
PY

while read -r index type path; do
  bin="$path.bin"
  printf "\\x$(printf %02x "$index")" > "$bin"
  protoc --proto_path="$repo/proto" --encode="idres.v1.$type" \
    idres/v1/identity.proto idres/v1/governance.proto < "$path" >> "$bin"
  cp "$bin" "$out/request/$(sha1sum "$bin" | cut -c1-40)"
done < "$text/list"
echo "make_seeds.sh: $(ls "$out/json_record" | wc -l) json_record," \
  "$(ls "$out/normalize" | wc -l) normalize," \
  "$(ls "$out/request" | wc -l) request seeds" >&2
