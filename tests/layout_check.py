#!/usr/bin/env python3
"""Refuses an include that points against the components' direction.

usage: layout_check.py SOURCE_DIR   (run by every build; exit 1 on a breach)

Each folder is a component (docs/architecture.md); a file may include only
its own component's headers and those of the components listed for it
below. Also: store/keys.h and RocksDB headers stay inside store/, gRPC
headers appear only in server/, gateway/, client/ (the streaming client),
cli/ and bench/load/, the HTTP and metrics libraries (httplib.h,
prometheus/) only in gateway/, and no API proto imports the storage
schema. Tests and benchmarks may include anything.
"""
import os
import re
import sys

BELOW = {
    'store': [],
    'client': [],
    'console': [],
    'normalize': ['store'],
    'match': ['normalize', 'store'],
    'views': ['match', 'normalize', 'store'],
    'training': ['match', 'normalize', 'store'],
    'graph': ['views', 'match', 'normalize', 'store'],
    'governance': ['graph', 'views', 'match', 'normalize', 'store'],
    'context': ['graph', 'views', 'match', 'normalize', 'store'],
    'server': ['governance', 'context', 'graph', 'views', 'match',
               'normalize', 'store', 'training'],
    'gateway': ['console', 'server', 'governance', 'context', 'graph', 'views',
                'match', 'normalize', 'store', 'training'],
    'bench/load': ['client'],
    'cli': ['server', 'gateway', 'governance', 'context', 'graph', 'views',
            'match', 'normalize', 'store', 'training', 'client', 'bench/load'],
}
GRPC_OK = {'server', 'gateway', 'client', 'cli', 'bench/load'}
INCLUDE = re.compile(r'^#include "([^"]+)"', re.M)


def component(path):
    if path.startswith('bench/load/'):
        return 'bench/load'
    head = path.split('/')[0]
    return head if head in BELOW else None


def breaches(root):
    for folder, _, names in os.walk(root):
        for name in names:
            if not name.endswith(('.h', '.cc')):
                continue
            path = os.path.relpath(os.path.join(folder, name), root)
            comp = component(path)
            if comp is None:
                continue
            with open(os.path.join(root, path), encoding='utf-8') as f:
                text = f.read()
            for inc in INCLUDE.findall(text):
                target = component(inc)
                if target and target != comp and target not in BELOW[comp]:
                    yield f'{path}: includes {inc} ({comp} may not use {target})'
                if inc == 'store/keys.h' and comp != 'store':
                    yield f'{path}: includes {inc}, private to store/'
                if inc.startswith('rocksdb/') and comp != 'store':
                    yield f'{path}: includes {inc}, private to store/'
                if (inc == 'httplib.h' or inc.startswith('prometheus/')) \
                        and comp != 'gateway':
                    yield f'{path}: includes {inc}, private to gateway/'
                if ('grpc' in inc.split('/')[0] or inc.endswith('.grpc.pb.h')) \
                        and comp not in GRPC_OK:
                    yield f'{path}: includes {inc}; gRPC belongs to server/, gateway/, client/, cli/, bench/load/'
    api = os.path.join(root, 'proto', 'idres', 'v1')
    for name in sorted(os.listdir(api)):
        with open(os.path.join(api, name), encoding='utf-8') as f:
            if 'idres/storage/' in f.read():
                yield f'proto/idres/v1/{name}: imports the storage schema'


def main():
    found = list(breaches(sys.argv[1] if len(sys.argv) > 1 else '.'))
    for line in found:
        print(f'layout: {line}', file=sys.stderr)
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main())
